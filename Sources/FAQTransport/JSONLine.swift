import FAQDialogue

/// Encodes replies as one line of JSON, fast and without Foundation.
///
/// Keys come in a fixed order (`type`, `text`, then the optional ones that are set); every control
/// character (C0, DEL, C1), quote and backslash in strings is escaped, and so are U+2028, U+2029 and
/// the bidi controls, so the line never contains anything a line-splitter or terminal could act on.
/// The encoder writes UTF-8 bytes straight into the caller's buffer (the server's output buffer).
public enum JSONLine {
    /// The reply as a JSON object, without the trailing newline.
    public static func encode(_ reply: Reply) -> String {
        var bytes: [UInt8] = []
        append(reply, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the reply as a JSON object, without a trailing newline, to `out`; `resume` adds the
    /// WebSocket welcome's resume token as the last key.
    public static func append(_ reply: Reply, to out: inout [UInt8], resume: String? = nil) {
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
        if let resume { appendField("resume", resume, to: &out) }
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
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            guard byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F || byte == 0xC2 || byte == 0xE2 else {
                index += 1
                continue
            }
            // DEL and C1 controls (NEL U+0085 among them), the line and paragraph separators
            // U+2028/U+2029 (line breaks to some splitters and to JavaScript before ES2019) and the
            // bidi embeddings, overrides and isolates U+202A–U+202E, U+2066–U+2069 are escaped too.
            let escapedScalar: UInt32?
            switch byte {
            case 0xC2:
                let next = index + 1 < utf8.count ? utf8[index + 1] : 0
                escapedScalar = (0x80...0x9F).contains(next) ? UInt32(next) : nil
            case 0xE2:
                let second = index + 1 < utf8.count ? utf8[index + 1] : 0
                let third = index + 2 < utf8.count ? utf8[index + 2] : 0
                if second == 0x80 && (0xA8...0xAE).contains(third) {
                    escapedScalar = 0x2000 + UInt32(third - 0x80)
                } else if second == 0x81 && (0xA6...0xA9).contains(third) {
                    escapedScalar = 0x2040 + UInt32(third - 0x80)
                } else {
                    escapedScalar = nil
                }
            default:
                escapedScalar = UInt32(byte)
            }
            guard let scalar = escapedScalar else {
                index += 1
                continue
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainStart..<index]))
            switch scalar {
            case 0x22: appendRaw("\\\"", to: &out)
            case 0x5C: appendRaw("\\\\", to: &out)
            case 0x0A: appendRaw("\\n", to: &out)
            case 0x0D: appendRaw("\\r", to: &out)
            case 0x09: appendRaw("\\t", to: &out)
            default:
                appendRaw("\\u", to: &out)
                for shift in stride(from: 12, through: 0, by: -4) { out.append(hexDigit(UInt8((scalar >> UInt32(shift)) & 0xF))) }
            }
            index += scalar < 0x80 ? 1 : scalar < 0x800 ? 2 : 3
            plainStart = index
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
