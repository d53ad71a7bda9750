import FAQDialogue

extension Reply {
    /// The reply to a line longer than the limit (code `line_too_long`).
    public static func lineTooLong(limit: Int) -> Reply {
        Reply(type: .error, text: "That message is too long (over \(limit) bytes). Please ask a shorter question.",
              code: "line_too_long")
    }

    /// The reply to a line that is not valid UTF-8 (code `invalid_utf8`).
    public static let invalidUTF8 = Reply(
        type: .error, text: "That message could not be read: it is not valid UTF-8 text.", code: "invalid_utf8")

    /// The reply to an HTTP request sent to the line port (code `http_not_supported`); the connection
    /// then closes, as after any bye.
    public static let httpNotSupported = Reply(
        type: .bye, text: "This port speaks faqbot's line protocol, not HTTP: send one question per line (see PROTOCOL.md).",
        code: "http_not_supported")
}
