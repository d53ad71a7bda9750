import FAQDialogue
import Foundation
import XCTest

final class BookingDateParserTests: XCTestCase {
    /// Tuesday 1 December 2026.
    let today = CivilDate(year: 2026, month: 12, day: 1)!

    func date(_ text: String, today: CivilDate? = nil) -> CivilDate? {
        try? BookingDateParser.parse(text, today: today ?? self.today).get()
    }

    func refusal(_ text: String, today: CivilDate? = nil) -> FieldRefusal? {
        if case .failure(let refusal) = BookingDateParser.parse(text, today: today ?? self.today) { return refusal }
        return nil
    }

    func d(_ year: Int, _ month: Int, _ day: Int) -> CivilDate { CivilDate(year: year, month: month, day: day)! }

    func testWrittenFormsOfTheSameDay() {
        for text in ["2026-12-03", "3 Dec", "3 december", "December 3", "Dec 3rd", "3rd of December", "the 3rd of December",
                     "3rd December 2026", "December 3, 2026", "Thursday 3 December", "on thursday the 3rd of december", "3. Dec."] {
            XCTAssertEqual(date(text), d(2026, 12, 3), text)
        }
    }

    func testRelativeDays() {
        XCTAssertEqual(date("today"), today)
        XCTAssertEqual(date("tomorrow"), d(2026, 12, 2))
        XCTAssertEqual(date("Tomorrow please"), d(2026, 12, 2))
        XCTAssertEqual(date("the day after tomorrow"), d(2026, 12, 3))
        XCTAssertEqual(date("in 3 days"), d(2026, 12, 4))
        XCTAssertEqual(date("in a week"), d(2026, 12, 8))
        XCTAssertEqual(date("in two weeks"), d(2026, 12, 15))
    }

    func testWeekdaysMeanTheFirstSuchDayAfterToday() {
        // Today is a Tuesday.
        XCTAssertEqual(today.weekday, .tuesday)
        XCTAssertEqual(date("wednesday"), d(2026, 12, 2))
        XCTAssertEqual(date("next monday"), d(2026, 12, 7))
        XCTAssertEqual(date("monday"), d(2026, 12, 7))
        XCTAssertEqual(date("this friday"), d(2026, 12, 4))
        XCTAssertEqual(date("on Sat"), d(2026, 12, 5))
        // The same weekday as today means a week later.
        XCTAssertEqual(date("tuesday"), d(2026, 12, 8))
        XCTAssertEqual(date("next tuesday"), d(2026, 12, 8))
    }

    func testMonthEnd() {
        let january31 = d(2027, 1, 31)
        XCTAssertEqual(date("tomorrow", today: january31), d(2027, 2, 1))
        XCTAssertEqual(date("in 30 days", today: january31), d(2027, 3, 2))
        XCTAssertEqual(date("next monday", today: d(2026, 11, 30)), d(2026, 12, 7))
        XCTAssertEqual(date("wednesday", today: d(2026, 11, 30)), d(2026, 12, 2))
        XCTAssertEqual(refusal("31 November"), .dateNoSuchDay(day: 31, month: 11, year: nil))
        XCTAssertEqual(refusal("2026-04-31"), .dateNoSuchDay(day: 31, month: 4, year: 2026))
        XCTAssertEqual(refusal("32 December"), .dateUnrecognized)
    }

    func testYearEnd() {
        let december31 = d(2026, 12, 31)
        XCTAssertEqual(date("tomorrow", today: december31), d(2027, 1, 1))
        XCTAssertEqual(date("2 Jan", today: december31), d(2027, 1, 2))
        XCTAssertEqual(date("31 Dec", today: december31), december31)
        XCTAssertEqual(date("30 Dec", today: december31), d(2027, 12, 30), "a passed day without a year is next year's")
        XCTAssertEqual(date("friday", today: december31), d(2027, 1, 1))
        XCTAssertEqual(date("in a week", today: december31), d(2027, 1, 7))
        // With the year written, a past day stays in the past (the schedule refuses it).
        XCTAssertEqual(date("30 December 2026", today: december31), d(2026, 12, 30))
    }

    func testLeapDays() {
        XCTAssertEqual(date("29 February"), d(2028, 2, 29), "the next 29 February is in 2028")
        XCTAssertEqual(date("29 Feb 2028"), d(2028, 2, 29))
        XCTAssertEqual(refusal("29 February 2027"), .dateNoSuchDay(day: 29, month: 2, year: 2027))
        XCTAssertEqual(refusal("2027-02-29"), .dateNoSuchDay(day: 29, month: 2, year: 2027))
        XCTAssertEqual(date("tomorrow", today: d(2028, 2, 28)), d(2028, 2, 29))
        XCTAssertEqual(date("tomorrow", today: d(2027, 2, 28)), d(2027, 3, 1))
        XCTAssertTrue(FieldRefusal.dateNoSuchDay(day: 29, month: 2, year: 2027).message.contains("not a leap year"))
    }

    func testWeekdayThatDisagreesWithTheDateIsRefused() {
        XCTAssertEqual(refusal("Monday 3 December"), .dateWeekdayMismatch(d(2026, 12, 3), said: .monday))
        XCTAssertTrue(refusal("Monday 3 December")!.message.contains("is a Thursday, not a Monday"))
    }

    func testADayOfTheMonthAndATimeOfDay() {
        XCTAssertEqual(date("the 3rd"), d(2026, 12, 3))
        XCTAssertEqual(date("on the 15th please"), d(2026, 12, 15))
        XCTAssertEqual(date("1st"), today, "today counts")
        XCTAssertEqual(date("the 2nd", today: d(2026, 12, 20)), d(2027, 1, 2), "already past this month")
        XCTAssertEqual(date("the 31st", today: d(2026, 11, 5)), d(2026, 12, 31), "November has no 31st")
        XCTAssertEqual(date("tomorrow morning"), d(2026, 12, 2))
        XCTAssertEqual(date("monday afternoon"), d(2026, 12, 7))
        XCTAssertEqual(refusal("3"), .dateUnrecognized, "a bare number is not a date")
    }

    func testVagueAndUnreadableDates() {
        for text in ["next week", "this week", "soon", "asap", "next month", "sometime next week", "whenever"] {
            XCTAssertEqual(refusal(text), .dateVague, text)
        }
        for text in ["", "banana", "3/12", "12/03/2026", "the third", "december", "in 3 months", "03-12-2026", "3 dec 26"] {
            XCTAssertEqual(refusal(text), .dateUnrecognized, text)
        }
    }

    func testCivilDateAgreesWithFoundationsCalendar() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        for days in stride(from: -800, through: 40_000, by: 37) {
            let instant = Date(timeIntervalSince1970: TimeInterval(days) * 86_400 + 3600)
            let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: instant)
            let civil = CivilDate(instant, in: calendar.timeZone)
            XCTAssertEqual([civil.year, civil.month, civil.day], [parts.year!, parts.month!, parts.day!])
            XCTAssertEqual(civil.daysSinceEpoch, days)
            XCTAssertEqual(civil.weekday.rawValue, (parts.weekday! + 5) % 7 + 1, "\(civil)")
        }
    }

    func testTodayIsCountedInTheClinicsTimeZone() {
        let instant = Booking.instant(fromTimestamp: "2026-12-31T23:30:00Z")!
        XCTAssertEqual(CivilDate(instant, in: TimeZone(identifier: "UTC")!), d(2026, 12, 31))
        XCTAssertEqual(CivilDate(instant, in: TimeZone(identifier: "Pacific/Auckland")!), d(2027, 1, 1))
        XCTAssertEqual(CivilDate(Booking.instant(fromTimestamp: "2027-01-01T03:00:00Z")!, in: TimeZone(identifier: "America/New_York")!),
                       d(2026, 12, 31))
    }

    func testTimestampsRoundTrip() {
        let instant = Date(timeIntervalSince1970: 1_796_126_405)
        let text = Booking.timestamp(instant)
        XCTAssertEqual(text, "2026-12-01T12:00:05Z")
        XCTAssertEqual(Booking.instant(fromTimestamp: text), instant)
        XCTAssertNil(Booking.instant(fromTimestamp: "2026-12-01 12:40:05"))
    }
}
