import FAQSearch
import Foundation

extension ClinicSchedule {
    /// The keys `clinic.conf` accepts, besides weekday names.
    public static let configurationKeys = [
        "time zone", "open days", "closed dates", "slots", "contact", "book ahead days", "attempts",
    ]

    /// Parses `clinic.conf`: one `key: value` per line, `#` starts a comment, keys in any case.
    ///
    /// ```
    /// time zone: Europe/London
    /// open days: Monday-Friday, Saturday
    /// closed dates: 2026-12-25, 2026-12-26
    /// slots: morning 09:00-12:00, afternoon 12:00-17:00, evening 17:00-19:00
    /// saturday: morning
    /// contact: call us on 020 7946 0000
    /// book ahead days: 365
    /// attempts: 3
    /// ```
    /// Every key is optional (defaults: UTC, Monday to Saturday, the standard slots). A weekday key
    /// lists the slots offered that day (`closed` for none). Throws `KnowledgeError.malformed` with the
    /// file and line of the first mistake.
    public static func parse(_ text: String, file: String) throws(KnowledgeError) -> ClinicSchedule {
        var schedule = ClinicSchedule()
        var seen: [String: Int] = [:]
        var weekdayLines: [(Weekday, [String], Int)] = []
        for (index, rawLine) in text.textLines.enumerated() {
            let number = index + 1
            func fail(_ reason: String) -> KnowledgeError { .malformed(file: file, line: number, reason: reason) }
            let content = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let line = String(content).trimmingCharacters(in: " \t\r")
            guard !line.isEmpty else { continue }
            guard let colon = line.firstIndex(of: ":") else { throw fail("expected 'key: value'") }
            let key = String(line[..<colon]).trimmingCharacters(in: " \t").lowercased()
                .split(separator: " ").joined(separator: " ")
            let value = String(line[line.index(after: colon)...]).trimmingCharacters(in: " \t")
            if let first = seen[key] { throw fail("'\(key)' is already set on line \(first)") }
            seen[key] = number
            guard !value.isEmpty else { throw fail("'\(key)' has no value") }
            let items = value.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: " \t") }
            if items.contains(where: \.isEmpty) { throw fail("empty item: separate items with single commas") }
            switch key {
            case "time zone", "timezone":
                guard let zone = TimeZone(identifier: value) else {
                    throw fail("unknown time zone '\(value)' (use a name such as Europe/London)")
                }
                schedule.timeZone = zone
            case "open days":
                var days = Set<Weekday>()
                for item in items {
                    guard let range = weekdayRange(item) else {
                        throw fail("'\(item)' is not a day of the week or a range such as Monday-Friday")
                    }
                    days.formUnion(range)
                }
                schedule.openDays = days
            case "closed dates":
                var dates = Set<CivilDate>()
                for item in items {
                    guard let date = CivilDate(iso: item) else { throw fail("'\(item)' is not a date written YYYY-MM-DD") }
                    dates.insert(date)
                }
                schedule.closedDates = dates
            case "slots":
                var slots: [Slot] = []
                for item in items {
                    let parts = item.split(separator: " ").map(String.init)
                    guard parts.count == 2, parts[0].allSatisfy(\.isLetter), let (start, end) = hours(parts[1]) else {
                        throw fail("'\(item)' is not a slot such as 'morning 09:00-12:00'")
                    }
                    guard start < end else { throw fail("the slot '\(parts[0])' ends before it starts") }
                    let name = parts[0].lowercased()
                    guard !slots.contains(where: { $0.name == name }) else { throw fail("the slot '\(name)' is listed twice") }
                    guard name != "any" else { throw fail("'any' is reserved for 'no preference'") }
                    slots.append(Slot(name: name, start: start, end: end))
                }
                schedule.slots = slots.sorted { $0.start < $1.start }
            case "contact":
                schedule.contact = value
            case "book ahead days":
                guard let days = Int(value), (1...3660).contains(days) else { throw fail("expected a number of days from 1 to 3660") }
                schedule.maximumDaysAhead = days
            case "attempts":
                guard let attempts = Int(value), (1...10).contains(attempts) else { throw fail("expected a number from 1 to 10") }
                schedule.maximumAttempts = attempts
            default:
                guard let weekday = Weekday(word: key), key.count >= 6 else {
                    throw fail("unknown key '\(key)' (known: \(configurationKeys.joined(separator: ", ")), or a day of the week)")
                }
                let names = items.map { $0.lowercased() }
                weekdayLines.append((weekday, names == ["closed"] ? [] : names, number))
            }
        }
        for (weekday, names, line) in weekdayLines {
            for name in names where !schedule.slots.contains(where: { $0.name == name }) {
                throw .malformed(file: file, line: line, reason: "'\(name)' is not one of the slots (\(schedule.slots.map(\.name).joined(separator: ", ")))")
            }
            schedule.slotsByWeekday[weekday] = names
        }
        return schedule
    }

    /// `Monday-Friday`, `mon to fri`, `Saturday`.
    static func weekdayRange(_ item: String) -> [Weekday]? {
        let lowered = item.lowercased()
        let separators = [" to ", "-", "–"]
        for separator in separators where lowered.contains(separator) {
            let ends = lowered.components(separatedBy: separator).map { $0.trimmingCharacters(in: " ") }
            guard ends.count == 2, let first = Weekday(word: ends[0]), let last = Weekday(word: ends[1]),
                  first <= last else { return nil }
            return Weekday.allCases.filter { $0 >= first && $0 <= last }
        }
        return Weekday(word: lowered).map { [$0] }
    }

    /// `09:00-12:30` in minutes after midnight.
    static func hours(_ text: String) -> (Int, Int)? {
        let ends = text.split(separator: "-", omittingEmptySubsequences: false)
        guard ends.count == 2, let start = minutes(String(ends[0])), let end = minutes(String(ends[1])) else { return nil }
        return (start, end)
    }

    /// `09:30` in minutes after midnight (`24:00` allowed as an end).
    static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
              let hour = Int(parts[0]), let minute = Int(parts[1]), minute < 60,
              hour < 24 || (hour == 24 && minute == 0) else { return nil }
        return hour * 60 + minute
    }
}
