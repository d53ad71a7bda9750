import FAQDialogue
import Foundation
import XCTest

/// A slot or time already over today is refused, with the clinic's clock passed in (no real clock).
final class BookingTimePassedTests: XCTestCase {
    /// Tuesday 1 December 2026, 15:30 at the clinic.
    let today = CivilDate(year: 2026, month: 12, day: 1)!
    let halfPastThree = 15 * 60 + 30
    let schedule = ClinicSchedule(contact: "call the clinic")

    func formAtTime() -> BookingForm {
        var form = BookingForm(schedule: schedule)
        for line in ["Jane Doe", "020 7946 0958", "today"] {
            _ = form.receive(line, today: today, minutesNow: halfPastThree)
        }
        XCTAssertEqual(form.field, .time)
        return form
    }

    func testSlotsAndTimesAlreadyOverTodayAreRefused() {
        var form = formAtTime()
        XCTAssertEqual(form.receive("morning", today: today, minutesNow: halfPastThree), .ask(.time, refusal: .timePassed("the morning")))
        XCTAssertEqual(form.receive("10:00", today: today, minutesNow: halfPastThree), .ask(.time, refusal: .timePassed("10:00")))
        XCTAssertEqual(form.receive("afternoon", today: today, minutesNow: halfPastThree), .ask(.note, refusal: nil),
                       "the afternoon slot runs until 17:00")
    }

    func testLaterTimeTodayAndAnyDayAfterAreAccepted() {
        var form = formAtTime()
        XCTAssertEqual(form.receive("6pm", today: today, minutesNow: halfPastThree), .ask(.note, refusal: nil))
        var tomorrow = BookingForm(schedule: schedule)
        for line in ["Jane Doe", "020 7946 0958", "tomorrow"] { _ = tomorrow.receive(line, today: today, minutesNow: halfPastThree) }
        XCTAssertEqual(tomorrow.receive("morning", today: today, minutesNow: halfPastThree), .ask(.note, refusal: nil))
    }

    func testConfirmingAfterTheSlotEndedAsksForTheTimeAgain() {
        var form = formAtTime()
        _ = form.receive("evening", today: today, minutesNow: halfPastThree)
        _ = form.receive("no", today: today, minutesNow: halfPastThree)
        XCTAssertEqual(form.field, .confirm)
        let late = 19 * 60 + 5
        XCTAssertEqual(form.receive("yes", today: today, minutesNow: late), .ask(.time, refusal: .timePassed("the evening")))
    }

    func testRefusalMessageIsReadable() {
        XCTAssertEqual(FieldRefusal.timePassed("the morning").message,
                       "The morning is already over today. Please choose a later time, or another day.")
    }

    func testMinutesOfDayUseTheClinicsTimeZone() {
        let kolkata = ClinicSchedule(timeZone: TimeZone(identifier: "Asia/Kolkata")!, contact: "x")
        let instant = Date(timeIntervalSince1970: 1_796_119_200)  // 2026-12-01T10:00:00Z
        XCTAssertEqual(kolkata.minutesOfDay(at: instant), 15 * 60 + 30)
    }
}
