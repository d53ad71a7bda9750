/// One WebSocket connection's framing (RFC 6455), server side: client frames in, text messages out,
/// control frames answered. Pure: no I/O, no clock.
///
/// It unmasks client frames (an unmasked one is a protocol error), joins fragments, answers pings
/// with pongs (also between the fragments of a message), validates text as UTF-8 as it arrives,
/// refuses messages over `maximumMessageBytes` as soon as a frame header announces too much, and
/// runs the close handshake. On any violation it queues a close frame with the matching code
/// (1002 protocol, 1003 binary data, 1007 bad UTF-8, 1009 too big) and takes no more input.
public final class WebSocketProtocol {
    /// Close codes the server sends.
    public enum CloseCode: UInt16, Sendable {
        case normal = 1000, goingAway = 1001, protocolError = 1002, unsupportedData = 1003
        case invalidPayload = 1007, messageTooBig = 1009
    }

    /// What the connection should do after the output so far is sent.
    public enum Disposition: Sendable, Equatable {
        /// Keep reading.
        case open
        /// A close frame was queued: flush, then close the connection.
        case closeAfterFlush
    }

    private enum Opcode: UInt8 {
        case continuation = 0x0, text = 0x1, binary = 0x2, close = 0x8, ping = 0x9, pong = 0xA
    }

    /// The largest message (all its fragments) accepted.
    public let maximumMessageBytes: Int
    /// Whether a close frame was sent (nothing more may be sent after it).
    public private(set) var closeSent = false
    /// The close code the client sent, once it did.
    public private(set) var closeReceived: UInt16? = nil
    private var buffer: [UInt8] = []
    private var start = 0
    private var message: [UInt8] = []
    private var messageInProgress = false
    private var validator = UTF8Validator()

    /// A protocol accepting messages up to `maximumMessageBytes`.
    public init(maximumMessageBytes: Int) { self.maximumMessageBytes = maximumMessageBytes }

    /// Feeds received bytes; returns the text messages completed, in order, and what to do next.
    /// Pongs and close frames are appended to `output`.
    public func receive<Bytes: Collection>(_ bytes: Bytes, into output: inout [UInt8]) -> (messages: [String], disposition: Disposition)
    where Bytes.Element == UInt8 {
        guard !closeSent && closeReceived == nil else { return ([], .closeAfterFlush) }
        buffer.append(contentsOf: bytes)
        var messages: [String] = []
        while true {
            switch nextFrame(into: &output, messages: &messages) {
            case .needMore:
                if start > 0 { buffer.removeFirst(start); start = 0 }
                return (messages, .open)
            case .consumed: continue
            case .closed:
                buffer = []; start = 0; message = []
                return (messages, .closeAfterFlush)
            }
        }
    }

    /// Queues a close frame (server-initiated: idle, shutdown, a bye), unless one was sent.
    public func close(_ code: CloseCode, reason: String = "", into output: inout [UInt8]) {
        guard !closeSent else { return }
        closeSent = true
        var payload = [UInt8(code.rawValue >> 8), UInt8(code.rawValue & 0xFF)]
        payload.append(contentsOf: reason.utf8.prefix(123))
        Self.appendFrame(opcode: Opcode.close.rawValue, payload: payload, to: &output)
    }

    /// Appends one unmasked, unfragmented text frame holding `payload` (UTF-8).
    public static func appendText<Payload: Collection>(_ payload: Payload, to output: inout [UInt8]) where Payload.Element == UInt8 {
        appendFrame(opcode: Opcode.text.rawValue, payload: payload, to: &output)
    }

    private static func appendFrame<Payload: Collection>(opcode: UInt8, payload: Payload, to output: inout [UInt8])
    where Payload.Element == UInt8 {
        output.append(0x80 | opcode)
        let count = payload.count
        if count < 126 {
            output.append(UInt8(count))
        } else if count <= 0xFFFF {
            output.append(126)
            output.append(UInt8(count >> 8))
            output.append(UInt8(count & 0xFF))
        } else {
            output.append(127)
            for shift in stride(from: 56, through: 0, by: -8) { output.append(UInt8(truncatingIfNeeded: count >> shift)) }
        }
        output.append(contentsOf: payload)
    }

    private enum Step { case needMore, consumed, closed }

    private func fail(_ code: CloseCode, _ reason: String, into output: inout [UInt8]) -> Step {
        close(code, reason: reason, into: &output)
        return .closed
    }

    private func nextFrame(into output: inout [UInt8], messages: inout [String]) -> Step {
        let available = buffer.count - start
        guard available >= 2 else { return .needMore }
        let first = buffer[start], second = buffer[start + 1]
        let fin = first & 0x80 != 0
        guard first & 0x70 == 0 else { return fail(.protocolError, "reserved bits set", into: &output) }
        guard let opcode = Opcode(rawValue: first & 0x0F) else { return fail(.protocolError, "unknown opcode", into: &output) }
        guard second & 0x80 != 0 else { return fail(.protocolError, "client frames must be masked", into: &output) }
        var headerLength = 2
        var length = Int(second & 0x7F)
        if length == 126 {
            guard available >= 4 else { return .needMore }
            length = Int(buffer[start + 2]) << 8 | Int(buffer[start + 3])
            headerLength = 4
        } else if length == 127 {
            guard available >= 10 else { return .needMore }
            guard buffer[start + 2] & 0x80 == 0 else { return fail(.protocolError, "bad length", into: &output) }
            var value: UInt64 = 0
            for index in 2..<10 { value = value << 8 | UInt64(buffer[start + index]) }
            guard value <= UInt64(Int32.max) else { return fail(.messageTooBig, "message too big", into: &output) }
            length = Int(value)
            headerLength = 10
        }
        let isControl = opcode.rawValue & 0x08 != 0
        if isControl {
            guard fin else { return fail(.protocolError, "fragmented control frame", into: &output) }
            guard length <= 125 else { return fail(.protocolError, "control frame too long", into: &output) }
        } else {
            if opcode == .continuation && !messageInProgress { return fail(.protocolError, "continuation without a message", into: &output) }
            if opcode != .continuation && messageInProgress { return fail(.protocolError, "new message inside a fragmented one", into: &output) }
            if opcode == .binary { return fail(.unsupportedData, "only text messages are accepted", into: &output) }
            if message.count + length > maximumMessageBytes { return fail(.messageTooBig, "message too big", into: &output) }
        }
        guard available >= headerLength + 4 + length else { return .needMore }
        let maskStart = start + headerLength
        let mask = (buffer[maskStart], buffer[maskStart + 1], buffer[maskStart + 2], buffer[maskStart + 3])
        let payloadStart = maskStart + 4
        var payload = [UInt8](repeating: 0, count: length)
        for index in 0..<length {
            let key: UInt8
            switch index & 3 { case 0: key = mask.0; case 1: key = mask.1; case 2: key = mask.2; default: key = mask.3 }
            payload[index] = buffer[payloadStart + index] ^ key
        }
        start = payloadStart + length
        switch opcode {
        case .ping:
            Self.appendFrame(opcode: Opcode.pong.rawValue, payload: payload, to: &output)
        case .pong:
            break
        case .close:
            return receiveClose(payload, into: &output)
        case .text, .continuation:
            guard validator.feed(payload) else { return fail(.invalidPayload, "text is not valid UTF-8", into: &output) }
            message.append(contentsOf: payload)
            messageInProgress = !fin
            if fin {
                guard validator.isComplete else { return fail(.invalidPayload, "text is not valid UTF-8", into: &output) }
                messages.append(String(decoding: message, as: UTF8.self))
                message = []
                validator = UTF8Validator()
            }
        case .binary:
            break
        }
        return .consumed
    }

    private func receiveClose(_ payload: [UInt8], into output: inout [UInt8]) -> Step {
        if payload.isEmpty {
            closeReceived = 1005
            close(.normal, into: &output)
            return .closed
        }
        guard payload.count >= 2 else { return fail(.protocolError, "close frame too short", into: &output) }
        let code = UInt16(payload[0]) << 8 | UInt16(payload[1])
        closeReceived = code
        guard Self.isValidReceivedCloseCode(code) else { return fail(.protocolError, "invalid close code", into: &output) }
        var reasonValidator = UTF8Validator()
        guard reasonValidator.feed(payload.dropFirst(2)), reasonValidator.isComplete else {
            return fail(.invalidPayload, "close reason is not valid UTF-8", into: &output)
        }
        if !closeSent {
            closeSent = true
            Self.appendFrame(opcode: Opcode.close.rawValue, payload: payload.prefix(2), to: &output)
        }
        return .closed
    }

    /// Codes a peer may send (RFC 6455 §7.4; 1004–1006 and 1015 are reserved, 1012–2999 unassigned
    /// here, 3000–4999 for libraries and applications).
    static func isValidReceivedCloseCode(_ code: UInt16) -> Bool {
        switch code {
        case 1000...1003, 1007...1011, 3000...4999: return true
        default: return false
        }
    }
}
