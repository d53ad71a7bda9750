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
    }

    /// The current reply format.
    public private(set) var format: ReplyFormat
    /// Whether the conversation ended (a bye reply was produced).
    public private(set) var isFinished = false
    private var framer: LineFramer
    private let session: Session
    private let maximumLineLength: Int

    /// Creates the protocol for one connection.
    public init(session: Session, format: ReplyFormat, maximumLineLength: Int) {
        self.session = session
        self.format = format
        self.maximumLineLength = maximumLineLength
        framer = LineFramer(maximumLineLength: maximumLineLength)
    }

    /// Appends the greeting.
    public func greet(into output: inout [UInt8]) {
        format.append(session.welcome(), to: &output)
    }

    /// Feeds received bytes; appends one reply per complete line to `output`.
    ///
    /// Stops with `.overflow` as soon as `output` holds more than `outputLimit` bytes.
    public func receive(_ bytes: UnsafeRawBufferPointer, into output: inout [UInt8], outputLimit: Int = .max) -> Disposition {
        if isFinished { return .closeAfterFlush }
        return handle(framer.feed(bytes), into: &output, outputLimit: outputLimit)
    }

    /// Feeds received bytes from an array.
    public func receive(_ bytes: [UInt8], into output: inout [UInt8], outputLimit: Int = .max) -> Disposition {
        bytes.withUnsafeBytes { receive($0, into: &output, outputLimit: outputLimit) }
    }

    /// The client closed its side: answers an unfinished last line, then the connection closes.
    public func endOfInput(into output: inout [UInt8]) {
        if !isFinished { _ = handle(framer.finish(), into: &output, outputLimit: .max) }
        isFinished = true
    }

    /// Appends `reply` (a bye from the transport: idle timeout, shutdown) and ends the conversation.
    public func finish(with reply: Reply, into output: inout [UInt8]) {
        guard !isFinished else { return }
        format.append(reply, to: &output)
        isFinished = true
    }

    private func handle(_ events: [LineFramer.Event], into output: inout [UInt8], outputLimit: Int) -> Disposition {
        for event in events {
            let reply: Reply
            switch event {
            case .line(let line): reply = respond(to: line)
            case .lineTooLong: reply = .lineTooLong(limit: maximumLineLength)
            case .invalidUTF8: reply = .invalidUTF8
            }
            format.append(reply, to: &output)
            if reply.type == .bye {
                isFinished = true
                return .closeAfterFlush
            }
            if output.count > outputLimit { return .overflow }
        }
        return .open
    }

    private func respond(to line: String) -> Reply {
        if line.utf8.first == UInt8(ascii: "/"), let reply = formatCommand(line) { return reply }
        return session.respond(to: line)
    }

    /// `/format json|text`, or nil when the line is another command.
    private func formatCommand(_ line: String) -> Reply? {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard let first = words.first, first.lowercased() == "/format" else { return nil }
        guard words.count == 2 else { return .unknownFormat }
        switch words[1].lowercased() {
        case "json": format = .json
        case "text": format = .text
        default: return .unknownFormat
        }
        return .formatChanged(json: format == .json)
    }
}
