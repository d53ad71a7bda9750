import FAQDialogue

/// The replies the transport itself sends (the dialogue never sees these situations).
extension Reply {
    /// To a client over the connection limit, just before it is closed (code `busy`).
    public static let busy = Reply(
        type: .error, text: "The assistant is busy right now. Please try again in a minute.", code: "busy")

    /// After `seconds` without a message, just before the connection is closed (code `idle_timeout`).
    public static func idleTimeout(seconds: Double) -> Reply {
        let shown = seconds >= 1 ? String(Int(seconds.rounded())) + " seconds" : "a moment"
        return Reply(type: .bye, text: "I haven't heard from you in \(shown), so I'm closing this chat. Goodbye!",
                     code: "idle_timeout")
    }

    /// To every open connection when the server stops (code `shutdown`).
    public static let shutdown = Reply(
        type: .bye, text: "The assistant is restarting. Please reconnect in a moment.", code: "shutdown")

    /// After `/format json` or `/format text`.
    public static func formatChanged(json: Bool) -> Reply {
        Reply(type: .help, text: json ? "Replies are now JSON lines." : "Replies are now plain text.", id: "format")
    }

    /// After `/format` with anything but `json` or `text` (code `unknown_format`).
    public static let unknownFormat = Reply(
        type: .error, text: "Use /format json or /format text.", code: "unknown_format")
}
