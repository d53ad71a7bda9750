/// The time of day a patient prefers: one of the clinic's slots, a time of day, or no preference.
public enum PreferredTime: Sendable, Hashable, CustomStringConvertible {
    /// A named slot of the clinic, e.g. `morning`.
    case slot(String)
    /// A time of day in minutes after midnight, e.g. 630 for 10:30.
    case clock(minutes: Int)
    /// Any time the clinic has.
    case any

    /// How it is stored and shown: `morning`, `14:30`, `any`.
    public var description: String {
        switch self {
        case .slot(let name): return name
        case .clock(let minutes): return PreferredTime.format(minutes)
        case .any: return "any"
        }
    }

    /// Reads back what `description` wrote: `any`, `14:30`, else a slot name.
    public init(stored text: String) {
        if text == "any" {
            self = .any
        } else if text.count == 5, text.contains(":"), case .clock(let minutes)? = PreferredTime.clockTime(text) {
            self = .clock(minutes: minutes)
        } else {
            self = .slot(text)
        }
    }

    /// `09:05` for 545.
    public static func format(_ minutes: Int) -> String {
        let hours = String(minutes / 60), rest = String(minutes % 60)
        return (hours.count < 2 ? "0" + hours : hours) + ":" + (rest.count < 2 ? "0" + rest : rest)
    }

    /// Reads `morning`, `in the afternoon`, `10am`, `10:30`, `2.30 pm`, `14:00`, `noon`, `any time`;
    /// `slotNames` are the clinic's slot names. A bare hour from 1 to 7 is taken as afternoon (`at 3`).
    public static func parse(_ text: String, slotNames: [String]) -> PreferredTime? {
        let words = timeTokens(text).filter { !filler.contains($0) }
        guard !words.isEmpty else { return nil }
        let joined = words.joined(separator: " ")
        if ["any", "anytime", "any time", "whenever", "no preference", "dont mind", "dont care", "doesnt matter",
            "either", "flexible", "all day", "any slot"].contains(joined) {
            return .any
        }
        if words.count == 1 {
            let word = words[0]
            if let slot = slotNames.first(where: { $0.lowercased() == word || $0.lowercased() + "s" == word }) {
                return .slot(slot)
            }
            if word == "noon" || word == "midday" { return .clock(minutes: 12 * 60) }
        }
        return clockTime(words.joined())
    }

    /// Lower-case words; a full stop between digits becomes a colon (`2.30`), apostrophes go.
    static func timeTokens(_ text: String) -> [String] {
        let characters = Array(text.lowercased())
        var cleaned = ""
        for (index, character) in characters.enumerated() {
            if character.isLetter || character.isNumber || character == ":" {
                cleaned.append(character)
            } else if character == ".", index > 0, index + 1 < characters.count,
                      characters[index - 1].isASCIIDigit, characters[index + 1].isASCIIDigit {
                cleaned.append(":")
            } else if character != "'" && character != "’" {
                cleaned.append(" ")
            }
        }
        return cleaned.split(separator: " ").map(String.init)
    }

    /// `10am`, `10:30`, `2:30pm`, `14`, `1430`.
    static func clockTime(_ text: String) -> PreferredTime? {
        var body = text
        var meridiem: String? = nil
        for suffix in ["am", "pm", "oclock", "h"] where body.hasSuffix(suffix) {
            meridiem = suffix
            body = String(body.dropLast(suffix.count))
            break
        }
        let parts = body.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) else {
            return nil
        }
        var hour: Int
        var minute = 0
        if parts.count == 2 {
            guard parts[0].count <= 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]) else { return nil }
            (hour, minute) = (h, m)
        } else if parts[0].count == 4, meridiem == nil || meridiem == "h" {
            guard let value = Int(parts[0]) else { return nil }
            (hour, minute) = (value / 100, value % 100)
        } else {
            guard parts[0].count <= 2, let h = Int(parts[0]) else { return nil }
            hour = h
        }
        guard minute < 60 else { return nil }
        switch meridiem {
        case "am":
            guard (1...12).contains(hour) else { return nil }
            if hour == 12 { hour = 0 }
        case "pm":
            guard (1...12).contains(hour) else { return nil }
            if hour != 12 { hour += 12 }
        default:
            guard hour <= 23 else { return nil }
            if (1...7).contains(hour) && parts[0].count == 1 { hour += 12 }
        }
        return .clock(minutes: hour * 60 + minute)
    }

    static let filler: Set<String> = [
        "in", "the", "at", "around", "about", "please", "pls", "i", "id", "would", "prefer", "like", "preferably",
        "ideally", "maybe", "a", "an", "is", "fine", "best", "ok", "okay", "time", "slot", "early", "late", "ish",
        "from", "on", "for", "me",
    ]
}
