import FAQDialogue
import XCTest

/// The form fed whole sentences: what is given is not asked again, what is ambiguous is asked back.
final class BookingFormSentenceTests: XCTestCase {
    /// Tuesday 1 December 2026.
    let today = CivilDate(year: 2026, month: 12, day: 1)!
    let schedule = ClinicSchedule(slotsByWeekday: [.saturday: ["morning", "afternoon"]])

    func d(_ day: Int) -> CivilDate { CivilDate(year: 2026, month: 12, day: day)! }

    func testTheOpeningLineFillsWhatItGivesAndTheRestIsAskedInOrder() {
        var form = BookingForm(schedule: schedule)
        XCTAssertEqual(form.open(with: "I'd like to book for next Tuesday afternoon", today: today), .ask(.name, refusal: nil))
        XCTAssertEqual(form.date, d(8))
        XCTAssertEqual(form.time, .slot("afternoon"))
        XCTAssertEqual(form.acknowledgement, "Noted: Tuesday 8 December 2026, afternoon (12:00-17:00).")
        XCTAssertEqual(form.receive("Jane Doe", today: today), .ask(.phone, refusal: nil))
        XCTAssertNil(form.acknowledgement, "only the field asked was given")
        XCTAssertEqual(form.receive("98765 43210", today: today), .ask(.note, refusal: nil), "day and time are not asked again")
    }

    func testOneAnswerCanCarryEveryField() {
        var form = BookingForm(schedule: schedule)
        XCTAssertEqual(form.receive("Jane Doe, 98765 43210, thursday at half past two", today: today), .ask(.note, refusal: nil))
        XCTAssertEqual(form.name, "Jane Doe")
        XCTAssertEqual(form.phone, "9876543210")
        XCTAssertEqual(form.date, d(3))
        XCTAssertEqual(form.time, .clock(minutes: 14 * 60 + 30))
    }

    func testADayAnswerWithATimeOfDayKeepsBoth() {
        var form = BookingForm(schedule: schedule)
        _ = form.receive("Jane", today: today)
        _ = form.receive("1234567", today: today)
        XCTAssertEqual(form.receive("next Tuesday afternoon", today: today), .ask(.note, refusal: nil))
        XCTAssertEqual(form.time, .slot("afternoon"))
    }

    func testASlotNotOfferedThatDaySaysWhichAre() {
        var form = BookingForm(schedule: schedule)
        _ = form.receive("Jane", today: today)
        _ = form.receive("1234567", today: today)
        XCTAssertEqual(form.receive("saturday evening", today: today),
                       .ask(.time, refusal: .slotUnavailable("evening", date: d(5), slots: ["morning", "afternoon"])))
        XCTAssertEqual(form.date, d(5))
        XCTAssertTrue(FieldRefusal.slotUnavailable("evening", date: d(5), slots: ["morning", "afternoon"]).message
            .contains("Please choose morning or afternoon"))
        XCTAssertEqual(form.receive("after lunch", today: today), .ask(.note, refusal: nil))
        XCTAssertEqual(form.time, .slot("afternoon"))
    }

    func testBookingForSomeoneElseAsksTheirName() {
        var form = BookingForm(schedule: schedule)
        XCTAssertEqual(form.open(with: "can I book another one for my brother tomorrow evening", today: today), .ask(.name, refusal: nil))
        XCTAssertEqual(form.person, "brother")
        XCTAssertEqual(form.prompt(for: .name), "What is your brother's name?")
        XCTAssertEqual(form.receive("Ravi Kumar", today: today), .ask(.phone, refusal: nil))
        XCTAssertEqual(form.date, d(2))
        XCTAssertEqual(form.time, .slot("evening"))
        var wife = BookingForm(schedule: schedule)
        _ = wife.open(with: "I want to book for my wife", today: today)
        XCTAssertEqual(wife.prompt(for: .name), "What is your wife's name?")
    }

    func testAnAmbiguousDayIsAskedBack() {
        var form = BookingForm(schedule: schedule)
        _ = form.receive("Jane", today: today)
        _ = form.receive("1234567", today: today)
        XCTAssertEqual(form.receive("monday or tuesday", today: today), .ask(.date, refusal: nil))
        XCTAssertNil(form.date)
        XCTAssertTrue(form.prompt(for: .date).hasPrefix("Did you mean Monday 7 December 2026 or Tuesday 8 December 2026?"))
        XCTAssertEqual(form.receive("the second one", today: today), .ask(.time, refusal: nil))
        XCTAssertEqual(form.date, d(8))
    }

    func testAnHourOpenBothWaysIsAskedBack() {
        var form = BookingForm(schedule: ClinicSchedule(slots: [ClinicSchedule.Slot(name: "day", start: 9 * 60, end: 22 * 60)]))
        _ = form.receive("Jane", today: today)
        _ = form.receive("1234567", today: today)
        XCTAssertEqual(form.receive("friday at 9", today: today), .ask(.time, refusal: nil))
        XCTAssertTrue(form.prompt(for: .time).hasPrefix("Did you mean 09:00 or 21:00?"), form.prompt(for: .time))
        XCTAssertEqual(form.receive("no", today: today), .ask(.note, refusal: nil))
        XCTAssertEqual(form.time, .clock(minutes: 21 * 60))
    }

    /// A form at the summary: Jane, 1234567, Wednesday 2 December, evening, no note.
    func confirming() -> BookingForm {
        var form = BookingForm(schedule: schedule)
        for line in ["Jane", "1234567", "tomorrow", "evening", "no"] { _ = form.receive(line, today: today) }
        XCTAssertEqual(form.field, .confirm)
        return form
    }

    func testAChangeAtTheSummaryInOneSentenceIsAppliedAndTheSummaryShownAgain() {
        var form = confirming()
        XCTAssertEqual(form.receive("can we make it Monday morning instead?", today: today), .ask(.confirm, refusal: nil))
        XCTAssertEqual(form.date, d(7))
        XCTAssertEqual(form.time, .slot("morning"), "a new date with a new time of day takes the new time")
        XCTAssertEqual(form.receive("make it Thursday", today: today), .ask(.confirm, refusal: nil))
        XCTAssertEqual(form.time, .slot("morning"), "a new date alone keeps the time")
        XCTAssertEqual(form.receive("the phone is 98765 43210 actually", today: today), .ask(.confirm, refusal: nil))
        XCTAssertEqual(form.phone, "9876543210")
        XCTAssertEqual(form.receive("the phone is 98... actually", today: today), .ask(.phone, refusal: nil))
        XCTAssertEqual(form.receive("91234 56789", today: today), .ask(.confirm, refusal: nil))
        XCTAssertEqual(form.receive("make it saturday evening", today: today),
                       .ask(.time, refusal: .slotUnavailable("evening", date: d(5), slots: ["morning", "afternoon"])))
        XCTAssertEqual(form.receive("11am", today: today), .ask(.confirm, refusal: nil))
        guard case .submit(let request) = form.receive("yes", today: today) else { return XCTFail() }
        XCTAssertEqual(request, BookingRequest(name: "Jane", phone: "9123456789", date: d(5), time: .clock(minutes: 660)))
    }

    func testNoThanksInTheFormIsAnAnswerAndYesThenStops() {
        for field in 0..<4 {
            var form = BookingForm(schedule: schedule)
            for line in ["Jane", "1234567", "tomorrow"].prefix(field) { _ = form.receive(line, today: today) }
            let asked = form.field
            XCTAssertEqual(form.receive("no thanks", today: today), .ask(asked, refusal: .declined))
            XCTAssertEqual(form.receive("yes", today: today), .cancelled)
        }
        var goesOn = BookingForm(schedule: schedule)
        _ = goesOn.receive("Jane", today: today)
        XCTAssertEqual(goesOn.receive("no", today: today), .ask(.phone, refusal: .declined))
        XCTAssertEqual(goesOn.receive("no", today: today), .ask(.phone, refusal: nil), "no, don't stop")
        XCTAssertEqual(goesOn.failures, 0)
    }

    func testCancelInThePatientsOwnWords() {
        for line in ["actually never mind, I'll call later", "forget it, I'll ring the clinic", "I've changed my mind"] {
            var form = BookingForm(schedule: schedule)
            _ = form.receive("Jane", today: today)
            XCTAssertEqual(form.receive(line, today: today), .cancelled, line)
        }
        var confirm = confirming()
        XCTAssertEqual(confirm.receive("hmm never mind, I'll call later", today: today), .cancelled)
        // At the note too: calling it off is not a note, a note is still a note.
        var noting = BookingForm(schedule: schedule)
        XCTAssertEqual(noting.receive("Jane Doe, 98765 43210, thursday at half past two", today: today), .ask(.note, refusal: nil))
        XCTAssertEqual(noting.receive("forget it, i dont want to book anymore", today: today), .cancelled)
        var noted = BookingForm(schedule: schedule)
        _ = noted.receive("Jane Doe, 98765 43210, thursday at half past two", today: today)
        XCTAssertEqual(noted.receive("I am allergic to latex", today: today), .ask(.confirm, refusal: nil))
        XCTAssertEqual(noted.note, .some("I am allergic to latex"))
    }

    func testWhatTheSessionTakesAsAnAnswer() {
        var form = BookingForm(schedule: schedule)
        _ = form.receive("Jane", today: today)
        _ = form.receive("1234567", today: today)
        for line in ["is monday ok?", "no thanks", "never mind", "evening", "can I come at 3?"] {
            XCTAssertTrue(form.takesAsAnswer(line, today: today, questionLike: false), line)
        }
        XCTAssertFalse(form.takesAsAnswer("how long is a morning session?", today: today, questionLike: true))
        XCTAssertFalse(form.takesAsAnswer("does it hurt?", today: today, questionLike: true))
    }
}
