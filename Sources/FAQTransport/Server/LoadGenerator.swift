#if canImport(Glibc)
import Glibc
#endif

/// A closed-loop load generator for any server that answers one line per line (faqbot in JSON mode,
/// redis-server with inline `PING`): each connection sends a line, waits for one reply line, repeats.
/// With `webSocketPath` it speaks WebSocket instead (faqbot's `/chat`): one text message per line.
public enum LoadGenerator {
    /// What to run.
    public struct Configuration: Sendable {
        /// The server's IPv4 address.
        public var host = "127.0.0.1"
        /// The server's port.
        public var port = 7878
        /// Connections held open.
        public var connections = 64
        /// Seconds to measure.
        public var duration = 10.0
        /// Lines sent, in turn (each connection starts at a different one).
        public var questions = ["PING"]
        /// Lines the server sends on connect, skipped before the first request.
        public var greetingLines = 0
        /// Client threads, each with its own epoll over its share of the connections.
        public var threads = 1
        /// Only open the connections, read the greetings and hold them for `duration` (no requests).
        public var idle = false
        /// Whether every line sent is made unique (see `uniqueTail`), so no reply comes from a cache.
        public var unique = false
        /// The WebSocket path (`/chat`) to open on each connection, or nil for the line protocol.
        public var webSocketPath: String? = nil

        /// The defaults.
        public init() {}
    }

    /// What was measured.
    public struct Report: Sendable {
        /// Connections that were opened.
        public var connections = 0
        /// Reply lines received within the measured time.
        public var replies = 0
        /// Replies that were errors (a JSON `"type":"error"` or a RESP `-ERR`).
        public var errorReplies = 0
        /// Connections that failed or were closed by the server.
        public var errors = 0
        /// The measured time in seconds.
        public var elapsed = 0.0
        /// Round-trip times in nanoseconds, sorted.
        public var latencies: [UInt64] = []
        /// Whether this was an idle run (connections held, no requests).
        public var idle = false

        /// Replies per second.
        public var rate: Double { elapsed > 0 ? Double(replies) / elapsed : 0 }

        /// The `fraction` quantile of the latencies, in milliseconds (nearest rank).
        public func latency(_ fraction: Double) -> Double {
            guard !latencies.isEmpty else { return 0 }
            let rank = min(latencies.count - 1, max(0, Int((fraction * Double(latencies.count)).rounded(.up)) - 1))
            return Double(latencies[rank]) / 1e6
        }

        /// Printable summary.
        public var summary: String {
            func ms(_ value: Double) -> String {
                let hundredths = Int((value * 100).rounded())
                let fraction = String(hundredths % 100)
                return "\(hundredths / 100)." + (fraction.count < 2 ? "0" : "") + fraction + " ms"
            }
            if idle {
                return "held \(connections) connections for \(elapsed) s; \(errors) were closed by the server"
            }
            return """
            connections \(connections), \(Int(elapsed.rounded())) s
            replies \(replies) (\(Int(rate.rounded()))/s), error replies \(errorReplies), connection errors \(errors)
            latency p50 \(ms(latency(0.5))), p90 \(ms(latency(0.9))), p99 \(ms(latency(0.99))), max \(ms(latency(1.0)))
            """
        }
    }

    /// Connects, runs the load, returns the figures. `progress` gets status lines.
    /// A tail that makes a line unique without changing what it asks: `number` written in binary as
    /// '.' and '!' (48 characters), which the tokenizer drops, after a space.
    public static func uniqueTail(_ number: UInt64) -> [UInt8] {
        [32] + (0..<48).map { number >> UInt64($0) & 1 == 1 ? UInt8(ascii: "!") : UInt8(ascii: ".") }
    }

    /// Sends the WebSocket handshake on a blocking socket and reads the response head, byte by byte
    /// so no frame after it is taken; throws when the server does not switch protocols.
    private static func openWebSocket(_ fd: Int32, host: String, port: Int, path: String) throws(SystemCallError) {
        let request = "GET \(path) HTTP/1.1\r\nHost: \(host):\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: bG9hZHRlc3Qta2V5LTE2Yg==\r\nSec-WebSocket-Version: 13\r\n\r\n"
        var bytes = Array(request.utf8)
        while !bytes.isEmpty {
            let result = bytes.withUnsafeBytes { buffer in Result { () throws(SystemCallError) in try Socket.send(fd, buffer) } }
            guard case .done(let count) = try result.get() else { continue }
            bytes.removeFirst(count)
        }
        var head: [UInt8] = []
        let one = UnsafeMutableRawBufferPointer.allocate(byteCount: 1, alignment: 1)
        defer { one.deallocate() }
        while !head.suffix(4).elementsEqual([13, 10, 13, 10]) {
            guard case .done(let count) = try Socket.receive(fd, into: one), count == 1, head.count < 4096 else {
                throw SystemCallError(call: "WebSocket handshake", errno: ECONNABORTED)
            }
            head.append(one[0])
        }
        guard head.starts(with: Array("HTTP/1.1 101 ".utf8)) else { throw SystemCallError(call: "WebSocket handshake", errno: EPROTO) }
    }

    public static func run(_ configuration: Configuration, progress: (String) -> Void = { _ in }) throws(SystemCallError) -> Report {
        guard let address = Socket.address(host: configuration.host, port: configuration.port) else {
            throw SystemCallError(call: "inet_pton", errno: EINVAL)
        }
        var descriptors: [Int32] = []
        defer { for fd in descriptors { Socket.close(fd) } }
        for _ in 0..<configuration.connections {
            let fd = try Socket.connect(address)
            descriptors.append(fd)
            if let path = configuration.webSocketPath { try openWebSocket(fd, host: configuration.host, port: configuration.port, path: path) }
            Socket.setNoDelay(fd)
            try Socket.setNonBlocking(fd)
        }
        let threadCount = max(1, min(configuration.threads, descriptors.count))
        var shares = Array(repeating: [Int32](), count: threadCount)
        for (index, fd) in descriptors.enumerated() { shares[index % threadCount].append(fd) }
        let start = MonotonicClock.now()
        let workers = try shares.enumerated().map { (index, share) throws(SystemCallError) in
            try LoadWorker(descriptors: share, configuration: configuration, firstQuestion: index * 7)
        }
        if configuration.idle {
            for worker in workers { worker.readGreetings(deadline: start + 60) }
            progress("holding \(descriptors.count) idle connections for \(configuration.duration) s")
            let end = MonotonicClock.now() + configuration.duration
            while MonotonicClock.now() < end {
                var pause = timespec(tv_sec: 0, tv_nsec: 50_000_000)
                nanosleep(&pause, nil)
            }
            var report = Report()
            report.connections = descriptors.count
            report.elapsed = configuration.duration
            report.idle = true
            report.errors = workers.reduce(0) { $0 + $1.closedCount() }
            return report
        }
        let end = start + configuration.duration
        var threads: [PosixThread] = []
        for worker in workers { threads.append(try PosixThread { worker.run(until: end) }) }
        for thread in threads { thread.join() }
        var report = Report()
        report.connections = descriptors.count
        report.elapsed = MonotonicClock.now() - start
        for worker in workers {
            report.replies += worker.replies
            report.errorReplies += worker.errorReplies
            report.errors += worker.errors
            report.latencies += worker.latencies
        }
        report.latencies.sort()
        return report
    }
}

/// One load thread's connections. `@unchecked Sendable`: used by one thread at a time (created by the
/// caller, run by its thread, read by the caller after `join`).
private final class LoadWorker: @unchecked Sendable {
    private final class Client {
        let fd: Int32
        var greetingLeft: Int
        var next: Int
        var sentAt: UInt64 = 0
        var pending: [UInt8] = []
        var lineStart: [UInt8] = []
        /// WebSocket bytes not yet parsed into frames.
        var inbox: [UInt8] = []
        var open = true
        init(fd: Int32, greetingLeft: Int, next: Int) {
            self.fd = fd
            self.greetingLeft = greetingLeft
            self.next = next
        }
    }

    private let epoll: Epoll
    private var clients: [Int32: Client] = [:]
    private let questions: [[UInt8]]
    private let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 65536, alignment: 16)
    private(set) var replies = 0
    private(set) var errorReplies = 0
    private(set) var errors = 0
    private(set) var latencies: [UInt64] = []
    private var measuring = true
    private let unique: Bool
    private let webSocket: Bool
    /// Lines sent by this worker (numbers the unique tails; workers start far apart).
    private var sentLines: UInt64

    init(descriptors: [Int32], configuration: LoadGenerator.Configuration, firstQuestion: Int) throws(SystemCallError) {
        epoll = try Epoll(capacity: 512)
        questions = (configuration.questions.isEmpty ? ["PING"] : configuration.questions).map { Array(($0 + "\r\n").utf8) }
        unique = configuration.unique
        webSocket = configuration.webSocketPath != nil
        sentLines = UInt64(firstQuestion) << 40
        for (index, fd) in descriptors.enumerated() {
            clients[fd] = Client(fd: fd, greetingLeft: configuration.greetingLines, next: (firstQuestion + index) % questions.count)
            try epoll.add(fd, .readable)
        }
        latencies.reserveCapacity(1 << 20)
    }

    deinit { buffer.deallocate() }

    /// Reads the greeting lines of every connection (idle mode).
    func readGreetings(deadline: Double) {
        var waiting = clients.values.filter { $0.greetingLeft > 0 }.count
        measuring = false
        while waiting > 0 && MonotonicClock.now() < deadline {
            try? epoll.wait(timeoutMilliseconds: 100) { event in
                guard let client = clients[event.fd] else { return }
                let before = client.greetingLeft
                receive(client)
                if before > 0 && (client.greetingLeft == 0 || !client.open) { waiting -= 1 }
            }
        }
    }

    /// Connections the server has closed (idle mode).
    func closedCount() -> Int {
        var closed = 0
        for client in clients.values where client.open {
            let result = try? Socket.receive(client.fd, into: buffer)
            if case .wouldBlock? = result { continue }
            closed += 1
        }
        return closed + errors
    }

    func run(until end: Double) {
        for client in clients.values where client.greetingLeft == 0 { send(client) }
        let endNanoseconds = UInt64(end * 1e9)
        while MonotonicClock.nanoseconds() < endNanoseconds {
            do {
                try epoll.wait(timeoutMilliseconds: 50) { event in
                    guard let client = clients[event.fd] else { return }
                    if event.isReadable { receive(client, end: endNanoseconds) }
                    if event.isWritable && client.open { writePending(client) }
                }
            } catch {
                break
            }
        }
    }

    private func receive(_ client: Client, end: UInt64 = .max) {
        let result = try? Socket.receive(client.fd, into: buffer)
        guard let result else { fail(client); return }
        guard case .done(let count) = result else { return }
        if count == 0 { fail(client); return }
        if webSocket {
            client.inbox.append(contentsOf: buffer[0..<count])
            receiveFrames(client, end: end)
            return
        }
        for index in 0..<count {
            let byte = buffer[index]
            if byte != 0x0A {
                if client.lineStart.count < 16 { client.lineStart.append(byte) }
                continue
            }
            let line = client.lineStart
            client.lineStart.removeAll(keepingCapacity: true)
            if client.greetingLeft > 0 {
                client.greetingLeft -= 1
                if client.greetingLeft == 0 && measuring { send(client) }
                continue
            }
            reply(client, startingWith: line[...], end: end)
        }
    }

    /// Counts one reply (a line, or a WebSocket text message) and sends the next line.
    private func reply(_ client: Client, startingWith start: ArraySlice<UInt8>, end: UInt64) {
        let now = MonotonicClock.nanoseconds()
        guard now <= end else { return }
        replies += 1
        latencies.append(now - client.sentAt)
        if start.starts(with: Array("{\"type\":\"error\"".utf8)) || start.first == UInt8(ascii: "-") {
            errorReplies += 1
        }
        send(client)
    }

    /// Takes the complete WebSocket frames out of the client's inbox; each text frame is one reply.
    private func receiveFrames(_ client: Client, end: UInt64) {
        var start = 0
        while client.inbox.count - start >= 2 {
            var length = Int(client.inbox[start + 1] & 0x7F)
            var header = 2
            if length == 126 {
                guard client.inbox.count - start >= 4 else { break }
                length = Int(client.inbox[start + 2]) << 8 | Int(client.inbox[start + 3])
                header = 4
            } else if length == 127 {
                guard client.inbox.count - start >= 10 else { break }
                length = client.inbox[(start + 2)..<(start + 10)].reduce(0) { $0 << 8 | Int($1) }
                header = 10
            }
            guard client.inbox.count - start >= header + length else { break }
            let opcode = client.inbox[start] & 0x0F
            let payload = client.inbox[(start + header)..<(start + header + min(length, 16))]
            start += header + length
            if opcode == 0x8 { fail(client); break }
            guard opcode == 0x1 else { continue }
            if client.greetingLeft > 0 {
                client.greetingLeft -= 1
                if client.greetingLeft == 0 && measuring { send(client) }
                continue
            }
            reply(client, startingWith: payload, end: end)
        }
        if start > 0 { client.inbox.removeFirst(min(start, client.inbox.count)) }
    }

    private func send(_ client: Client) {
        if webSocket {
            var text = Array(questions[client.next].dropLast(2))
            if unique {
                text += LoadGenerator.uniqueTail(sentLines)
                sentLines += 1
            }
            let mask: [UInt8] = [0x5A, 0xA5, 0x3C, 0xC3]
            client.pending.append(0x81)
            if text.count < 126 {
                client.pending.append(0x80 | UInt8(text.count))
            } else {
                client.pending += [0x80 | 126, UInt8(text.count >> 8 & 0xFF), UInt8(text.count & 0xFF)]
            }
            client.pending += mask
            for (index, byte) in text.enumerated() { client.pending.append(byte ^ mask[index & 3]) }
        } else if unique {
            client.pending += questions[client.next].dropLast(2)
            client.pending += LoadGenerator.uniqueTail(sentLines)
            client.pending += [13, 10]
            sentLines += 1
        } else {
            client.pending += questions[client.next]
        }
        client.next = (client.next + 1) % questions.count
        client.sentAt = MonotonicClock.nanoseconds()
        writePending(client)
    }

    private func writePending(_ client: Client) {
        while !client.pending.isEmpty {
            let result = try? client.pending.withUnsafeBytes { try Socket.send(client.fd, $0) }
            switch result {
            case .done(let count)?: client.pending.removeFirst(count)
            case .wouldBlock?:
                try? epoll.modify(client.fd, [.readable, .writable])
                return
            case nil:
                fail(client)
                return
            }
        }
        try? epoll.modify(client.fd, .readable)
    }

    private func fail(_ client: Client) {
        guard client.open else { return }
        client.open = false
        errors += 1
        epoll.remove(client.fd)
    }
}
