/// A day of the week, Monday first (ISO 8601).
public enum Weekday: Int, Sendable, CaseIterable, Comparable {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    /// `Monday`.
    public var name: String {
        switch self {
        case .monday: return "Monday"
        case .tuesday: return "Tuesday"
        case .wednesday: return "Wednesday"
        case .thursday: return "Thursday"
        case .friday: return "Friday"
        case .saturday: return "Saturday"
        case .sunday: return "Sunday"
        }
    }

    /// The weekday a word names: `monday`, `mon`, `Mondays`; nil otherwise.
    public init?(word: String) {
        let lowered = word.lowercased()
        let stem = lowered.hasSuffix("s") && lowered.count > 4 ? String(lowered.dropLast()) : lowered
        for weekday in Weekday.allCases {
            let name = weekday.name.lowercased()
            if stem == name || stem == String(name.prefix(3)) || (weekday == .tuesday && stem == "tues")
                || (weekday == .thursday && (stem == "thur" || stem == "thurs")) || (weekday == .wednesday && stem == "weds") {
                self = weekday
                return
            }
        }
        return nil
    }

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.rawValue < rhs.rawValue }
}
