import FAQDialogue

/// How replies are written on the wire (see PROTOCOL.md).
public enum ReplyFormat: Sendable, Equatable {
    /// One line of JSON per reply.
    case json
    /// The reply's text lines, then one empty line. An empty line inside the text is sent as a single
    /// space, so an empty line always ends a reply.
    case text

    /// Appends `reply` encoded in this format to `output`.
    public func append(_ reply: Reply, to output: inout [UInt8]) {
        switch self {
        case .json:
            JSONLine.append(reply, to: &output)
            output.append(0x0A)
        case .text:
            Self.appendText(reply.text, to: &output)
        }
    }

    /// The reply encoded in this format, as a string.
    public func encode(_ reply: Reply) -> String {
        var bytes: [UInt8] = []
        append(reply, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func appendText(_ text: String, to output: inout [UInt8]) {
        var lineIsEmpty = true
        var previousWasCarriageReturn = false
        func endLine() {
            if lineIsEmpty { output.append(0x20) }
            output.append(0x0A)
            lineIsEmpty = true
        }
        for byte in text.utf8 {
            if byte == 0x0A && previousWasCarriageReturn { previousWasCarriageReturn = false; continue }
            previousWasCarriageReturn = byte == 0x0D
            if byte == 0x0A || byte == 0x0D {
                endLine()
            } else {
                output.append(byte)
                lineIsEmpty = false
            }
        }
        endLine()
        output.append(0x0A)
    }
}
