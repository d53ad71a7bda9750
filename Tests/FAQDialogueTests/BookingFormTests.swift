import FAQDialogue
import XCTest

final class BookingFormTests: XCTestCase {
    /// Tuesday 1 December 2026.
    let today = CivilDate(year: 2026, month: 12, day: 1)!
    let schedule = ClinicSchedule(closedDates: [CivilDate(year: 2026, month: 12, day: 25)!],
                                  slotsByWeekday: [.saturday: ["morning"]], contact: "call 020 7946 0000")

    /// A form filled up to the confirmation.
    func filledForm() -> BookingForm {
        var form = BookingForm(schedule: schedule)
        for line in ["Jane Doe", "020 7946 0958", "3 December", "evening", "no"] {
            _ = form.receive(line, today: today)
        }
        XCTAssertEqual(form.field, .confirm)
        return form
    }

    func testFieldsAreAskedInOrderThenTheRequestIsSubmitted() {
        var form = BookingForm(schedule: schedule)
        XCTAssertEqual(form.start, .ask(.name, refusal: nil))
        XCTAssertEqual(form.receive("  my name is Jane  Doe ", today: today), .ask(.phone, refusal: nil))
        XCTAssertEqual(form.receive("+44 (20) 7946-0958", today: today), .ask(.date, refusal: nil))
        XCTAssertEqual(form.receive("3rd of December", today: today), .ask(.time, refusal: nil))
        XCTAssertEqual(form.receive("evening", today: today), .ask(.note, refusal: nil))
        XCTAssertEqual(form.receive("First visit, ring after 5", today: today), .ask(.confirm, refusal: nil))
        XCTAssertTrue(form.prompt(for: .confirm).contains("Name: Jane Doe\nPhone: +442079460958\nDate: Thursday 3 December 2026"))
        let expected = BookingRequest(name: "Jane Doe", phone: "+442079460958", date: CivilDate(year: 2026, month: 12, day: 3)!,
                                      time: .slot("evening"), note: "First visit, ring after 5")
        XCTAssertEqual(form.receive("yes", today: today), .submit(expected))
    }

    func testNoNoteIsStoredAsNone() {
        var form = filledForm()
        guard case .submit(let request) = form.receive("Yes please", today: today) else { return XCTFail() }
        XCTAssertNil(request.note)
    }

    func testEveryInvalidValueIsExplainedAndAskedAgain() {
        let cases: [(BookingForm.Field, String, FieldRefusal)] = [
            (.name, "12345", .nameInvalid),
            (.name, "jane@example.com", .nameInvalid),
            (.name, String(repeating: "a", count: 101), .nameTooLong(limit: 100)),
            (.phone, "12 34", .phoneLength(digits: 4)),
            (.phone, "0207 CALL ME", .phoneCharacters),
            (.date, "whenever", .dateVague),
            (.date, "banana", .dateUnrecognized),
            (.date, "2026-11-30", .datePast(CivilDate(year: 2026, month: 11, day: 30)!)),
            (.date, "2027-12-02", .dateTooFar(latest: CivilDate(year: 2027, month: 12, day: 1)!)),
            (.date, "sunday", .closedWeekday(.sunday, openDays: [.monday, .tuesday, .wednesday, .thursday, .friday, .saturday])),
            (.date, "25 December", .closedDate(CivilDate(year: 2026, month: 12, day: 25)!)),
            (.date, "31 November", .dateNoSuchDay(day: 31, month: 11, year: nil)),
            (.time, "lunchtime", .timeUnrecognized(slots: ["morning", "afternoon", "evening"])),
            (.time, "8pm", .timeOutsideHours("20:00", date: CivilDate(year: 2026, month: 12, day: 3)!,
                                            hours: "09:00-12:00, 12:00-17:00 and 17:00-19:00")),
            (.note, String(repeating: "x", count: 501), .noteTooLong(limit: 500)),
            (.note, String(repeating: "\u{1F468}\u{200D}\u{1F469}", count: 200), .noteTooLong(limit: 500)),  // 200 characters, 2,200 bytes
            (.note, "ring the bell\u{7}\u{1B}]0;owned\u{7}", .controlCharacters),
            (.note, "first visit \u{202E}reversed", .controlCharacters),
            (.note, "one\u{2028}two", .controlCharacters),
            (.confirm, "maybe later", .confirmUnrecognized),
        ]
        let answers: [BookingForm.Field: String] = [.name: "Jane", .phone: "1234567", .date: "3 Dec", .time: "morning", .note: "no"]
        for (field, input, refusal) in cases {
            var form = BookingForm(schedule: schedule)
            for earlier in BookingForm.Field.allCases.prefix(while: { $0 != field }) {
                _ = form.receive(answers[earlier]!, today: today)
            }
            XCTAssertEqual(form.field, field)
            XCTAssertEqual(form.refusal(of: input, today: today), refusal, input)
            XCTAssertEqual(form.receive(input, today: today), .ask(field, refusal: refusal), input)
            XCTAssertEqual(form.field, field, "the same field is asked again")
            XCTAssertFalse(refusal.message.isEmpty)
        }
    }

    func testTooManyRefusalsEndTheForm() {
        var form = BookingForm(schedule: schedule)
        _ = form.receive("Jane", today: today)
        for _ in 1..<schedule.maximumAttempts {
            XCTAssertEqual(form.receive("abc", today: today), .ask(.phone, refusal: .phoneCharacters))
        }
        XCTAssertEqual(form.receive("abc", today: today), .gaveUp(.phoneCharacters))
    }

    func testAGoodValueResetsTheCountOfRefusals() {
        var form = BookingForm(schedule: schedule)
        for _ in 1..<schedule.maximumAttempts { _ = form.receive("123", today: today) }
        XCTAssertEqual(form.receive("Jane", today: today), .ask(.phone, refusal: nil))
        for _ in 1..<schedule.maximumAttempts { _ = form.receive("123", today: today) }
        XCTAssertEqual(form.receive("1234567", today: today), .ask(.date, refusal: nil))
    }

    func testCancelAtEveryStep() {
        let answers = ["Jane", "1234567", "3 Dec", "morning", "no"]
        for step in 0...answers.count {
            for word in ["cancel", "/cancel", "Cancel.", "never mind", "stop"] {
                var form = BookingForm(schedule: schedule)
                for answer in answers.prefix(step) { _ = form.receive(answer, today: today) }
                XCTAssertEqual(form.receive(word, today: today), .cancelled, "\(word) at step \(step)")
            }
        }
    }

    func testNoAtTheSummaryChangesOneFieldThenShowsTheSummaryAgain() {
        var form = filledForm()
        XCTAssertEqual(form.receive("no", today: today), .ask(.confirm, refusal: nil))
        XCTAssertTrue(form.prompt(for: .confirm).contains("What would you like to change"))
        XCTAssertEqual(form.receive("the phone number", today: today), .ask(.phone, refusal: nil))
        XCTAssertEqual(form.receive("07700 900123", today: today), .ask(.confirm, refusal: nil))
        XCTAssertEqual(form.phone, "07700900123")
        XCTAssertTrue(form.prompt(for: .confirm).contains("Shall I book it?"))
        // Naming the field straight away works too.
        XCTAssertEqual(form.receive("no, change the note", today: today), .ask(.note, refusal: nil))
        XCTAssertEqual(form.receive("wheelchair access please", today: today), .ask(.confirm, refusal: nil))
        guard case .submit(let request) = form.receive("yes", today: today) else { return XCTFail() }
        XCTAssertEqual(request.note, "wheelchair access please")
        XCTAssertEqual(request.phone, "07700900123")
    }

    func testANewDateWithoutTheChosenSlotAsksForTheTimeAgain() {
        var form = filledForm() // evening, Thursday
        _ = form.receive("change the date", today: today)
        let saturday = CivilDate(year: 2026, month: 12, day: 5)!
        XCTAssertEqual(form.receive("saturday", today: today),
                       .ask(.time, refusal: .slotUnavailable("evening", date: saturday, slots: ["morning"])))
        XCTAssertEqual(form.receive("morning", today: today), .ask(.confirm, refusal: nil))
    }

    func testADateThatPassedDuringTheConversationIsAskedAgain() {
        var form = filledForm() // 3 December
        let later = CivilDate(year: 2026, month: 12, day: 4)!
        XCTAssertEqual(form.receive("yes", today: later), .ask(.date, refusal: .datePast(CivilDate(year: 2026, month: 12, day: 3)!)))
        XCTAssertEqual(form.receive("monday", today: later), .ask(.confirm, refusal: nil))
    }
}
