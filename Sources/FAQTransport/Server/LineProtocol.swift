import FAQDialogue

/// One connection's conversation on the wire: bytes in, encoded replies out. Pure: no I/O, no clock.
///
/// It frames the input (limits and UTF-8 first), handles `/format`, hands every other line to the
/// dialogue session and encodes each reply in the connection's format, one reply per line, in order.
/// After a bye it takes no more input. Not thread-safe: owned by one connection on one loop thread.
public final class LineProtocol {
    /// What the connection should do after the replies produced so far are sent.
    public enum Disposition: Sendable, Equatable {
        /// Keep reading.
        case open
        /// A bye was sent: flush, then close.
        case closeAfterFlush
        /// The unsent replies exceed the limit: the client is not reading; close now.
        case overflow
        /// A confirmed booking waits to be stored (`takeSubmission`), or a line waits for the sentence
        /// encoder (`takeDeferredLine`); nothing more is answered until `completeStore` or
        /// `completeDeferredLine`.
        case awaitingStore
    }

    /// The current reply format.
    public private(set) var format: ReplyFormat
    /// Whether the conversation ended (a bye reply was produced).
    public private(set) var isFinished = false
    private var framer: LineFramer
    private let session: Session
    private let maximumLineLength: Int
    /// Framed lines not answered yet (when a line budget stopped the last turn), from `pendingIndex`.
    /// The booking to store before anything more is answered (deferring sessions only).
    private var submission: BookingSubmission?
    /// The line to answer on a worker before anything more is answered (deferring sessions only).
    private var deferredLine: DeferredLine?
    /// Whether the store of `submission`, or the reply to `deferredLine`, has not completed yet.
    public private(set) var isAwaitingStore = false
    /// Whether the client closed its side (what is left is answered once a store completes).
    public private(set) var inputEnded = false
    /// Whether a line has been answered yet (an HTTP request line can only come first).
    private var answeredALine = false
    private var pending: [LineFramer.Event] = []
    private var pendingIndex = 0
    /// Received bytes not framed yet (`unframed[unframedStart...]`): pipelined input is framed only as
    /// its lines are answered, so a flood costs its bytes, not an event per line.
    private var unframed: [UInt8] = []
    private var unframedStart = 0

    /// Whether the input so far ends in the middle of a line (with no whole lines waiting).
    public var isInsideLine: Bool { unframedStart >= unframed.count && framer.isInsideLine }

    /// Whether received lines wait for `continueReplying` (a line budget stopped the last turn).
    public var hasPendingLines: Bool { pendingIndex < pending.count || unframedStart < unframed.count }

    /// Creates the protocol for one connection.
    public init(session: Session, format: ReplyFormat, maximumLineLength: Int) {
        self.session = session
        self.format = format
        self.maximumLineLength = maximumLineLength
        framer = LineFramer(maximumLineLength: maximumLineLength)
    }

    /// Whether the lines come as WebSocket messages: replies stay JSON (each is one message, so
    /// `/format text` is refused), and a first line that looks like HTTP is an ordinary question.
    public var isOverWebSocket = false

    /// Appends the greeting.
    public func greet(into output: inout [UInt8]) {
        format.append(session.welcome(), to: &output)
    }

    /// Appends the greeting as a JSON line carrying `resumeToken` (WebSocket conversations).
    public func greet(into output: inout [UInt8], resumeToken: String) {
        JSONLine.append(session.welcome(), to: &output, resume: resumeToken)
        output.append(0x0A)
    }

    /// Feeds received bytes; appends one reply per complete line to `output`, for at most
    /// `lineBudget` lines (the rest wait for `continueReplying`, so one client's pipelined flood
    /// cannot hold up the other connections of its loop).
    ///
    /// Stops with `.overflow` as soon as `output` holds more than `outputLimit` bytes.
    public func receive(_ bytes: UnsafeRawBufferPointer, into output: inout [UInt8], outputLimit: Int = .max,
                        lineBudget: Int = .max) -> Disposition {
        if isFinished { return .closeAfterFlush }
        if hasPendingLines || isAwaitingStore {
            unframed.append(contentsOf: bytes)
            return continueReplying(into: &output, outputLimit: outputLimit, lineBudget: lineBudget)
        }
        let (events, consumed) = framer.feed(bytes, maximumEvents: lineBudget)
        pending = events
        pendingIndex = 0
        if consumed < bytes.count { unframed.append(contentsOf: bytes[consumed...]) }
        return continueReplying(into: &output, outputLimit: outputLimit, lineBudget: lineBudget)
    }

    /// Feeds received bytes from an array.
    public func receive(_ bytes: [UInt8], into output: inout [UInt8], outputLimit: Int = .max,
                        lineBudget: Int = .max) -> Disposition {
        bytes.withUnsafeBytes { receive($0, into: &output, outputLimit: outputLimit, lineBudget: lineBudget) }
    }

    /// Answers up to `lineBudget` more of the pending lines.
    public func continueReplying(into output: inout [UInt8], outputLimit: Int = .max, lineBudget: Int = .max) -> Disposition {
        if isFinished { return .closeAfterFlush }
        if isAwaitingStore { return .awaitingStore }
        var budget = lineBudget
        while budget > 0 {
            if pendingIndex >= pending.count && !frameMore(budget) { break }
            let event = pending[pendingIndex]
            pendingIndex += 1
            budget -= 1
            let disposition = handle(event, into: &output, outputLimit: outputLimit)
            if disposition != .open { return disposition }
        }
        if pendingIndex >= pending.count && unframedStart >= unframed.count { clearPending() }
        return .open
    }

    /// Frames up to `count` more lines from the unframed bytes; false when none came.
    private func frameMore(_ count: Int) -> Bool {
        guard unframedStart < unframed.count else { return false }
        let (events, consumed) = unframed.withUnsafeBytes { buffer in
            framer.feed(UnsafeRawBufferPointer(rebasing: buffer[unframedStart...]), maximumEvents: count)
        }
        unframedStart += consumed
        if unframedStart >= unframed.count {
            unframed.removeAll(keepingCapacity: false)
            unframedStart = 0
        }
        pending = events
        pendingIndex = 0
        return !events.isEmpty
    }

    /// The client closed its side: answers the pending lines and an unfinished last line; then the
    /// connection closes.
    /// While a store is awaited, the rest waits for `completeStore` (`isAwaitingStore` stays true).
    public func endOfInput(into output: inout [UInt8]) {
        inputEnded = true
        if !isFinished {
            var disposition = continueReplying(into: &output)
            if disposition == .open {
                for event in framer.finish() {
                    disposition = handle(event, into: &output, outputLimit: .max)
                    if disposition != .open { break }
                }
            }
            if disposition == .awaitingStore { return }
        }
        isFinished = true
        clearPending()
    }

    /// The booking the last answered line confirmed, to be stored before anything more is answered.
    public func takeSubmission() -> BookingSubmission? {
        defer { submission = nil }
        return submission
    }

    /// The line the last answered line left for a worker (it waits for the sentence encoder).
    public func takeDeferredLine() -> DeferredLine? {
        defer { deferredLine = nil }
        return deferredLine
    }

    /// The store of the awaited booking finished: appends its reply, then answers what waited (up to
    /// `lineBudget` lines; after end of input, everything, and the conversation ends).
    public func completeStore(_ submission: BookingSubmission, result: Result<Booking, any Error>, into output: inout [UInt8],
                              outputLimit: Int = .max, lineBudget: Int = .max) -> Disposition {
        resume(with: { session.completeSubmission(submission, result: result) }, into: &output,
               outputLimit: outputLimit, lineBudget: lineBudget)
    }

    /// The worker answered the deferred line: appends `reply`, then answers what waited, as
    /// `completeStore` does.
    public func completeDeferredLine(_ reply: Reply, into output: inout [UInt8], outputLimit: Int = .max,
                                     lineBudget: Int = .max) -> Disposition {
        resume(with: { reply }, into: &output, outputLimit: outputLimit, lineBudget: lineBudget)
    }

    private func resume(with reply: () -> Reply, into output: inout [UInt8], outputLimit: Int, lineBudget: Int) -> Disposition {
        guard isAwaitingStore else { return isFinished ? .closeAfterFlush : .open }
        isAwaitingStore = false
        if isFinished { return .closeAfterFlush }  // a bye (idle, shutdown) was sent meanwhile
        let reply = reply()
        format.append(reply, to: &output)
        if reply.type == .bye {
            isFinished = true
            clearPending()
            return .closeAfterFlush
        }
        if inputEnded {
            endOfInput(into: &output)
            return isAwaitingStore ? .awaitingStore : .closeAfterFlush
        }
        return continueReplying(into: &output, outputLimit: outputLimit, lineBudget: lineBudget)
    }

    /// Appends `reply` (a bye from the transport: idle timeout, shutdown) and ends the conversation.
    public func finish(with reply: Reply, into output: inout [UInt8]) {
        guard !isFinished else { return }
        format.append(reply, to: &output)
        isFinished = true
        clearPending()
    }

    private func clearPending() {
        pending = []
        pendingIndex = 0
        unframed = []
        unframedStart = 0
    }

    /// Answers one framed line.
    private func handle(_ event: LineFramer.Event, into output: inout [UInt8], outputLimit: Int) -> Disposition {
        let reply: Reply
        switch event {
        case .line(let line):
            reply = respond(to: line)
            if let deferred = session.takeDeferredLine() {
                // The reply comes from completeDeferredLine once a worker has asked the encoder.
                deferredLine = deferred
                isAwaitingStore = true
                return .awaitingStore
            }
            if let submission = session.takeSubmission() {
                // The reply comes from completeStore once the booking is durable.
                self.submission = submission
                isAwaitingStore = true
                return .awaitingStore
            }
        case .lineTooLong: reply = .lineTooLong(limit: maximumLineLength)
        case .invalidUTF8: reply = .invalidUTF8
        }
        format.append(reply, to: &output)
        if reply.type == .bye {
            isFinished = true
            clearPending()
            return .closeAfterFlush
        }
        return output.count > outputLimit ? .overflow : .open
    }

    private func respond(to line: String) -> Reply {
        defer { answeredALine = true }
        if !answeredALine && !isOverWebSocket && Self.isHTTPRequestLine(line) { return .httpNotSupported }
        if line.utf8.first == UInt8(ascii: "/"), let reply = formatCommand(line) { return reply }
        return session.respond(to: line)
    }

    private static let httpMethods: Set<Substring> = ["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "CONNECT", "TRACE"]

    /// Whether `line` is an HTTP/1.x request line ("GET / HTTP/1.1": a browser or a health check
    /// that came to the wrong port) or the first line of HTTP/2's connection preface
    /// ("PRI * HTTP/2.0", sent by an HTTP/2 client with prior knowledge, e.g. gRPC).
    static func isHTTPRequestLine(_ line: String) -> Bool {
        if line == "PRI * HTTP/2.0" { return true }
        let parts = line.split(separator: " ", omittingEmptySubsequences: false)
        return parts.count == 3 && httpMethods.contains(parts[0]) && !parts[1].isEmpty
            && (parts[2] == "HTTP/1.1" || parts[2] == "HTTP/1.0" || parts[2] == "HTTP/1.1\r" || parts[2] == "HTTP/1.0\r")
    }

    /// `/format json|text`, or nil when the line is another command.
    private func formatCommand(_ line: String) -> Reply? {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard let first = words.first, first.lowercased() == "/format" else { return nil }
        guard words.count == 2 else { return .unknownFormat }
        switch words[1].lowercased() {
        case "json": format = .json
        case "text" where !isOverWebSocket: format = .text
        default: return .unknownFormat
        }
        return .formatChanged(json: format == .json)
    }
}
