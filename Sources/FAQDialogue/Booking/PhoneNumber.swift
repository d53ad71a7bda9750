/// Checks and normalises a phone number as a patient types it.
public enum PhoneNumber {
    /// The number with only its digits and a leading `+` (`+44 (20) 7946-0958` becomes
    /// `+442079460958`), or why it was refused: only digits, spaces, dashes and round brackets, an
    /// optional `+` first, and 7 to 15 digits (E.164's maximum).
    public static func normalise(_ text: String) -> Result<String, FieldRefusal> {
        let trimmed = text.trimmingCharacters(in: " \t")
        var digits = ""
        var plus = false
        var depth = 0
        for (offset, character) in trimmed.enumerated() {
            switch character {
            case "0"..."9": digits.append(character)
            case " ", "-": continue
            case "(": depth += 1
            case ")":
                depth -= 1
                guard depth >= 0 else { return .failure(.phoneCharacters) }
            case "+":
                guard offset == 0 else { return .failure(.phoneCharacters) }
                plus = true
            default:
                return .failure(.phoneCharacters)
            }
        }
        guard depth == 0 else { return .failure(.phoneCharacters) }
        guard (7...15).contains(digits.count) else { return .failure(.phoneLength(digits: digits.count)) }
        return .success((plus ? "+" : "") + digits)
    }
}
