import Foundation
import XCTest

/// Limits, time-outs, signals and text mode, each against its own `faqbot serve`.
final class ServerLimitsTests: XCTestCase {
    func testPartialLineThenSilenceGetsIdleByeAndClose() throws {
        let server = try ServerProcess(["--json", "--idle-timeout", "0.3"])
        let client = try server.connect(timeout: 5)
        _ = try client.readJSON()
        try client.send("how much does it co")
        let bye = try client.readJSON()
        XCTAssertEqual(bye["type"] as? String, "bye")
        XCTAssertEqual(bye["code"] as? String, "idle_timeout")
        XCTAssertTrue(client.waitForClose())
    }

    func testOverMaxConnectionsGetsBusyAndTheOthersAreUntouched() throws {
        let server = try ServerProcess(["--json", "--max-connections", "2"])
        let first = try server.connect(), second = try server.connect()
        XCTAssertEqual(try first.readJSON()["type"] as? String, "welcome")
        XCTAssertEqual(try second.readJSON()["type"] as? String, "welcome")
        let third = try server.connect()
        let refusal = try third.readJSON()
        XCTAssertEqual(refusal["code"] as? String, "busy")
        XCTAssertTrue(third.waitForClose())
        try first.send("/reset\n")
        XCTAssertEqual(try first.readJSON()["type"] as? String, "reset")
        // A closed connection gives its slot back.
        try second.send("/quit\n")
        XCTAssertEqual(try second.readJSON()["type"] as? String, "bye")
        XCTAssertTrue(second.waitForClose())
        var greeted = false
        XCTAssertTrue(waitUntil(timeout: 5) {
            guard let next = try? server.connect(), let reply = try? next.readJSON() else { return false }
            greeted = reply["type"] as? String == "welcome"
            return greeted
        })
    }

    func testRunningOutOfFileDescriptorsDoesNotStopTheAcceptLoop() throws {
        let server = try ServerProcess(["--json", "--threads", "1"], fileLimit: 64)
        // More clients than descriptors: the kernel completes their handshakes, the server accepts
        // what it can and pauses on EMFILE.
        var clients: [ServerClient] = []
        for _ in 0..<100 { clients.append(try server.connect(timeout: 10)) }
        XCTAssertTrue(waitUntil(timeout: 10) { server.log.contains("Too many open files") }, server.log)
        // Every accepted client was greeted at once; the others wait in the backlog.
        var greeted: [ServerClient] = [], waiting: [ServerClient] = []
        for client in clients {
            client.timeout = 0.01
            if (try? client.readJSON())?["type"] as? String == "welcome" { greeted.append(client) } else { waiting.append(client) }
            client.timeout = 10
        }
        XCTAssertGreaterThan(greeted.count, 0)
        XCTAssertLessThan(greeted.count, 64)
        XCTAssertFalse(waiting.isEmpty)
        // Free descriptors: the waiting clients are accepted and greeted.
        for client in greeted { client.close() }
        for client in waiting.prefix(20) {
            XCTAssertEqual(try client.readJSON()["type"] as? String, "welcome")
        }
        try waiting[0].send("/reset\n")
        XCTAssertEqual(try waiting[0].readJSON()["type"] as? String, "reset")
    }

    func testGracefulShutdownSaysByeToOpenClientsAndExitsZero() throws {
        let server = try ServerProcess(["--json"])
        var clients: [ServerClient] = []
        for _ in 0..<5 {
            let client = try server.connect()
            _ = try client.readJSON()
            clients.append(client)
        }
        try clients[0].send("how much does it co")  // a partial line
        let started = Date()
        kill(server.process.processIdentifier, SIGTERM)
        for client in clients {
            let bye = try client.readJSON()
            XCTAssertEqual(bye["type"] as? String, "bye")
            XCTAssertEqual(bye["code"] as? String, "shutdown")
            XCTAssertTrue(client.waitForClose())
        }
        XCTAssertEqual(server.stop(SIGTERM, timeout: 5), 0)
        XCTAssertLessThan(Date().timeIntervalSince(started), 3)
        XCTAssertTrue(server.log.contains("stopping (SIGTERM)"), server.log)
        XCTAssertTrue(server.log.contains("stopped"), server.log)
        XCTAssertThrowsError(try server.connect())
    }

    func testSIGINTStopsTheServerToo() throws {
        let server = try ServerProcess([])
        XCTAssertEqual(server.stop(SIGINT, timeout: 5), 0)
        XCTAssertTrue(server.log.contains("stopping (SIGINT)"), server.log)
    }

    func testClientThatSendsButNeverReadsIsClosedAndOthersAreServed() throws {
        let server = try ServerProcess(["--json", "--max-output", "65536"])
        let flooder = try server.connect(timeout: 10)
        // Each /help reply is about 1 KB; send far more than the socket buffers and the limit hold.
        let block = String(repeating: "/help\n", count: 10_000)
        var sendFailed = false
        for _ in 0..<200 {
            do { try flooder.send(block) } catch { sendFailed = true; break }
            if server.log.contains("not reading") { break }
        }
        XCTAssertTrue(waitUntil(timeout: 10) { server.log.contains("not reading") }, server.log)
        _ = sendFailed
        let other = try server.connect()
        _ = try other.readJSON()
        try other.send("/reset\n")
        XCTAssertEqual(try other.readJSON()["type"] as? String, "reset")
    }

    func testClientsThatVanishMidLineOrMidReplyLeakNoDescriptors() throws {
        let server = try ServerProcess(["--json"])
        let descriptors = "/proc/\(server.process.processIdentifier)/fd"
        func openCount() -> Int { (try? FileManager.default.contentsOfDirectory(atPath: descriptors).count) ?? -1 }
        let baseline = openCount()
        for round in 0..<40 {
            let client = try server.connect()
            switch round % 4 {
            case 0: try client.send("how much does it co")                           // mid-line, reset
                client.reset()
            case 1: try client.send(String(repeating: "/help\n", count: 500))       // mid-reply, reset
                client.reset()
            case 2: try client.send("how long does it last\n")                      // mid-reply, orderly close
                client.close()
            default: client.close()                                                 // before the greeting is read
            }
        }
        XCTAssertTrue(waitUntil(timeout: 5) { openCount() == baseline }, "\(openCount()) descriptors open, \(baseline) before")
        let other = try server.connect()
        _ = try other.readJSON()
        try other.send("/reset\n")
        XCTAssertEqual(try other.readJSON()["type"] as? String, "reset")
    }

    func testTextModeConversationAsNetcatShowsIt() throws {
        let server = try ServerProcess([])
        let client = try server.connect()
        let greeting = try client.readTextReply()
        XCTAssertTrue(greeting.joined(separator: " ").hasPrefix("Hello!"), "\(greeting)")
        try client.send("how much does scalp micropigmentation cost\n")
        let answer = try client.readTextReply()
        XCTAssertFalse(answer.isEmpty)
        XCTAssertTrue(answer.joined(separator: " ").contains("cost"), "\(answer)")
        XCTAssertFalse(answer.contains(where: { $0.hasPrefix("{") }))
        try client.send("/help\n")
        let help = try client.readTextReply()
        XCTAssertFalse(help.contains(""), "an empty line inside a reply would end it early")
        try client.send("/quit\n")
        XCTAssertFalse(try client.readTextReply().isEmpty)
        XCTAssertEqual(try client.readToEnd(), "")
    }

    func testStartFailsClearlyWhenThePortIsTaken() throws {
        let server = try ServerProcess(["--json"])
        let outcome = try Executable.run(["serve", "--port", String(server.port), "--knowledge", Executable.knowledge])
        XCTAssertEqual(outcome.status, 1)
        XCTAssertTrue(outcome.standardError.contains("Address already in use"), outcome.standardError)
    }

    func testBadOptionsAreUsageErrors() throws {
        XCTAssertEqual(try Executable.run(["serve", "--port", "70000"]).status, 2)
        XCTAssertEqual(try Executable.run(["serve", "--host", "example.com"]).status, 2)
        XCTAssertEqual(try Executable.run(["loadtest"]).status, 2)
        XCTAssertEqual(try Executable.run(["serve", "--help"]).status, 0)
        XCTAssertEqual(try Executable.run(["loadtest", "--help"]).status, 0)
    }

    func testLoadtestAgainstTheServer() throws {
        let server = try ServerProcess(["--json"])
        let outcome = try Executable.run(["loadtest", "--port", String(server.port), "--connections", "4",
                                          "--duration", "0.3", "--greeting-lines", "1",
                                          "--questions", Executable.knowledge + "/eval.tsv"])
        XCTAssertEqual(outcome.status, 0, outcome.standardOutput + outcome.standardError)
        XCTAssertTrue(outcome.standardOutput.contains("error replies 0, connection errors 0"), outcome.standardOutput)
        XCTAssertTrue(outcome.standardOutput.contains("latency p50"), outcome.standardOutput)
    }
}
