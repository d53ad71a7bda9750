/// Text shown to staff on a terminal (the bookings table, log lines) with everything a terminal
/// could act on made visible instead: C0 and C1 control characters (ESC, BEL, CSI U+009B, NEL,
/// newlines and tabs included), DEL, the line and paragraph separators, and format characters
/// (category Cf: bidi overrides and isolates U+202A–U+202E, U+2066–U+2069, zero-width spaces, ...)
/// are written as `\u{1B}`. The zero-width joiner and non-joiner stay (emoji and some scripts need
/// them; they cannot move the cursor or reorder text).
public enum TerminalSafeText {
    /// `text` with every such character escaped as `\u{HEX}`.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscaping) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if needsEscaping(scalar) {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Whether a terminal could act on `scalar`, or it could hide or reorder what is shown.
    public static func needsEscaping(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { return true }
        if scalar == "\u{200C}" || scalar == "\u{200D}" { return false }
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate: return true
        default: return false
        }
    }

    /// A JSON line with the same characters written as JSON escapes (`\u001b`; surrogate pairs
    /// above U+FFFF), so it stays the same JSON value. Tabs are kept (JSON white space).
    public static func escapedJSON(_ line: String) -> String {
        guard line.unicodeScalars.contains(where: { $0 != "\t" && needsEscaping($0) }) else { return line }
        var result = ""
        for scalar in line.unicodeScalars {
            guard scalar != "\t" && needsEscaping(scalar) else {
                result.unicodeScalars.append(scalar)
                continue
            }
            for unit in String(scalar).utf16 {
                let hex = String(unit, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
        }
        return result
    }
}
