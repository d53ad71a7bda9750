import Foundation
import XCTest

/// Bookings when connections have taken every file descriptor, and the start-up warning about the
/// open-file limit (issue 10, item 7).
final class ServerDescriptorTests: ServerBookingCase {
    override var journal: String { directory + "/data/bookings.jsonl" }

    func testABookingIsStoredWhenConnectionsHaveUsedEveryDescriptor() throws {
        let server = try ServerProcess(["--json", "--threads", "1", "--bookings", journal], fileLimit: 64)
        // The limit cannot be raised (ulimit -n sets the hard limit too): the operator is warned.
        XCTAssertTrue(server.log.contains("warning: --max-connections 4096 needs about"), server.log)
        XCTAssertTrue(server.log.contains("open-file limit (ulimit -n) is 64"), server.log)
        // The journal exists from start-up.
        XCTAssertTrue(FileManager.default.fileExists(atPath: journal))
        let patient = try server.connect()
        try patient.fillBookingForm()
        // Now more clients than descriptors.
        var others: [ServerClient] = []
        for _ in 0..<100 { others.append(try server.connect()) }
        XCTAssertTrue(waitUntil(timeout: 10) { server.log.contains("Too many open files") }, server.log)
        try patient.send("yes\n")
        let reply = try patient.readJSON()
        XCTAssertEqual(reply["type"] as? String, "booked", "\(reply)")
        let stored = try String(contentsOfFile: journal, encoding: .utf8)
        XCTAssertTrue(stored.contains(#""name":"Jane Doe""#), stored)
        others.removeAll()
        XCTAssertEqual(server.stop(), 0)
    }

    func testTheSoftLimitIsRaisedWhenTheHardLimitAllows() throws {
        let server = try ServerProcess(["--json", "--threads", "1", "--max-connections", "3000", "--bookings", journal],
                                       shellPrefix: "ulimit -S -n 256 && ulimit -H -n 8192")
        XCTAssertTrue(server.log.contains("raised the open-file limit from 256 to"), server.log)
        XCTAssertFalse(server.log.contains("warning"), server.log)
        let limits = try String(contentsOfFile: "/proc/\(server.process.processIdentifier)/limits", encoding: .utf8)
        let line = limits.split(separator: "\n").first { $0.hasPrefix("Max open files") }.map(String.init) ?? ""
        XCTAssertTrue(line.contains(" 3034 "), line)  // 3000 connections + 32 + 2 per thread
    }
}
