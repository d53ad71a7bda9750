/// The server's log: one line per start, stop and error on standard error, never message content.
public struct ServerLog: Sendable {
    /// The descriptor written to.
    public let fd: Int32
    /// Whether anything is written.
    public let enabled: Bool

    /// A log on `fd` (standard error by default).
    public init(fd: Int32 = 2, enabled: Bool = true) {
        self.fd = fd
        self.enabled = enabled
    }

    /// Writes one line (a single write, so lines from different threads do not mix), control and
    /// format characters escaped (`TerminalSafeText`).
    public func write(_ message: String) {
        guard enabled else { return }
        try? writeAll(fd, "faqbot serve: " + TerminalSafeText.escaped(message) + "\n")
    }
}
