/// Encodes replies as one line of JSON, fast and without Foundation.
///
/// Keys come in a fixed order (`type`, `text`, then the optional ones that are set); every control
/// character, quote and backslash in strings is escaped, so the line never contains a raw newline.
public enum JSONLine {
    /// The reply as a JSON object, without the trailing newline.
    public static func encode(_ reply: Reply) -> String {
        var out = "{\"type\":"
        appendString(reply.type.rawValue, to: &out)
        out += ",\"text\":"
        appendString(reply.text, to: &out)
        if let id = reply.id { out += ",\"id\":"; appendString(id, to: &out) }
        if let score = reply.score { out += ",\"score\":" + formatScore(score) }
        if let source = reply.source { out += ",\"source\":"; appendString(source, to: &out) }
        if let suggestions = reply.suggestions {
            out += ",\"suggestions\":["
            for (index, suggestion) in suggestions.enumerated() {
                if index > 0 { out += "," }
                out += "{\"id\":"
                appendString(suggestion.id, to: &out)
                out += ",\"title\":"
                appendString(suggestion.title, to: &out)
                out += "}"
            }
            out += "]"
        }
        if let field = reply.field { out += ",\"field\":"; appendString(field, to: &out) }
        if let error = reply.error { out += ",\"error\":"; appendString(error, to: &out) }
        if let reference = reply.reference { out += ",\"reference\":"; appendString(reference, to: &out) }
        if let code = reply.code { out += ",\"code\":"; appendString(code, to: &out) }
        out += "}"
        return out
    }

    /// A score with three decimals, always a valid JSON number.
    static func formatScore(_ score: Double) -> String {
        guard score.isFinite else { return "0" }
        let thousandths = Int((min(max(score, 0), 1) * 1000).rounded())
        let whole = thousandths / 1000
        let fraction = thousandths % 1000
        let digits = String(fraction)
        return "\(whole)." + String(repeating: "0", count: 3 - digits.count) + digits
    }

    /// Appends `text` as a JSON string literal.
    public static func appendString(_ text: String, to out: inout String) {
        out += "\""
        var plainStart = text.utf8.startIndex
        let utf8 = text.utf8
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte < 0x20 || byte == 0x22 || byte == 0x5C {
                out += String(utf8[plainStart..<index])!
                switch byte {
                case 0x22: out += "\\\""
                case 0x5C: out += "\\\\"
                case 0x0A: out += "\\n"
                case 0x0D: out += "\\r"
                case 0x09: out += "\\t"
                default:
                    let hex = Array("0123456789abcdef")
                    out += "\\u00" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 0xF)])
                }
                plainStart = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        out += String(utf8[plainStart..<utf8.endIndex])!
        out += "\""
    }
}
