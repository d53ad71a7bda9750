import Foundation
import XCTest

/// Clients that send but never read, many at once, against the total output budget (issue 10, item 8).
final class ServerOutputBudgetTests: XCTestCase {
    func testManyClientsThatNeverReadAreClosedOnceTheTotalBudgetIsSpentAndReadersAreServed() throws {
        // The total (512 KiB) is spent long before any one client reaches --max-output (1 MiB).
        let server = try ServerProcess(["--json", "--threads", "1", "--max-output-total", "524288"])
        let block = String(repeating: "/help\n", count: 10_000)  // about 5 MB of replies
        var flooders: [ServerClient] = []
        for _ in 0..<8 {
            let client = try server.connect(timeout: 2, receiveBuffer: 4096)
            try? client.send(block)
            flooders.append(client)
        }
        XCTAssertTrue(waitUntil(timeout: 10) { server.log.contains("(--max-output-total; the client is not reading)") }, server.log)
        XCTAssertFalse(server.log.contains("over 1048576 unsent bytes"), "closed by the total, not by --max-output: \(server.log)")
        // A client that reads is served meanwhile.
        let reader = try server.connect()
        XCTAssertEqual(try reader.readJSON()["type"] as? String, "welcome")
        try reader.send(String(repeating: "/help\n", count: 200))
        for _ in 0..<200 { XCTAssertEqual(try reader.readJSON()["type"] as? String, "help") }
        XCTAssertEqual(server.stop(), 0)
    }
}
