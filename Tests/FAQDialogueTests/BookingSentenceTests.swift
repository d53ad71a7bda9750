@testable import FAQDialogue
import XCTest

final class BookingSentenceTests: XCTestCase {
    /// Tuesday 1 December 2026.
    let today = CivilDate(year: 2026, month: 12, day: 1)!
    let slots = ClinicSchedule.standardSlots

    func d(_ day: Int) -> CivilDate { CivilDate(year: 2026, month: 12, day: day)! }

    func read(_ text: String, today: CivilDate? = nil) -> BookingSentence {
        BookingSentence.read(text, slotNames: slots.map(\.name), today: today ?? self.today)
    }

    /// The times `text` names, read with the standard slots.
    func times(_ text: String) -> [PreferredTime] {
        read(text).times.flatMap { $0.readings(in: slots) }
    }

    func testClockTimesInTheirManyForms() {
        let cases: [(String, Int)] = [
            ("2:30", 14 * 60 + 30), ("around 2:30", 14 * 60 + 30), ("2.30 pm", 14 * 60 + 30), ("at 2.30pm please", 14 * 60 + 30),
            ("half past two", 14 * 60 + 30), ("half two", 14 * 60 + 30), ("quarter to four", 15 * 60 + 45),
            ("quarter past ten", 10 * 60 + 15), ("two thirty", 14 * 60 + 30), ("3 o'clock", 15 * 60), ("around 11", 11 * 60),
            ("at 3", 15 * 60), ("10am", 10 * 60), ("10 am", 10 * 60), ("14:00", 14 * 60), ("noon", 12 * 60),
            ("4ish", 16 * 60), ("at 1430", 14 * 60 + 30), ("10:30", 10 * 60 + 30), ("first thing in the morning", 9 * 60),
        ]
        for (text, minutes) in cases {
            XCTAssertEqual(times(text), [.clock(minutes: minutes)], text)
        }
    }

    func testSlotsAndPhrasesOfTheDay() {
        XCTAssertEqual(times("evening"), [.slot("evening")])
        XCTAssertEqual(times("mornings are best"), [.slot("morning")])
        XCTAssertEqual(times("after lunch"), [.slot("afternoon")])
        XCTAssertEqual(times("before lunch"), [.slot("morning")])
        XCTAssertEqual(times("after work"), [.slot("evening")])
        XCTAssertEqual(times("any time"), [.any])
        XCTAssertEqual(read("this afternoon").dates, [today], "this afternoon is today")
        XCTAssertEqual(read("tonight").dates, [today])
    }

    func testAnHourWhosePartOfTheDayIsOpenEitherWayGivesBoth() {
        // A clinic open 09:00-22:00: 9 may be morning or evening.
        let long = [ClinicSchedule.Slot(name: "day", start: 9 * 60, end: 22 * 60)]
        XCTAssertEqual(SpokenTime.Mention.hour(9, minute: 0).readings(in: long), [.clock(minutes: 540), .clock(minutes: 1260)])
        XCTAssertEqual(SpokenTime.Mention.hour(8, minute: 0).readings(in: slots), [.clock(minutes: 480)], "neither: as said")
    }

    func testNumbersThatAreNotTimes() {
        XCTAssertEqual(times("3 December"), [])
        XCTAssertEqual(times("the 3rd"), [])
        XCTAssertEqual(times("98765 43210"), [])
        XCTAssertEqual(read("3 December").dates, [d(3)])
    }

    func testSeveralFieldsInOneSentence() {
        let sentence = read("Jane Doe, 98765 43210, tomorrow at 2.30 pm")
        XCTAssertEqual(sentence.phone, "9876543210")
        XCTAssertEqual(sentence.dates, [d(2)])
        XCTAssertEqual(sentence.times, [.exact(.clock(minutes: 14 * 60 + 30))])
        XCTAssertEqual(sentence.leftover, "Jane Doe")
        let opening = read("I'd like to book for next Tuesday afternoon")
        XCTAssertEqual(opening.dates, [d(8)])
        XCTAssertEqual(opening.times, [.exact(.slot("afternoon"))])
        XCTAssertNil(opening.name)
        let introduced = read("hi, my name is Ravi Kumar and my number is +91 98765 43210")
        XCTAssertEqual(introduced.name, "Ravi Kumar")
        XCTAssertEqual(introduced.phone, "+919876543210")
    }

    func testNoNumberIsPickedOutOfDigitsWithMarksOrKeycaps() {
        for text in ["0\u{301}20 7946 0958", "1\u{FE0F}\u{20E3}2079460958", "call 020\u{200B}7946 0958"] {
            XCTAssertNil(read(text).phone, text.debugDescription)
        }
        XCTAssertEqual(read("call me on 020 7946 0958 please").phone, "02079460958")
    }

    func testWhoTheBookingIsFor() {
        let brother = read("can I book another one for my brother tomorrow evening")
        XCTAssertEqual(brother.person, "brother")
        XCTAssertNil(brother.name)
        XCTAssertEqual(brother.dates, [d(2)])
        XCTAssertEqual(brother.times, [.exact(.slot("evening"))])
        XCTAssertEqual(read("it's for my wife, her name is Anita").name, "Anita")
        XCTAssertEqual(read("for my wife Anita Rao on friday").name, "Anita Rao")
        XCTAssertEqual(read("for someone else").person, "someone else")
        XCTAssertNil(read("for my brother ravi").name, "a lower-case word after the person is not taken as a name")
    }

    func testNamesNeedAnIntroduction() {
        XCTAssertNil(read("I'm free tomorrow").name)
        XCTAssertEqual(read("I'm Ravi").name, "Ravi")
        XCTAssertEqual(read("book it under Priya please").name, "Priya")
        XCTAssertNil(read("call me on 98765 43210").name)
        XCTAssertNil(read("call me later").name)
    }

    func testTwoDaysOrAnAmbiguousNextAreBothKept() {
        XCTAssertEqual(read("monday or tuesday").dates, [d(7), d(8)])
        // "next Wednesday" said on a Monday: in two days, or in nine.
        let monday = d(7)
        XCTAssertEqual(read("next wednesday", today: monday).dates, [d(9), d(16)])
        XCTAssertEqual(read("next tuesday").dates, [d(8)], "a week ahead is not ambiguous")
    }

    func testARefusedDateIsNotReadAsAShorterOne() {
        XCTAssertEqual(read("Monday 3 December").dateRefusal, .dateWeekdayMismatch(d(3), said: .monday))
        XCTAssertEqual(read("on 31 November at 10").dateRefusal, .dateNoSuchDay(day: 31, month: 11, year: nil))
        XCTAssertEqual(read("sometime next week").dateRefusal, .dateVague)
        XCTAssertTrue(read("sometime next week").dates.isEmpty)
    }

    func testCallingOffInsideASentence() {
        for text in ["actually never mind, I'll call later", "forget it", "I've changed my mind", "ok I'll call the clinic",
                     "let me think about it"] {
            XCTAssertTrue(read(text).cancels, text)
        }
        for text in ["tomorrow", "Jane", "how long does it take to heal", "never mind the date, make it friday"] {
            XCTAssertFalse(read(text).cancels, text)
        }
    }

    func testNothingInOrdinaryWords() {
        for text in ["does it hurt", "hello", "I want to book an appointment", "may I ask something", "what is the cost"] {
            XCTAssertFalse(read(text).hasValues, text)
        }
    }
}
