@testable import FAQDialogue
import FAQSearch
import Foundation
import XCTest

final class BookingFieldTests: XCTestCase {
    func testPhoneNumbersAreNormalised() {
        XCTAssertEqual(try PhoneNumber.normalise("+44 (20) 7946-0958").get(), "+442079460958")
        XCTAssertEqual(try PhoneNumber.normalise("020 7946 0958").get(), "02079460958")
        XCTAssertEqual(try PhoneNumber.normalise("1234567").get(), "1234567")
        XCTAssertEqual(try PhoneNumber.normalise("+123456789012345").get(), "+123456789012345")
    }

    func testPhoneNumbersAreRefused() {
        XCTAssertEqual(PhoneNumber.normalise("123456"), .failure(.phoneLength(digits: 6)))
        XCTAssertEqual(PhoneNumber.normalise("1234567890123456"), .failure(.phoneLength(digits: 16)))
        XCTAssertEqual(PhoneNumber.normalise(""), .failure(.phoneLength(digits: 0)))
        for text in ["0207 946 095x", "44+2079460958", "++442079460958", "020.7946.0958", "(020 7946 0958", "020) 7946 (0958",
                     "call me", "jane@example.com"] {
            XCTAssertEqual(PhoneNumber.normalise(text), .failure(.phoneCharacters), text)
        }
    }

    func testPhoneNumbersWithInvisibleOrNonASCIICharactersAreRefused() {
        // Digits carrying combining marks, keycaps, zero-width joiners, other scripts' digits,
        // superscripts, controls: all look like (or hide among) digits; none is stored.
        for text in ["0\u{301}20 7946 0958", "1\u{FE0F}\u{20E3}234567", "020\u{200D}79460958", "020\u{200B}7946 0958",
                     "٠٢٠٧٩٤٦٠٩٥٨", "०२०७९४६०९५८", "020 7946 095⁸", "020 7946\u{1B}[2J0958", "020\u{202E}79460958",
                     "+\u{301}442079460958", "①②③④⑤⑥⑦"] {
            XCTAssertEqual(PhoneNumber.normalise(text), .failure(.phoneCharacters), text.debugDescription)
        }
        // A 2 KB "number" is refused before anything else is looked at.
        XCTAssertEqual(PhoneNumber.normalise("0" + String(repeating: "\u{301}", count: 1000) + "2079460958"),
                       .failure(.phoneTooLong(limit: PhoneNumber.maximumTextBytes)))
        XCTAssertEqual(PhoneNumber.normalise(String(repeating: "1 ", count: 40)), .failure(.phoneTooLong(limit: 64)))
    }

    func testFullWidthDigitsAndUnicodeDashesAreReadAsASCII() {
        XCTAssertEqual(try PhoneNumber.normalise("＋４４ （２０） ７９４６－０９５８").get(), "+442079460958")
        XCTAssertEqual(try PhoneNumber.normalise("020\u{00A0}7946\u{2013}0958").get(), "02079460958")
    }

    func testNamesWithControlOrInvisibleCharactersAreRefused() {
        XCTAssertEqual(try BookingFormTesting.name("Jane\tDoe").get(), "Jane Doe")
        XCTAssertEqual(try BookingFormTesting.name("Nguyễn Văn Anh").get(), "Nguyễn Văn Anh")
        XCTAssertEqual(try BookingFormTesting.name("Zoë O'Neil-Smith").get(), "Zoë O'Neil-Smith")
        for text in ["Jane\u{1B}[2JDoe", "Jane\u{7}", "Jane\u{202E}eoD", "Jane\u{2066}Doe", "Jane\u{85}Doe", "Jane\u{2028}Doe",
                     "Jane\u{AD}Doe", "\u{9B}31mJane"] {
            XCTAssertEqual(BookingFormTesting.name(text), .failure(.controlCharacters), text.debugDescription)
        }
        // Invisible only: Hangul fillers are "letters" that show nothing; marks alone; a letter
        // buried under a pile of combining marks.
        for text in ["\u{3164}", "\u{3164} \u{115F}", "\u{301}\u{302}", "a" + String(repeating: "\u{301}", count: 5)] {
            XCTAssertEqual(BookingFormTesting.name(text), .failure(.nameInvalid), text.debugDescription)
        }
        // Limited in characters and in bytes.
        XCTAssertEqual(BookingFormTesting.name(String(repeating: "a", count: 101)), .failure(.nameTooLong(limit: 100)))
        XCTAssertEqual(BookingFormTesting.name(String(repeating: "a\u{301}\u{302}\u{303}", count: 90)),
                       .failure(.nameTooLong(limit: 100)))
    }

    func testTimesOfDay() {
        let slots = ["morning", "afternoon", "evening"]
        let cases: [(String, PreferredTime)] = [
            ("morning", .slot("morning")), ("in the afternoon", .slot("afternoon")), ("Evenings", .slot("evening")),
            ("early morning please", .slot("morning")), ("10am", .clock(minutes: 600)), ("10 am", .clock(minutes: 600)),
            ("10:30", .clock(minutes: 630)), ("2.30 pm", .clock(minutes: 870)), ("2:30pm", .clock(minutes: 870)),
            ("14:00", .clock(minutes: 840)), ("at 3", .clock(minutes: 900)), ("around 11", .clock(minutes: 660)),
            ("noon", .clock(minutes: 720)), ("12pm", .clock(minutes: 720)), ("12am", .clock(minutes: 0)),
            ("1430", .clock(minutes: 870)), ("any time", .any), ("anytime", .any), ("no preference", .any),
            ("I don't mind", .any),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(PreferredTime.parse(text, slotNames: slots), expected, text)
        }
        for text in ["", "lunch", "25:00", "10:75", "13pm", "tomorrow", "0am", "night"] {
            XCTAssertNil(PreferredTime.parse(text, slotNames: slots), text)
        }
    }

    func testStoredTimesReadBack() {
        for time in [PreferredTime.slot("morning"), .clock(minutes: 870), .clock(minutes: 425), .any] {
            XCTAssertEqual(PreferredTime(stored: time.description), time)
        }
    }
}

final class ClinicScheduleTests: XCTestCase {
    let sample = """
    # comment
    Time Zone: Europe/London
    open days: Monday-Friday, saturday   # trailing comment
    closed dates: 2026-12-25, 2027-01-01
    slots: morning 09:00-12:00, afternoon 12:00-17:00, evening 17:00-19:30
    saturday: morning
    contact: call 020 7946 0000
    book ahead days: 100
    attempts: 2
    """

    func testParsesEveryKey() throws {
        let schedule = try ClinicSchedule.parse(sample, file: "clinic.conf")
        XCTAssertEqual(schedule.timeZone.identifier, "Europe/London")
        XCTAssertEqual(schedule.openDays, [.monday, .tuesday, .wednesday, .thursday, .friday, .saturday])
        XCTAssertEqual(schedule.closedDates, [CivilDate(year: 2026, month: 12, day: 25)!, CivilDate(year: 2027, month: 1, day: 1)!])
        XCTAssertEqual(schedule.slots.map(\.name), ["morning", "afternoon", "evening"])
        XCTAssertEqual(schedule.slots[2].end, 19 * 60 + 30)
        XCTAssertEqual(schedule.slotsByWeekday, [.saturday: ["morning"]])
        XCTAssertEqual(schedule.contact, "call 020 7946 0000")
        XCTAssertEqual(schedule.maximumDaysAhead, 100)
        XCTAssertEqual(schedule.maximumAttempts, 2)
    }

    func testTheShippedClinicConfParses() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("knowledge/clinic.conf")
        let schedule = try ClinicSchedule.parse(try String(contentsOf: url, encoding: .utf8), file: url.path)
        XCTAssertFalse(schedule.openDays.contains(.sunday))
        XCTAssertFalse(schedule.slots.isEmpty)
    }

    func testMistakesNameTheFileAndLine() {
        let cases: [(String, Int, String)] = [
            ("time zone: Mars/Olympus", 1, "unknown time zone"),
            ("\nopen days: Monday-Funday", 2, "not a day of the week"),
            ("closed dates: 25/12/2026", 1, "YYYY-MM-DD"),
            ("slots: morning 9-12", 1, "not a slot"),
            ("slots: morning 12:00-09:00", 1, "ends before it starts"),
            ("slots: morning 09:00-12:00\nsaturday: evening", 2, "not one of the slots"),
            ("attempts: 3\nattempts: 4", 2, "already set on line 1"),
            ("colour: blue", 1, "unknown key 'colour'"),
            ("just words", 1, "expected 'key: value'"),
            ("contact:", 1, "has no value"),
            ("open days: monday,, friday", 1, "empty item"),
            ("book ahead days: lots", 1, "number of days"),
        ]
        for (text, line, reason) in cases {
            XCTAssertThrowsError(try ClinicSchedule.parse(text, file: "knowledge/clinic.conf"), text) { error in
                guard case .malformed(let file, let errorLine, let message) = error as? KnowledgeError else {
                    return XCTFail("\(error)")
                }
                XCTAssertEqual(file, "knowledge/clinic.conf")
                XCTAssertEqual(errorLine, line, text)
                XCTAssertTrue(message.contains(reason), "\(message) for \(text)")
            }
        }
    }

    func testDatesTheClinicCannotTake() throws {
        let schedule = try ClinicSchedule.parse(sample, file: "clinic.conf")
        let today = CivilDate(year: 2026, month: 12, day: 1)!
        XCTAssertNil(schedule.refusal(for: today, today: today))
        XCTAssertEqual(schedule.refusal(for: today.adding(days: -1), today: today), .datePast(today.adding(days: -1)))
        XCTAssertEqual(schedule.refusal(for: CivilDate(year: 2026, month: 12, day: 6)!, today: today),
                       .closedWeekday(.sunday, openDays: [.monday, .tuesday, .wednesday, .thursday, .friday, .saturday]))
        XCTAssertEqual(schedule.refusal(for: CivilDate(year: 2026, month: 12, day: 25)!, today: today),
                       .closedDate(CivilDate(year: 2026, month: 12, day: 25)!))
        // 100 days ahead is the last day (a Thursday); 101 is too far.
        XCTAssertNil(schedule.refusal(for: today.adding(days: 100), today: today))
        XCTAssertEqual(schedule.refusal(for: today.adding(days: 101), today: today), .dateTooFar(latest: today.adding(days: 100)))
        XCTAssertTrue(FieldRefusal.closedWeekday(.sunday, openDays: [.monday, .tuesday, .wednesday, .thursday, .friday, .saturday])
            .message.contains("open Monday to Saturday"))
    }

    func testAYearAheadByDefault() {
        let schedule = ClinicSchedule()
        let today = CivilDate(year: 2026, month: 12, day: 1)!
        XCTAssertEqual(schedule.latestDate(from: today), CivilDate(year: 2027, month: 12, day: 1)!)
    }

    func testTimesTheClinicCannotTake() throws {
        let schedule = try ClinicSchedule.parse(sample, file: "clinic.conf")
        let saturday = CivilDate(year: 2026, month: 12, day: 5)!
        let friday = CivilDate(year: 2026, month: 12, day: 4)!
        XCTAssertNil(schedule.refusal(for: .slot("evening"), on: friday))
        XCTAssertEqual(schedule.refusal(for: .slot("evening"), on: saturday), .slotUnavailable("evening", date: saturday, slots: ["morning"]))
        XCTAssertNil(schedule.refusal(for: .clock(minutes: 19 * 60 + 29), on: friday))
        XCTAssertEqual(schedule.refusal(for: .clock(minutes: 19 * 60 + 30), on: friday),
                       .timeOutsideHours("19:30", date: friday, hours: "09:00-12:00, 12:00-17:00 and 17:00-19:30"))
        XCTAssertEqual(schedule.refusal(for: .clock(minutes: 13 * 60), on: saturday),
                       .timeOutsideHours("13:00", date: saturday, hours: "09:00-12:00"))
        XCTAssertNil(schedule.refusal(for: .any, on: saturday))
    }
}

/// The form's field readers, through `@testable`.
private enum BookingFormTesting {
    static func name(_ text: String) -> Result<String, FieldRefusal> { BookingForm.name(text) }
}
