import Foundation
import XCTest

/// The line protocol over real sockets, against one shared `faqbot serve --json` (each test uses
/// its own connections, so conversations stay apart).
final class ServerProtocolTests: XCTestCase {
    nonisolated(unsafe) private static var shared: ServerProcess?

    override class func setUp() {
        super.setUp()
        shared = try? ServerProcess(["--json", "--max-line", "1024", "--threads", "2"])
    }

    override class func tearDown() {
        _ = shared?.stop()
        shared = nil
        super.tearDown()
    }

    private func server() throws -> ServerProcess {
        try XCTUnwrap(Self.shared, "the shared server did not start")
    }

    /// A connection whose greeting was read and checked.
    private func connect() throws -> ServerClient {
        let client = try server().connect()
        XCTAssertEqual(try client.readJSON()["type"] as? String, "welcome")
        return client
    }

    func testQuestionGetsTheAnswer() throws {
        let client = try connect()
        try client.send("how much does scalp micropigmentation cost\n")
        let reply = try client.readJSON()
        XCTAssertEqual(reply["type"] as? String, "answer")
        XCTAssertEqual(reply["id"] as? String, "cost")
    }

    func testConcurrentClientsEachGetTheirOwnAnswers() throws {
        let questions = ["how much does scalp micropigmentation cost", "how long does smp last",
                         "what aftercare is needed", "can I use minoxidil", "hello", "/help"]
        // What one connection answers, asked one at a time.
        let reference = try connect()
        var expected: [String] = []
        for question in questions {
            try reference.send(question + "\n")
            expected.append(try reference.readLine())
        }
        // 24 conversations open at once, driven from several threads.
        let clients = try (0..<24).map { _ in try connect() }
        let results = ResultBox(count: 24)
        let shared = SendableBox(clients)
        DispatchQueue.concurrentPerform(iterations: 24) { index in
            do {
                let client = shared.value[index]
                var lines: [String] = []
                for round in 0..<questions.count {
                    let question = questions[(index + round) % questions.count]
                    try client.send(question + "\n")
                    lines.append(try client.readLine())
                }
                results.set(index, lines)
            } catch {
                results.set(index, ["error: \(error)"])
            }
        }
        for index in 0..<24 {
            let wanted = (0..<questions.count).map { expected[(index + $0) % questions.count] }
            XCTAssertEqual(results.get(index), wanted, "client \(index)")
        }
    }

    func testOneConnectionNeverSeesAnothersConversation() throws {
        let first = try connect(), second = try connect()
        try first.send("/book\n")
        _ = try first.readJSON()
        try second.send("yes\n")
        XCTAssertNotEqual(try second.readJSON()["type"] as? String, "booked")
    }

    func testPipelinedLinesGetOneReplyEachInOrder() throws {
        let client = try connect()
        var batch = ""
        var expected: [String] = []
        for index in 0..<200 {
            batch += index % 2 == 0 ? "/reset\n" : "/help\n"
            expected.append(index % 2 == 0 ? "reset" : "help")
        }
        try client.send(batch)
        for type in expected { XCTAssertEqual(try client.readJSON()["type"] as? String, type) }
    }

    func testOneByteAtATime() throws {
        let client = try connect()
        for byte in Array("how much does it cost\r\n/reset\n".utf8) { try client.send([byte]) }
        XCTAssertEqual(try client.readJSON()["id"] as? String, "cost")
        XCTAssertEqual(try client.readJSON()["type"] as? String, "reset")
    }

    func testLFCRLFAndBareCREachEndALine() throws {
        let client = try connect()
        try client.send("/reset\n/help\r\n/reset\r/help\n")
        XCTAssertEqual(try (0..<4).map { _ in try client.readJSON()["type"] as? String }, ["reset", "help", "reset", "help"])
    }

    func testEmptyLineGetsAnErrorReply() throws {
        let client = try connect()
        try client.send("\n   \n/reset\n")
        XCTAssertEqual(try client.readJSON()["code"] as? String, "empty_line")
        XCTAssertEqual(try client.readJSON()["code"] as? String, "empty_line")
        XCTAssertEqual(try client.readJSON()["type"] as? String, "reset")
    }

    func testNULBytesAndControlCharactersAreHandled() throws {
        let client = try connect()
        try client.send([0x68, 0x00, 0x69, 0x1B, 0x5B, 0x41, 0x07, 0x0A] + Array("/reset\n".utf8))
        XCTAssertNotNil(try client.readJSON()["type"] as? String)
        XCTAssertEqual(try client.readJSON()["type"] as? String, "reset")
    }

    func testOverlongLineErrorIsReadableAndTheConnectionStaysUsable() throws {
        let client = try connect()
        try client.send(String(repeating: "x", count: 5000) + "\nhow much does it cost\n")
        let error = try client.readJSON()
        XCTAssertEqual(error["code"] as? String, "line_too_long")
        XCTAssertEqual(try client.readJSON()["id"] as? String, "cost")
    }

    func testOneMegabyteWithoutNewlineGetsOneErrorAndTheConnectionStaysUsable() throws {
        let client = try connect()
        try client.send([UInt8](repeating: 0x61, count: 1 << 20))
        XCTAssertEqual(try client.readJSON()["code"] as? String, "line_too_long")
        try client.send("\n/reset\n")
        XCTAssertEqual(try client.readJSON()["type"] as? String, "reset")
    }

    func testInvalidUTF8GetsAnErrorReply() throws {
        let client = try connect()
        try client.send([0xC3, 0x28, 0xFF, 0x0A] + Array("/reset\n".utf8))
        XCTAssertEqual(try client.readJSON()["code"] as? String, "invalid_utf8")
        XCTAssertEqual(try client.readJSON()["type"] as? String, "reset")
    }

    func testHTTPRequestIsToldThisIsNotHTTPAndDoesNotDisturbTheServer() throws {
        let client = try connect()
        try client.send("GET / HTTP/1.1\r\nHost: localhost\r\nUser-Agent: curl/8\r\n\r\n")
        let reply = try client.readJSON()
        XCTAssertEqual(reply["type"] as? String, "bye")
        XCTAssertEqual(reply["code"] as? String, "http_not_supported")
        XCTAssertEqual(try client.readToEnd(), "", "the headers get no replies; the server closes")
        let other = try connect()
        try other.send("/reset\n")
        XCTAssertEqual(try other.readJSON()["type"] as? String, "reset")
    }

    func testHTTP2ConnectionPrefaceIsToldThisIsNotHTTP() throws {
        let client = try connect()
        // The preface, then a SETTINGS frame (binary) as an HTTP/2 client with prior knowledge sends it.
        try client.send(Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8) + [0, 0, 0, 4, 0, 0, 0, 0, 0])
        let reply = try client.readJSON()
        XCTAssertEqual(reply["type"] as? String, "bye")
        XCTAssertEqual(reply["code"] as? String, "http_not_supported")
        XCTAssertEqual(try client.readToEnd(), "", "nothing after the bye; the server closes")
    }

    func testQuitSaysByeAndCloses() throws {
        let client = try connect()
        try client.send("/quit\n/help\n")
        XCTAssertEqual(try client.readJSON()["type"] as? String, "bye")
        XCTAssertEqual(try client.readToEnd(), "")
    }

    func testFormatSwitchesToTextAndBack() throws {
        let client = try connect()
        try client.send("/format text\n")
        XCTAssertEqual(try client.readTextReply(), ["Replies are now plain text."])
        try client.send("/format json\n")
        XCTAssertEqual(try client.readJSON()["id"] as? String, "format")
    }

    func testPipelinedFloodThenResetLeavesTheServerServing() throws {
        let client = try connect()
        try client.send(String(repeating: "how much does it cost\n", count: 2000))
        client.reset()
        let other = try connect()
        try other.send("how long does smp last\n")
        XCTAssertEqual(try other.readJSON()["type"] as? String, "answer")
    }

    func testPipelinedFloodDoesNotHoldUpAnotherConnectionOnTheSameLoop() throws {
        let server = try ServerProcess(["--json", "--threads", "1", "--max-output", "67108864"])
        let flooder = try server.connect(timeout: 60), other = try server.connect()
        _ = try flooder.readJSON()
        _ = try other.readJSON()
        let count = 2000
        let received = Counter()
        let reader = SendableBox(flooder)
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            for _ in 0..<count { guard (try? reader.value.readLine()) != nil else { break }; received.increment() }
            done.signal()
        }
        let started = Date()
        try flooder.send(String(repeating: "how much does it cost\n", count: count))
        let asked = Date()
        try other.send("how long does smp last\n")
        XCTAssertEqual(try other.readJSON()["type"] as? String, "answer")
        let otherWaited = Date().timeIntervalSince(asked)
        XCTAssertEqual(done.wait(timeout: .now() + 60), .success)
        let floodTook = Date().timeIntervalSince(started)
        XCTAssertEqual(received.value, count)
        // The other connection is answered within a few turns of the flood, not after all of it.
        XCTAssertLessThan(otherWaited, floodTook / 3, "waited \(otherWaited) s; the flood took \(floodTook) s")
    }

    func testDisconnectMidLineIsCleanedUp() throws {
        let client = try connect()
        try client.send("how much does it co")
        client.reset()
        let other = try connect()
        try other.send("/reset\n")
        XCTAssertEqual(try other.readJSON()["type"] as? String, "reset")
    }
}

/// Hands values to concurrent work that touches each element from one thread only.
final class SendableBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// A counter shared by a reader thread and the test.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}

/// Results written by concurrent clients.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [[String]]
    init(count: Int) { values = Array(repeating: [], count: count) }
    func set(_ index: Int, _ value: [String]) { lock.lock(); values[index] = value; lock.unlock() }
    func get(_ index: Int) -> [String] { lock.lock(); defer { lock.unlock() }; return values[index] }
}
