import Foundation
import XCTest

/// Signals other than SIGINT and SIGTERM: logged and ignored, never fatal (issue 10, item 6); SIGHUP
/// reloads the knowledge (issue 13).
final class ServerSignalTests: XCTestCase {
    func testSIGHUPReloadsAndSIGUSR1AndSIGUSR2AreLoggedAndTheServerKeepsServing() throws {
        let server = try ServerProcess(["--json"])
        let client = try server.connect()
        XCTAssertEqual(try client.readJSON()["type"] as? String, "welcome")
        let pid = server.process.processIdentifier
        kill(pid, SIGHUP)
        XCTAssertTrue(waitUntil(timeout: 30) { server.log.contains("SIGHUP received: reloading the knowledge")
            && server.log.contains("reloaded the knowledge") }, server.log)
        kill(pid, SIGUSR1)
        XCTAssertTrue(waitUntil(timeout: 5) { server.log.contains("SIGUSR1 received: 1 open connections") }, server.log)
        kill(pid, SIGUSR2)
        kill(pid, SIGALRM)
        XCTAssertTrue(waitUntil(timeout: 5) {
            server.log.contains("SIGUSR2 received and ignored") && server.log.contains("SIGALRM received and ignored")
        }, server.log)
        XCTAssertTrue(server.process.isRunning)
        // The open conversation goes on, and new clients are served.
        try client.send("/reset\n")
        XCTAssertEqual(try client.readJSON()["type"] as? String, "reset")
        let other = try server.connect()
        XCTAssertEqual(try other.readJSON()["type"] as? String, "welcome")
        XCTAssertEqual(server.stop(SIGTERM, timeout: 5), 0)
        XCTAssertEqual(try client.readJSON()["code"] as? String, "shutdown")
    }
}
