import Foundation

/// Frames and parses HTTP/1.x request heads from bytes that arrive in pieces of any size. Pure.
///
/// Limits come first: a request line over `maximumRequestLine` bytes is refused with 414, a head
/// over `maximumHeadBytes` or with more than `maximumHeaderCount` fields with 431, before the rest
/// is buffered. A body (`Content-Length`) up to `maximumBodyBytes` is read and discarded; a larger
/// one gets 413, `Transfer-Encoding` 400 (the server serves no uploads). Lines end in CRLF (a bare
/// LF is tolerated, as RFC 9112 §2.2 allows).
public struct HTTPRequestParser: Sendable {
    /// The parser's limits.
    public struct Limits: Sendable {
        /// The longest request line, in bytes.
        public var maximumRequestLine = 8192
        /// The longest head (request line and header fields), in bytes.
        public var maximumHeadBytes = 16384
        /// The most header fields.
        public var maximumHeaderCount = 64
        /// The largest body read (and discarded).
        public var maximumBodyBytes = 8192

        /// The defaults.
        public init() {}
    }

    /// What `next` found.
    public enum Outcome: Sendable, Equatable {
        /// The head is not complete yet.
        case needMore
        /// A whole request (its body, if any, skipped).
        case request(HTTPRequest)
        /// The request is refused with this status; the connection must close after the response.
        case failure(status: Int, reason: String)
    }

    private let limits: Limits
    private var buffer: [UInt8] = []
    private var scanned = 0
    private var bodyToSkip = 0
    private var pendingRequest: HTTPRequest?

    /// A parser with `limits`.
    public init(limits: Limits = Limits()) { self.limits = limits }

    /// Whether a request has begun and is not complete (for the slow-request timeout).
    public var isInsideRequest: Bool { !buffer.isEmpty || pendingRequest != nil }

    /// Adds received bytes.
    public mutating func append<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        buffer.append(contentsOf: bytes)
    }

    /// Takes the bytes not consumed by requests (those after a WebSocket upgrade request).
    public mutating func takeRemainingBytes() -> [UInt8] {
        defer { buffer = []; scanned = 0 }
        return buffer
    }

    /// The next complete request from the bytes appended so far.
    public mutating func next() -> Outcome {
        if let request = pendingRequest {
            let skipped = min(bodyToSkip, buffer.count)
            buffer.removeFirst(skipped)
            bodyToSkip -= skipped
            guard bodyToSkip == 0 else { return .needMore }
            pendingRequest = nil
            return .request(request)
        }
        // Blank lines before a request are ignored (RFC 9112 §2.2).
        while let first = buffer.first, first == 0x0D || first == 0x0A { buffer.removeFirst(); scanned = 0 }
        guard let headEnd = findHeadEnd() else {
            if let lineEnd = buffer.firstIndex(of: 0x0A) {
                if lineEnd > limits.maximumRequestLine { return .failure(status: 414, reason: "the request line is too long") }
            } else if buffer.count > limits.maximumRequestLine {
                return .failure(status: 414, reason: "the request line is too long")
            }
            if buffer.count > limits.maximumHeadBytes { return .failure(status: 431, reason: "the request's header fields are too large") }
            return .needMore
        }
        if headEnd.end > limits.maximumHeadBytes { return .failure(status: 431, reason: "the request's header fields are too large") }
        let head = Array(buffer[0..<headEnd.start])
        buffer.removeFirst(headEnd.end)
        scanned = 0
        let outcome = parse(head)
        guard case .request(let request) = outcome else { return outcome }
        if request.header("transfer-encoding") != nil { return .failure(status: 400, reason: "request bodies are not accepted") }
        if let lengthText = request.header("content-length") {
            guard let length = Int(lengthText), length >= 0, lengthText.allSatisfy(\.isASCII) else {
                return .failure(status: 400, reason: "Content-Length is not a number")
            }
            if length > limits.maximumBodyBytes { return .failure(status: 413, reason: "the request body is too large") }
            if length > 0 {
                bodyToSkip = length
                pendingRequest = request
                return next()
            }
        }
        return outcome
    }

    /// Where the head's blank line starts and ends, scanning only new bytes.
    private mutating func findHeadEnd() -> (start: Int, end: Int)? {
        var index = max(0, scanned - 3)
        while index < buffer.count {
            if buffer[index] == 0x0A {
                if index + 1 < buffer.count && buffer[index + 1] == 0x0A { return (index + 1, index + 2) }
                if index + 2 < buffer.count && buffer[index + 1] == 0x0D && buffer[index + 2] == 0x0A { return (index + 1, index + 3) }
            }
            index += 1
        }
        scanned = buffer.count
        return nil
    }

    private func parse(_ head: [UInt8]) -> Outcome {
        var lines = head.split(separator: 0x0A, omittingEmptySubsequences: false).map { line -> ArraySlice<UInt8> in
            line.last == 0x0D ? line.dropLast() : line
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let requestLine = lines.first else { return .failure(status: 400, reason: "empty request") }
        if requestLine.count > limits.maximumRequestLine { return .failure(status: 414, reason: "the request line is too long") }
        let parts = requestLine.split(separator: 0x20, omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, parts[0].allSatisfy(Self.isTokenByte),
              let target = String(validating: parts[1], as: UTF8.self), !target.isEmpty,
              parts[1].allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            return .failure(status: 400, reason: "malformed request line")
        }
        let version = String(decoding: parts[2], as: UTF8.self)
        guard version == "HTTP/1.1" || version == "HTTP/1.0" else {
            return .failure(status: version.hasPrefix("HTTP/") ? 505 : 400, reason: "only HTTP/1.0 and HTTP/1.1 are spoken")
        }
        guard target.hasPrefix("/") else { return .failure(status: 400, reason: "the request target must be a path") }
        let fieldLines = lines.dropFirst()
        if fieldLines.count > limits.maximumHeaderCount { return .failure(status: 431, reason: "too many header fields") }
        var headers: [(name: String, value: String)] = []
        for line in fieldLines {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex,
                  line[line.startIndex..<colon].allSatisfy(Self.isTokenByte),
                  !line.contains(0x00), !line.contains(0x0D) else {
                return .failure(status: 400, reason: "malformed header field")
            }
            let name = String(decoding: line[line.startIndex..<colon], as: UTF8.self).lowercased()
            let value = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            headers.append((name, value))
        }
        let query = target.firstIndex(of: "?").map { String(target[target.index(after: $0)...]) } ?? ""
        let path = target.firstIndex(of: "?").map { String(target[..<$0]) } ?? target
        let request = HTTPRequest(method: String(decoding: parts[0], as: UTF8.self), path: path, query: query,
                                  minorVersion: version == "HTTP/1.1" ? 1 : 0, headers: headers)
        if request.minorVersion == 1 && request.header("host") == nil { return .failure(status: 400, reason: "the Host header is missing") }
        if headers.filter({ $0.name == "content-length" }).count > 1 { return .failure(status: 400, reason: "Content-Length appears twice") }
        return .request(request)
    }

    /// RFC 9110 `tchar`.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return true
        default: return Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }
}
