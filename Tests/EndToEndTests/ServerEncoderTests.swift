import Foundation
import XCTest

/// `faqbot serve --encoder on`: lines that wait for the sentence encoder are answered on worker
/// threads, in order per connection, while the loop answers the others.
final class ServerEncoderTests: XCTestCase {
    func testLinesForTheEncoderAreAnsweredInOrderAndOthersAreNotHeldUp() throws {
        let server = try ServerProcess(["--json", "--threads", "1", "--encoder", "on"])
        defer { _ = server.stop() }
        let slow = try server.connect()
        let fast = try server.connect()
        XCTAssertEqual(try slow.readJSON()["type"] as? String, "welcome")
        XCTAssertEqual(try fast.readJSON()["type"] as? String, "welcome")
        // Unsure by words ("did you mean" with --encoder off), answered once the encoder has spoken;
        // the line behind it waits for it, and a crisis by example is found the same way.
        try slow.send("can i use hair gel or wax after\nhow much does smp cost\ni feel like a burden and want it all to be over\n")
        // The other connection of the same (single) loop is answered meanwhile.
        try fast.send("how long does smp last\n")
        XCTAssertEqual(try fast.readJSON()["id"] as? String, "how-long-it-lasts")
        let first = try slow.readJSON()
        XCTAssertEqual(first["type"] as? String, "answer")
        XCTAssertEqual(first["id"] as? String, "aftercare")
        XCTAssertEqual(try slow.readJSON()["id"] as? String, "cost", "replies stay in order")
        XCTAssertEqual(try slow.readJSON()["type"] as? String, "crisis")
        // A "did you mean" picked by number after a deferred line still works: the session kept it.
        try slow.send("smp hair growth or not\n")
        _ = try slow.readJSON()
        try slow.send("/reset\n")
        XCTAssertEqual(try slow.readJSON()["type"] as? String, "reset")
    }

    func testWhenTheEncodersBacklogIsFullLinesAreAnsweredByWordsAloneAtOnce() throws {
        // The first unsure line makes the workers encode the knowledge (seconds; not read from the
        // user's cache here), so forty lines sent at once find the backlog (16 per loop) full: the
        // rest are answered by words.
        let server = try ServerProcess(["--json", "--threads", "1", "--encoder", "on"], shellPrefix: "export FAQBOT_CACHE_DIR=off")
        defer { _ = server.stop() }
        let clients = try (0..<40).map { _ in try server.connect() }
        for client in clients { XCTAssertEqual(try client.readJSON()["type"] as? String, "welcome") }
        for client in clients { try client.send("can i use hair gel or wax after\n") }
        var types: [String] = []
        for client in clients { types.append(try client.readJSON()["type"] as? String ?? "?") }
        XCTAssertEqual(types.count, 40)
        XCTAssertTrue(types.contains("answer"), "the encoder answered those it took: \(types)")
        XCTAssertTrue(types.contains("clarify"), "words alone answered the others: \(types)")
        XCTAssertTrue(types.allSatisfy { $0 == "answer" || $0 == "clarify" }, "\(types)")
    }
}
