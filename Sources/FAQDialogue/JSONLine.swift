/// Encodes replies as one line of JSON, fast and without Foundation.
///
/// Keys come in a fixed order (`type`, `text`, then the optional ones that are set); every control
/// character, quote and backslash in strings is escaped, so the line never contains a raw newline.
/// The encoder writes UTF-8 bytes straight into the caller's buffer (the server's output buffer).
public enum JSONLine {
    /// The reply as a JSON object, without the trailing newline.
    public static func encode(_ reply: Reply) -> String {
        var bytes: [UInt8] = []
        append(reply, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the reply as a JSON object, without a trailing newline, to `out`.
    public static func append(_ reply: Reply, to out: inout [UInt8]) {
        appendRaw("{\"type\":", to: &out)
        appendString(reply.type.rawValue, to: &out)
        appendRaw(",\"text\":", to: &out)
        appendString(reply.text, to: &out)
        if let id = reply.id { appendField("id", id, to: &out) }
        if let score = reply.score {
            appendRaw(",\"score\":", to: &out)
            appendScore(score, to: &out)
        }
        if let source = reply.source { appendField("source", source, to: &out) }
        if let suggestions = reply.suggestions { appendSuggestions("suggestions", suggestions, to: &out) }
        if let also = reply.also { appendSuggestions("also", also, to: &out) }
        if let field = reply.field { appendField("field", field, to: &out) }
        if let error = reply.error { appendField("error", error, to: &out) }
        if let reference = reply.reference { appendField("reference", reference, to: &out) }
        if let code = reply.code { appendField("code", code, to: &out) }
        out.append(UInt8(ascii: "}"))
    }

    /// Appends `text` as a JSON string literal.
    public static func appendString(_ text: String, to out: inout String) {
        var bytes: [UInt8] = []
        appendString(text, to: &bytes)
        out += String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `text` as a JSON string literal, in UTF-8.
    public static func appendString(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendEscaped($0, to: &out) }
    }

    private static func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var plainStart = 0
        for index in utf8.indices {
            let byte = utf8[index]
            guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainStart..<index]))
            switch byte {
            case 0x22: appendRaw("\\\"", to: &out)
            case 0x5C: appendRaw("\\\\", to: &out)
            case 0x0A: appendRaw("\\n", to: &out)
            case 0x0D: appendRaw("\\r", to: &out)
            case 0x09: appendRaw("\\t", to: &out)
            default:
                appendRaw("\\u00", to: &out)
                out.append(hexDigit(byte >> 4))
                out.append(hexDigit(byte & 0xF))
            }
            plainStart = index + 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainStart...]))
        out.append(UInt8(ascii: "\""))
    }

    private static func appendSuggestions(_ key: StaticString, _ suggestions: [Reply.Suggestion], to out: inout [UInt8]) {
        out.append(UInt8(ascii: ","))
        out.append(UInt8(ascii: "\""))
        appendRaw(key, to: &out)
        appendRaw("\":[", to: &out)
        for (index, suggestion) in suggestions.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            appendRaw("{\"id\":", to: &out)
            appendString(suggestion.id, to: &out)
            appendField("title", suggestion.title, to: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
    }

    private static func appendField(_ key: StaticString, _ value: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: ","))
        out.append(UInt8(ascii: "\""))
        appendRaw(key, to: &out)
        appendRaw("\":", to: &out)
        appendString(value, to: &out)
    }

    /// A score with three decimals, always a valid JSON number.
    private static func appendScore(_ score: Double, to out: inout [UInt8]) {
        guard score.isFinite else { out.append(UInt8(ascii: "0")); return }
        let thousandths = Int((min(max(score, 0), 1) * 1000).rounded())
        out.append(UInt8(ascii: "0") + UInt8(thousandths / 1000))
        out.append(UInt8(ascii: "."))
        let fraction = thousandths % 1000
        out.append(UInt8(ascii: "0") + UInt8(fraction / 100))
        out.append(UInt8(ascii: "0") + UInt8(fraction / 10 % 10))
        out.append(UInt8(ascii: "0") + UInt8(fraction % 10))
    }

    private static func appendRaw(_ text: StaticString, to out: inout [UInt8]) {
        text.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}
