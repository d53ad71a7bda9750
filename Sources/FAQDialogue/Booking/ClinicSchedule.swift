import FAQSearch
import Foundation

/// When the clinic sees patients: its time zone, opening days, closed dates and appointment slots,
/// and how else patients can reach it. Read from `knowledge/clinic.conf` (see `parse(_:file:)`).
public struct ClinicSchedule: Sendable, Equatable {
    /// A named part of the day with its hours, e.g. morning 09:00-12:00.
    public struct Slot: Sendable, Equatable {
        /// `morning`.
        public var name: String
        /// Minutes after midnight when it starts.
        public var start: Int
        /// Minutes after midnight when it ends (exclusive).
        public var end: Int

        /// Creates a slot.
        public init(name: String, start: Int, end: Int) {
            self.name = name
            self.start = start
            self.end = end
        }

        /// `morning (09:00-12:00)`.
        public var description: String { "\(name) (\(PreferredTime.format(start))-\(PreferredTime.format(end)))" }
    }

    /// The clinic's time zone: "today" is today there.
    public var timeZone: TimeZone
    /// Days of the week the clinic is open.
    public var openDays: Set<Weekday>
    /// Single dates the clinic is closed (holidays).
    public var closedDates: Set<CivilDate>
    /// Appointment slots, in the order of the day.
    public var slots: [Slot]
    /// Slots offered on particular weekdays, when not all of them (e.g. Saturday: morning).
    public var slotsByWeekday: [Weekday: [String]]
    /// How else to reach the clinic, e.g. "call us on 020 7946 0000".
    public var contact: String
    /// How many days ahead a booking may be (365: up to a year).
    public var maximumDaysAhead: Int
    /// How many refused values for one field end the form.
    public var maximumAttempts: Int

    /// Creates a schedule.
    public init(timeZone: TimeZone = TimeZone(identifier: "UTC")!,
                openDays: Set<Weekday> = [.monday, .tuesday, .wednesday, .thursday, .friday, .saturday],
                closedDates: Set<CivilDate> = [],
                slots: [Slot] = ClinicSchedule.standardSlots,
                slotsByWeekday: [Weekday: [String]] = [:],
                contact: String = "please contact or visit the clinic directly",
                maximumDaysAhead: Int = 365, maximumAttempts: Int = 4) {
        self.timeZone = timeZone
        self.openDays = openDays
        self.closedDates = closedDates
        self.slots = slots
        self.slotsByWeekday = slotsByWeekday
        self.contact = contact
        self.maximumDaysAhead = maximumDaysAhead
        self.maximumAttempts = maximumAttempts
    }

    /// Morning 09:00-12:00, afternoon 12:00-17:00, evening 17:00-19:00.
    public static let standardSlots = [
        Slot(name: "morning", start: 9 * 60, end: 12 * 60),
        Slot(name: "afternoon", start: 12 * 60, end: 17 * 60),
        Slot(name: "evening", start: 17 * 60, end: 19 * 60),
    ]

    /// Today's date in the clinic's time zone.
    public func today(at instant: Date) -> CivilDate { CivilDate(instant, in: timeZone) }

    /// The latest date that can be booked from `today`.
    public func latestDate(from today: CivilDate) -> CivilDate { today.adding(days: maximumDaysAhead) }

    /// The slots offered on `date`'s weekday.
    public func slots(on date: CivilDate) -> [Slot] {
        guard let names = slotsByWeekday[date.weekday] else { return slots }
        return slots.filter { names.contains($0.name) }
    }

    /// Why `date` cannot be booked from `today`, or nil when it can.
    public func refusal(for date: CivilDate, today: CivilDate) -> FieldRefusal? {
        if date < today { return .datePast(date) }
        if date > latestDate(from: today) { return .dateTooFar(latest: latestDate(from: today)) }
        if !openDays.contains(date.weekday) || slots(on: date).isEmpty {
            return .closedWeekday(date.weekday, openDays: openDays.filter { !(slotsByWeekday[$0]?.isEmpty ?? false) }.sorted())
        }
        if closedDates.contains(date) { return .closedDate(date) }
        return nil
    }

    /// The clinic's time of day at `instant`, in minutes after midnight.
    public func minutesOfDay(at instant: Date) -> Int {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + timeZone.secondsFromGMT(for: instant)
        return ((seconds % 86_400) + 86_400) % 86_400 / 60
    }

    /// Why `time` cannot be booked today at `minutesNow` (it is over), or nil when it still can.
    public func refusal(for time: PreferredTime, today: CivilDate, minutesNow: Int) -> FieldRefusal? {
        let offered = slots(on: today)
        switch time {
        case .any:
            return offered.contains { $0.end > minutesNow } ? nil : .timePassed("any time")
        case .slot(let name):
            guard let slot = offered.first(where: { $0.name == name }) else { return nil }
            return slot.end > minutesNow ? nil : .timePassed("the \(name)")
        case .clock(let minutes):
            return minutes > minutesNow ? nil : .timePassed(PreferredTime.format(minutes))
        }
    }

    /// Why `time` cannot be booked on `date`, or nil when it can.
    public func refusal(for time: PreferredTime, on date: CivilDate) -> FieldRefusal? {
        let offered = slots(on: date)
        switch time {
        case .any:
            return nil
        case .slot(let name):
            return offered.contains { $0.name == name } ? nil
                : .slotUnavailable(name, date: date, slots: offered.map(\.name))
        case .clock(let minutes):
            if offered.contains(where: { $0.start <= minutes && minutes < $0.end }) { return nil }
            let hours = offered.map { "\(PreferredTime.format($0.start))-\(PreferredTime.format($0.end))" }
            return .timeOutsideHours(PreferredTime.format(minutes), date: date, hours: FieldRefusal.list(hours, or: false))
        }
    }
}
