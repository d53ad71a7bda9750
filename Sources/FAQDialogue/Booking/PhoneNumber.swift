/// Checks and normalises a phone number as a patient types it.
public enum PhoneNumber {
    /// The longest text read as a phone number, in bytes of UTF-8, before anything else is checked.
    public static let maximumTextBytes = 64

    /// The number with only its digits and a leading `+` (`+44 (20) 7946-0958` becomes
    /// `+442079460958`), or why it was refused: only ASCII digits, spaces, dashes and round brackets,
    /// an optional `+` first, and 7 to 15 digits (E.164's maximum). Full-width forms (`０２０`, `＋`)
    /// and no-break spaces and Unicode hyphens are read as their ASCII counterparts first; anything else
    /// (letters, other digits, combining marks, keycaps, zero-width or control characters) is refused.
    public static func normalise(_ text: String) -> Result<String, FieldRefusal> {
        guard text.utf8.count <= maximumTextBytes else { return .failure(.phoneTooLong(limit: maximumTextBytes)) }
        var digits = ""
        var plus = false
        var depth = 0
        var seenAnything = false
        for scalar in text.unicodeScalars.map(asciiEquivalent) {
            switch scalar {
            case "0"..."9": digits.unicodeScalars.append(scalar)
            case " ", "\t":
                continue
            case "-": break
            case "(": depth += 1
            case ")":
                depth -= 1
                guard depth >= 0 else { return .failure(.phoneCharacters) }
            case "+":
                guard !seenAnything else { return .failure(.phoneCharacters) }
                plus = true
            default:
                return .failure(.phoneCharacters)
            }
            seenAnything = true
        }
        guard depth == 0 else { return .failure(.phoneCharacters) }
        guard (7...15).contains(digits.count) else { return .failure(.phoneLength(digits: digits.count)) }
        return .success((plus ? "+" : "") + digits)
    }

    /// Full-width ASCII (U+FF01–U+FF5E) as ASCII; the ideographic, no-break and narrow no-break
    /// spaces as a space; Unicode hyphens and dashes (U+2010–U+2015, U+2212) as `-`; others unchanged.
    static func asciiEquivalent(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0xFF01...0xFF5E: return Unicode.Scalar(scalar.value - 0xFEE0)!
        case 0x3000, 0x00A0, 0x202F: return " "
        case 0x2010...0x2015, 0x2212: return "-"
        default: return scalar
        }
    }
}
