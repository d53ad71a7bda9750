import Foundation
import XCTest

/// Clients that hold connection slots: a line trickled byte by byte, and many connections from one
/// address (issue 10, item 2).
final class ServerSlotTests: XCTestCase {
    func testALineTrickledSlowlyGetsIdleByeWithinTheTimeoutOfItsFirstByte() throws {
        let server = try ServerProcess(["--json", "--idle-timeout", "0.6"])
        let client = try server.connect()
        _ = try client.readJSON()
        let started = Date()
        var bye: [String: Any]? = nil
        // One byte every 0.1 s (the read's deadline paces it), far more often than the idle timeout.
        client.timeout = 0.1
        for byte in Array(String(repeating: "how long does it last ", count: 4).utf8) {
            try? client.send([byte])
            if let reply = try? client.readJSON() { bye = reply; break }
        }
        let elapsed = Date().timeIntervalSince(started)
        XCTAssertEqual(bye?["type"] as? String, "bye")
        XCTAssertEqual(bye?["code"] as? String, "idle_timeout")
        XCTAssertLessThan(elapsed, 3, "the line began \(elapsed) s before the bye")
        XCTAssertGreaterThanOrEqual(elapsed, 0.55)
        client.timeout = 5
        XCTAssertTrue(client.waitForClose())
    }

    func testMaxConnectionsPerAddressRefusesTheThirdAsBusyAndFreesTheSlotOnClose() throws {
        let server = try ServerProcess(["--json", "--max-connections-per-address", "2"])
        let first = try server.connect(), second = try server.connect()
        XCTAssertEqual(try first.readJSON()["type"] as? String, "welcome")
        XCTAssertEqual(try second.readJSON()["type"] as? String, "welcome")
        let third = try server.connect()
        XCTAssertEqual(try third.readJSON()["code"] as? String, "busy")
        XCTAssertTrue(third.waitForClose())
        XCTAssertTrue(waitUntil(timeout: 5) { server.log.contains("--max-connections-per-address") }, server.log)
        try first.send("/reset\n")
        XCTAssertEqual(try first.readJSON()["type"] as? String, "reset")
        try second.send("/quit\n")
        XCTAssertEqual(try second.readJSON()["type"] as? String, "bye")
        XCTAssertTrue(second.waitForClose())
        XCTAssertTrue(waitUntil(timeout: 5) {
            guard let next = try? server.connect(), let reply = try? next.readJSON() else { return false }
            return reply["type"] as? String == "welcome"
        })
    }

    func testWithoutThePerAddressOptionManyConnectionsFromOneAddressAreServed() throws {
        let server = try ServerProcess(["--json"])
        let clients = try (0..<20).map { _ in try server.connect() }
        for client in clients { XCTAssertEqual(try client.readJSON()["type"] as? String, "welcome") }
    }
}
