import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A small blocking TCP client for the server tests: every read has a deadline.
final class ServerClient {
    enum Failure: Error {
        case connectFailed(Int32)
        case timedOut(String)
        case closed(String)
        case sendFailed(Int32)
    }

    private(set) var fd: Int32
    private var buffer: [UInt8] = []
    /// Seconds any read waits.
    var timeout: TimeInterval
    /// Whether the server closed the connection (end of input or reset was read).
    private(set) var isClosed = false

    /// Connects to 127.0.0.1:`port`; `receiveBuffer` sets SO_RCVBUF first (a small one makes the
    /// server's replies back up in its own buffers soon when the client does not read).
    init(port: Int, timeout: TimeInterval = 10, receiveBuffer: Int32? = nil) throws {
        self.timeout = timeout
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        if var size = receiveBuffer {
            setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        if result != 0 {
            let code = errno
            Glibc.close(fd)
            throw Failure.connectFailed(code)
        }
        // A send that cannot proceed fails after the timeout instead of hanging the test.
        var limit = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - Double(Int(timeout))) * 1e6))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close() }

    /// Closes the socket (an orderly close).
    func close() {
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
    }

    /// Sends `text` (UTF-8) as is.
    func send(_ text: String) throws { try send(Array(text.utf8)) }

    /// Sends `bytes` as is.
    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw Failure.sendFailed(errno)
            }
            offset += written
        }
    }

    /// The next line (without its LF), waiting up to the timeout.
    func readLine() throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                return line
            }
            guard try fill(until: deadline) else {
                throw Failure.closed("connection closed before a full line; got \(String(decoding: buffer, as: UTF8.self).prefix(200))")
            }
        }
    }

    /// The next `count` bytes, waiting up to the timeout.
    func readBytes(_ count: Int) throws -> [UInt8] {
        let deadline = Date().addingTimeInterval(timeout)
        while buffer.count < count {
            guard try fill(until: deadline) else { throw Failure.closed("connection closed after \(buffer.count) of \(count) bytes") }
        }
        defer { buffer.removeFirst(count) }
        return Array(buffer[..<count])
    }

    /// The bytes up to and including the first `delimiter`, waiting up to the timeout.
    func readThrough(_ delimiter: String) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        let pattern = Array(delimiter.utf8)
        while true {
            if buffer.count >= pattern.count,
               let start = (0...(buffer.count - pattern.count)).first(where: { buffer[$0..<($0 + pattern.count)].elementsEqual(pattern) }) {
                let text = String(decoding: buffer[..<(start + pattern.count)], as: UTF8.self)
                buffer.removeFirst(start + pattern.count)
                return text
            }
            guard try fill(until: deadline) else { throw Failure.closed("connection closed before \(delimiter.debugDescription)") }
        }
    }

    /// The next JSON reply line, decoded.
    func readJSON() throws -> [String: Any] {
        let line = try readLine()
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
            throw Failure.closed("not a JSON object: \(line.prefix(300))")
        }
        return object
    }

    /// The next text-mode reply: its lines up to the empty line that ends it.
    func readTextReply() throws -> [String] {
        var lines: [String] = []
        while true {
            let line = try readLine()
            if line.isEmpty { return lines }
            lines.append(line)
        }
    }

    /// Reads until the server closes the connection; returns what arrived. Throws on timeout.
    func readToEnd() throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while try fill(until: deadline) {}
        defer { buffer.removeAll(); close() }
        return String(decoding: buffer, as: UTF8.self)
    }

    /// Whether the server closes the connection within the timeout, discarding what arrives; then
    /// closes our side too, as `nc` does.
    func waitForClose() -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        do {
            while try fill(until: deadline) { buffer.removeAll() }
            close()
            return true
        } catch {
            return false
        }
    }

    /// Closes with a reset (SO_LINGER 0) instead of an orderly close.
    func reset() {
        var option = linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
        shutdown(fd, Int32(SHUT_RDWR))
    }

    /// Reads more bytes into the buffer; false at end of input (or reset). Throws at the deadline.
    private func fill(until deadline: Date) throws -> Bool {
        if isClosed || fd < 0 { return false }
        while true {
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 { throw Failure.timedOut("no data within \(timeout) s") }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(min(remaining, 60) * 1000) + 1)
            if ready < 0 && errno == EINTR { continue }
            if ready <= 0 { continue }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let count = recv(fd, &chunk, chunk.count, 0)
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                isClosed = true
                return false
            }
            if count == 0 {
                isClosed = true
                return false
            }
            buffer.append(contentsOf: chunk[..<count])
            return true
        }
    }
}
