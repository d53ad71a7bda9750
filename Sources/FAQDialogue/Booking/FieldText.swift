/// What the free-text booking fields (name, note) may contain, checked scalar by scalar so that
/// nothing invisible hides inside a character that looks like a letter.
///
/// Refused everywhere: C0 and C1 control characters (ESC, BEL, NEL U+0085, ...), the line and
/// paragraph separators U+2028 and U+2029, and format characters (category Cf: bidi overrides and
/// isolates U+202A–U+202E, U+2066–U+2069, soft hyphen, word joiner, ...) and other default-ignorable
/// characters (Hangul fillers, variation selectors in a name) — except the zero-width joiner and
/// non-joiner (U+200D, U+200C), which some scripts and emoji need. A tab is read as a space.
public enum FieldText {
    /// Combining marks one character of a name may carry (Vietnamese needs two).
    public static let maximumMarksPerCharacter = 4

    /// Whether `scalar` may never be stored in a name or a note.
    public static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "\u{200C}" || scalar == "\u{200D}" { return false }
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate:
            return true
        default:
            return false
        }
    }

    /// Whether `scalar` shows nothing on its own: default-ignorable (fillers, joiners, variation
    /// selectors), a combining mark, or white space.
    public static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        if properties.isDefaultIgnorableCodePoint || properties.isWhitespace { return true }
        switch properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .spacingMark: return true
        default: return false
        }
    }

    /// `text` with tabs as spaces, or `.controlCharacters` when it holds a forbidden character.
    public static func checked(_ text: String) -> Result<String, FieldRefusal> {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\t" { result.append(" "); continue }
            if isForbidden(scalar) { return .failure(.controlCharacters) }
            result.append(scalar)
        }
        return .success(String(result))
    }
}
