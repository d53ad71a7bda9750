/// Why the booking form refused a value; `message` is the short explanation the patient reads
/// before the same question is asked again.
public enum FieldRefusal: Error, Sendable, Equatable {
    /// The name is empty, too long, or has no letters.
    case nameInvalid
    /// The name is longer than the limit.
    case nameTooLong(limit: Int)
    /// The phone number has characters other than digits, spaces, dashes, brackets and a leading +.
    case phoneCharacters
    /// The phone number's text is far longer than any phone number.
    case phoneTooLong(limit: Int)
    /// The phone number has too few or too many digits.
    case phoneLength(digits: Int)
    /// The date was not understood.
    case dateUnrecognized
    /// The day does not exist in that month (31 November, 29 February 2027).
    case dateNoSuchDay(day: Int, month: Int, year: Int?)
    /// "Next week", "this month": a day is needed.
    case dateVague
    /// The date is before today.
    case datePast(CivilDate)
    /// The date is more than the booking horizon ahead.
    case dateTooFar(latest: CivilDate)
    /// The weekday and the date disagree ("Monday 3 December" when 3 December is a Thursday).
    case dateWeekdayMismatch(CivilDate, said: Weekday)
    /// The clinic does not open on that day of the week.
    case closedWeekday(Weekday, openDays: [Weekday])
    /// The clinic is closed on that date (a holiday).
    case closedDate(CivilDate)
    /// The time was not understood.
    case timeUnrecognized(slots: [String])
    /// The clinic has no such slot on that day ("evening" on a Saturday).
    case slotUnavailable(String, date: CivilDate, slots: [String])
    /// The time of day is outside the clinic's hours on that day.
    case timeOutsideHours(String, date: CivilDate, hours: String)
    /// The time (or the whole slot) is already over today.
    case timePassed(String)
    /// The note is longer than the limit.
    case noteTooLong(limit: Int)
    /// The confirmation was neither yes nor no.
    case confirmUnrecognized
    /// A name or note holds control or invisible format characters (`FieldText`).
    case controlCharacters
    /// The patient said no ("no thanks") to a question of the form: a yes now stops the booking.
    case declined

    /// Whether the value was not understood at all (rather than understood and refused, like a
    /// closed day): such a line may be a question instead.
    public var isUnrecognized: Bool {
        switch self {
        case .nameInvalid, .phoneCharacters, .dateUnrecognized, .timeUnrecognized, .confirmUnrecognized: return true
        default: return false
        }
    }

    /// The explanation for the patient.
    public var message: String {
        switch self {
        case .nameInvalid:
            return "That doesn't look like a name. Please type the name we should book under."
        case .nameTooLong(let limit):
            return "That name is too long (over \(limit) characters). Please type a shorter form of it."
        case .phoneCharacters:
            return "A phone number may only have digits, spaces, dashes, brackets and a + at the start."
        case .phoneTooLong:
            return "That is too long for a phone number. Please type just the number, with 7 to 15 digits."
        case .phoneLength(let digits):
            return "A phone number has 7 to 15 digits; that one has \(digits)."
        case .dateUnrecognized:
            return "I didn't understand that date. Please write it like 3 December, 2026-12-03, tomorrow or next Monday."
        case .dateNoSuchDay(let day, let month, let year):
            let name = CivilDate.monthNames[month - 1]
            if month == 2 && day == 29, let year {
                return "\(year) is not a leap year, so it has no 29 February."
            }
            // Without a year, February's length depends on which February is meant: say both.
            let length = month == 2 && year == nil ? "28 days (29 in a leap year)"
                : "\(CivilDate.daysIn(month: month, year: year ?? 2024)) days"
            return "\(name) has only \(length), so there is no \(day) \(name)."
        case .dateVague:
            return "Which day would suit you? For example next Tuesday, or 3 December."
        case .datePast(let date):
            return "\(date.spoken) is in the past. Please choose today or a later day."
        case .dateTooFar(let latest):
            return "We take bookings up to a year ahead, until \(latest.spoken). Please choose an earlier day."
        case .dateWeekdayMismatch(let date, let said):
            return "\(date.day) \(CivilDate.monthNames[date.month - 1]) \(date.year) is a \(date.weekday.name), not a \(said.name). Which day did you mean?"
        case .closedWeekday(let weekday, let openDays):
            return "The clinic is closed on \(weekday.name)s; it is open \(Weekday.describe(openDays)). Please choose another day."
        case .closedDate(let date):
            return "The clinic is closed on \(date.spoken). Please choose another day."
        case .timeUnrecognized(let slots):
            return "Please say \(Self.list(slots, or: true)), or a time of day such as 10:30 or 2pm."
        case .slotUnavailable(let slot, let date, let slots):
            return "There are no \(slot) appointments on \(date.weekday.name)s. Please choose \(Self.list(slots, or: true))."
        case .timeOutsideHours(let time, let date, let hours):
            return "\(time) is outside our hours on \(date.weekday.name)s (\(hours)). Please choose a time within them."
        case .timePassed(let time):
            return "\(time.prefix(1).uppercased() + time.dropFirst()) is already over today. Please choose a later time, or another day."
        case .noteTooLong(let limit):
            return "That note is too long (over \(limit) characters). Please shorten it, or type 'no' for no note."
        case .confirmUnrecognized:
            return "Please answer yes to book, no to change something, or cancel."
        case .controlCharacters:
            return "That has control or invisible formatting characters in it, which we can't store. Please type it again as plain text."
        case .declined:
            return "Would you like to stop booking? Reply yes to stop (nothing is saved), or answer the question below to go on."
        }
    }

    /// "a, b or c".
    static func list(_ items: [String], or: Bool) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + (or ? " or " : " and ") + items.last!
    }
}

extension Weekday {
    /// "Monday to Saturday", "Monday to Friday and Sunday", "Tuesday, Thursday and Saturday".
    public static func describe(_ days: [Weekday]) -> String {
        let sorted = Array(Set(days)).sorted()
        var runs: [[Weekday]] = []
        for day in sorted {
            if let last = runs.last?.last, last.rawValue + 1 == day.rawValue {
                runs[runs.count - 1].append(day)
            } else {
                runs.append([day])
            }
        }
        let parts = runs.flatMap { run -> [String] in
            run.count >= 3 ? ["\(run.first!.name) to \(run.last!.name)"] : run.map(\.name)
        }
        return FieldRefusal.list(parts, or: false)
    }
}
