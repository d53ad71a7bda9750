import Foundation
import XCTest

/// Reloading the knowledge of a running `faqbot serve` (SIGHUP, `faqbot reload --admin-socket`) while
/// patients talk to it over TCP.
final class ServerReloadTests: ServerBookingCase {
    var knowledge: String { directory + "/knowledge" }
    var socket: String { directory + "/admin.sock" }
    var costFile: String { knowledge + "/entries/cost.md" }

    override func setUpWithError() throws {
        try super.setUpWithError()
        try FileManager.default.copyItem(atPath: Executable.knowledge, toPath: knowledge)
        try writeCost("OLD-COST")
    }

    /// Makes the cost entry's answer `marker`.
    func writeCost(_ marker: String) throws {
        try "id: cost\nquestion: How much does scalp micropigmentation cost in India?\n\n\(marker) Between INR 15k and one lakh.\n"
            .write(toFile: costFile, atomically: true, encoding: .utf8)
    }

    func startServer() throws -> ServerProcess {
        try ServerProcess(["--json", "--encoder", "off", "--knowledge", knowledge, "--bookings", journal, "--admin-socket", socket])
    }

    func reload() throws -> Executable.Outcome {
        try Executable.run(["reload", "--admin-socket", socket], timeout: 60)
    }

    func testReloadUnderLoadDropsNoConnectionAndEveryReplyIsFromTheOldOrTheNewKnowledge() throws {
        let server = try startServer()
        let attribute = try FileManager.default.attributesOfItem(atPath: socket)
        XCTAssertEqual((attribute[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        let clients = try (0..<4).map { _ in try server.connect() }
        for client in clients { _ = try client.readJSON() }
        let results = ReplyRecorder(count: clients.count)
        let group = DispatchGroup()
        for (index, client) in clients.enumerated() {
            group.enter()
            let client = UncheckedClient(client)
            Thread.detachNewThread {
                defer { group.leave() }
                do {
                    while !results.stopped {
                        try client.client.send("how much does smp cost?\n")
                        let reply = try client.client.readJSON()
                        results.add(index, "\(reply["type"] ?? "")|\(reply["id"] ?? "")|\(reply["text"] ?? "")")
                    }
                } catch {
                    results.fail(index, "\(error)")
                }
            }
        }
        XCTAssertTrue(waitUntil(timeout: 20) { results.everyone { $0.count >= 5 } })
        try writeCost("NEW-COST")
        // Two reloads at once, then one more.
        let outcomes = ReplyRecorder(count: 2)
        let socket = socket
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            let outcome = try? Executable.run(["reload", "--admin-socket", socket], timeout: 60)
            outcomes.add(index, "\(outcome?.status ?? -1) \(outcome?.standardOutput ?? "")")
        }
        XCTAssertEqual(try reload().status, 0)
        XCTAssertTrue(waitUntil(timeout: 20) { results.everyone { $0.last?.contains("NEW-COST") == true } }, results.summary)
        results.stop()
        XCTAssertEqual(group.wait(timeout: .now() + 10), .success)
        for reply in outcomes.all { XCTAssertTrue(reply.hasPrefix("0 reloaded the knowledge"), reply) }
        XCTAssertEqual(results.failures, [], "a connection failed during the reload")
        for (index, replies) in results.replies.enumerated() {
            for reply in replies {
                XCTAssertTrue(reply.hasPrefix("answer|cost|OLD-COST") || reply.hasPrefix("answer|cost|NEW-COST"), reply)
            }
            // Once a connection has the new knowledge, it never gets the old one again.
            let firstNew = try XCTUnwrap(replies.firstIndex { $0.contains("NEW-COST") })
            XCTAssertFalse(replies[firstNew...].contains { $0.contains("OLD-COST") }, "connection \(index)")
        }
        XCTAssertTrue(server.log.contains("reply cache emptied"), server.log)
        XCTAssertEqual(server.stop(), 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: socket))
    }

    func testConversationsInProgressGoOnAcrossAReload() throws {
        let server = try startServer()
        let choosing = try server.connect()
        _ = try choosing.readJSON()
        try choosing.send("smp hair growth or not\n")
        let clarify = try choosing.readJSON()
        XCTAssertEqual(clarify["type"] as? String, "clarify")
        let shown = (clarify["suggestions"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        XCTAssertEqual(shown.count, 2)
        let booking = try server.connect()
        _ = try booking.readJSON()
        for line in ["/book", "Jane Doe"] {
            try booking.send(line + "\n")
            _ = try booking.readJSON()
        }
        // A new entry sorted first moves every other entry's position.
        try "id: aaa-parking\nquestion: Is there parking at the clinic?\n\nYes, free parking for patients.\n"
            .write(toFile: knowledge + "/entries/aaa-parking.md", atomically: true, encoding: .utf8)
        kill(server.process.processIdentifier, SIGHUP)
        XCTAssertTrue(waitUntil(timeout: 30) { server.log.contains("(reload 1)") }, server.log)
        try choosing.send("2\n")
        let picked = try choosing.readJSON()
        XCTAssertEqual(picked["type"] as? String, "answer")
        XCTAssertEqual(picked["id"] as? String, shown[1])
        try choosing.send("is there parking at the clinic\n")
        XCTAssertEqual(try choosing.readJSON()["id"] as? String, "aaa-parking")
        try booking.send("020 7946 0958\n")
        let next = try booking.readJSON()
        XCTAssertEqual(next["type"] as? String, "booking")
        XCTAssertEqual(next["field"] as? String, "date", "\(next)")
        XCTAssertEqual(server.stop(), 0)
    }

    func testALiveAdminSocketIsNotTakenOverAndAStaleOneIsReplaced() throws {
        let first = try startServer()
        let second = try Executable.run(["serve", "--port", "0", "--encoder", "off", "--knowledge", knowledge,
                                         "--bookings", journal, "--admin-socket", socket])
        XCTAssertEqual(second.status, 1)
        XCTAssertTrue(second.standardError.contains("another faqbot serve already listens"), second.standardError)
        XCTAssertEqual(try reload().status, 0, "the first server still answers on its socket")
        XCTAssertEqual(first.stop(SIGKILL), 9)   // killed: the socket file stays behind
        XCTAssertTrue(FileManager.default.fileExists(atPath: socket))
        let third = try startServer()
        XCTAssertEqual(try reload().status, 0)
        XCTAssertEqual(third.stop(), 0)
    }

    func testABrokenEditIsRejectedWithFileAndLineAndTheOldKnowledgeKeepsServing() throws {
        let server = try startServer()
        let client = try server.connect()
        _ = try client.readJSON()
        try "id: cost\nquestion: How much?\nprice: 15k\n\nNEW-COST\n".write(toFile: costFile, atomically: true, encoding: .utf8)
        let outcome = try reload()
        XCTAssertEqual(outcome.status, 1)
        XCTAssertTrue(outcome.standardOutput.contains("reload rejected"), outcome.standardOutput)
        XCTAssertTrue(outcome.standardOutput.contains("entries/cost.md:3"), outcome.standardOutput)
        XCTAssertTrue(server.log.contains("entries/cost.md:3"), server.log)
        try client.send("how much does smp cost?\n")
        let reply = try client.readJSON()
        XCTAssertEqual(reply["id"] as? String, "cost")
        XCTAssertTrue((reply["text"] as? String ?? "").contains("OLD-COST"), "\(reply)")
        XCTAssertEqual(server.stop(), 0)
    }
}

/// A client handed to one reader thread.
private struct UncheckedClient: @unchecked Sendable {
    // @unchecked: each client is used by exactly one thread at a time.
    let client: ServerClient
    init(_ client: ServerClient) { self.client = client }
}

/// Replies seen by each client thread.
private final class ReplyRecorder: @unchecked Sendable {
    // @unchecked: everything under `lock`.
    private let lock = NSLock()
    private var lists: [[String]]
    private var errors: [String] = []
    private var stopping = false

    init(count: Int) { lists = Array(repeating: [], count: count) }

    func add(_ index: Int, _ reply: String) { lock.lock(); lists[index].append(reply); lock.unlock() }
    func fail(_ index: Int, _ error: String) { lock.lock(); errors.append("\(index): \(error)"); lock.unlock() }
    func stop() { lock.lock(); stopping = true; lock.unlock() }
    var stopped: Bool { lock.lock(); defer { lock.unlock() }; return stopping }
    var replies: [[String]] { lock.lock(); defer { lock.unlock() }; return lists }
    var all: [String] { replies.flatMap { $0 } }
    var failures: [String] { lock.lock(); defer { lock.unlock() }; return errors }
    func everyone(_ condition: ([String]) -> Bool) -> Bool { replies.allSatisfy(condition) }
    var summary: String { replies.map { "\($0.count) replies, last: \($0.last?.prefix(40) ?? "")" }.joined(separator: "; ") }
}
