/// Cuts a byte stream into text lines, enforcing a length limit before anything else sees the bytes.
///
/// A line ends at LF, CRLF or a bare CR. A line longer than `maximumLineLength` bytes yields one
/// `.lineTooLong` and the rest of it is discarded up to its end, so the stream stays usable. A line
/// that is not valid UTF-8 yields `.invalidUTF8`. Pure: feed it bytes in chunks of any size.
public struct LineFramer: Sendable {
    /// What the framer found.
    public enum Event: Sendable, Equatable {
        /// A complete line, without its terminator.
        case line(String)
        /// A line exceeded the limit; its bytes were dropped.
        case lineTooLong
        /// A line was not valid UTF-8.
        case invalidUTF8
    }

    /// The longest line accepted, in bytes, without the terminator.
    public let maximumLineLength: Int
    private var buffer: [UInt8] = []
    private var discarding = false
    private var lastWasCarriageReturn = false

    /// Creates a framer.
    public init(maximumLineLength: Int) {
        self.maximumLineLength = max(1, maximumLineLength)
        buffer.reserveCapacity(min(self.maximumLineLength, 1024))
    }

    /// The number of bytes of an unfinished line held now (never more than the limit).
    public var bufferedByteCount: Int { buffer.count }

    /// Whether the bytes fed so far end inside a line (held, or being discarded past the limit).
    public var isInsideLine: Bool { !buffer.isEmpty || discarding }

    /// Feeds bytes; returns the events they complete, in order.
    public mutating func feed(_ bytes: UnsafeRawBufferPointer) -> [Event] {
        feed(bytes, maximumEvents: .max).events
    }

    /// Feeds bytes until `maximumEvents` events are complete; returns them and how many bytes were
    /// consumed (the rest must be fed again later, so pipelined input is framed only as it is answered).
    public mutating func feed(_ bytes: UnsafeRawBufferPointer, maximumEvents: Int) -> (events: [Event], consumed: Int) {
        var events: [Event] = []
        for (offset, byte) in bytes.enumerated() {
            if events.count >= maximumEvents { return (events, offset) }
            if byte == 0x0A && lastWasCarriageReturn {
                lastWasCarriageReturn = false
                continue
            }
            lastWasCarriageReturn = byte == 0x0D
            if byte == 0x0A || byte == 0x0D {
                if discarding {
                    discarding = false
                } else {
                    events.append(finishLine())
                }
                continue
            }
            if discarding { continue }
            if buffer.count >= maximumLineLength {
                buffer.removeAll(keepingCapacity: true)
                discarding = true
                events.append(.lineTooLong)
                continue
            }
            buffer.append(byte)
        }
        return (events, bytes.count)
    }

    /// Feeds bytes from an array.
    public mutating func feed(_ bytes: [UInt8]) -> [Event] {
        bytes.withUnsafeBytes { feed($0) }
    }

    /// At end of input: the unfinished last line, if any.
    public mutating func finish() -> [Event] {
        defer { discarding = false }
        if discarding || buffer.isEmpty { return [] }
        return [finishLine()]
    }

    private mutating func finishLine() -> Event {
        defer { buffer.removeAll(keepingCapacity: true) }
        guard let text = String(validating: buffer, as: UTF8.self) else { return .invalidUTF8 }
        return .line(text)
    }
}
