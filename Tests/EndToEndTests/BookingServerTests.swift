#if canImport(Glibc)
import Glibc
#endif
import Foundation
import XCTest

/// Bookings over TCP against the real `faqbot serve`, with the clock fixed by `FAQBOT_NOW`.
final class BookingServerTests: ServerBookingCase {
    /// The form up to (not including) the confirmation, for patient `index`.
    func form(_ index: Int) -> [String] {
        ["/book", "Patient \(Self.letters(index))", "+44 7700 900\(1000 + index)", "3 December", "morning", "client \(index)"]
    }

    /// 0 -> "a a", 27 -> "b b": names may not have digits.
    static func letters(_ index: Int) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz")
        return "\(alphabet[index / 26 % 26]) \(alphabet[index % 26])"
    }

    func journalLines() throws -> [[String: Any]] {
        try String(contentsOfFile: journal, encoding: .utf8).split(separator: "\n").map { Executable.json(String($0)) }
    }

    func testAConfirmationWithoutANewlineThenEndOfInputIsStoredAndAnsweredBeforeTheClose() throws {
        let server = try ServerProcess(["--json", "--bookings", journal])
        let client = try server.connect()
        try client.fillBookingForm()
        try client.send("yes")
        XCTAssertEqual(shutdown(client.fd, Int32(SHUT_WR)), 0)
        let reply = try client.readJSON()
        XCTAssertEqual(reply["type"] as? String, "booked", "\(reply)")
        XCTAssertTrue(client.waitForClose())
        XCTAssertEqual(try journalLines().count, 1)
        XCTAssertEqual(server.stop(), 0)
    }

    func testOneHundredConcurrentBookingsAreAllStoredWhole() throws {
        let server = try ServerProcess(["--json", "--bookings", journal])
        let clients = try (0..<100).map { _ in try server.connect() }
        for client in clients { _ = try client.readJSON() }
        // Every step is sent on all connections before any reply is read, so the server works on
        // a hundred conversations at once; the last step stores a hundred bookings concurrently.
        for step in 0..<6 {
            for (index, client) in clients.enumerated() { try client.send(form(index)[step] + "\n") }
            for client in clients { XCTAssertEqual(try client.readJSON()["type"] as? String, "booking") }
        }
        for client in clients { try client.send("yes\n") }
        var references: [Int: String] = [:]
        for (index, client) in clients.enumerated() {
            let reply = try client.readJSON()
            XCTAssertEqual(reply["type"] as? String, "booked", "\(reply)")
            references[index] = reply["reference"] as? String
        }
        XCTAssertEqual(Set(references.values).count, 100)
        let stored = try journalLines()
        XCTAssertEqual(stored.count, 100)
        for record in stored {
            let note = try XCTUnwrap(record["note"] as? String)
            let index = Int(note.dropFirst("client ".count))!
            XCTAssertEqual(record["reference"] as? String, references[index])
            XCTAssertEqual(record["name"] as? String, "Patient \(Self.letters(index))")
            XCTAssertEqual(record["phone"] as? String, "+447700900\(1000 + index)")
        }
        XCTAssertEqual(server.stop(), 0)
        XCTAssertFalse(server.log.contains("Patient"), "no personal data in the server's log")
    }

    func testKillDuringABurstKeepsEveryAcknowledgedBookingAndSetsTheTornLineAside() throws {
        let server = try ServerProcess(["--json", "--bookings", journal])
        let clients = try (0..<80).map { _ in try server.connect() }
        for client in clients { _ = try client.readJSON() }
        for step in 0..<6 {
            for (index, client) in clients.enumerated() { try client.send(form(index)[step] + "\n") }
            for client in clients { _ = try client.readJSON() }
        }
        for client in clients { try client.send("yes\n") }
        var acknowledged: [String] = []
        var killed = false
        for client in clients {
            client.timeout = 2
            if acknowledged.count == 5 && !killed {
                XCTAssertNotNil(server.stop(SIGKILL))
                killed = true
            }
            guard let reply = try? client.readJSON() else { continue }
            if reply["type"] as? String == "booked", let reference = reply["reference"] as? String { acknowledged.append(reference) }
        }
        XCTAssertTrue(killed)
        XCTAssertGreaterThanOrEqual(acknowledged.count, 5)

        // A crash can leave the last record half-written; if this one did not, make it so.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: journal))
        if bytes.last != UInt8(ascii: "\n") {
            print("kill -9 left a torn line of its own")
        } else {
            bytes.append(Data(#"{"reference":"TRN-TRN","received":"2026-12-01T10:00:00Z","na"#.utf8))
            try bytes.write(to: URL(fileURLWithPath: journal))
        }

        let restarted = try ServerProcess(["--json", "--bookings", journal])
        XCTAssertTrue(restarted.log.contains("moved aside to \(journal).torn-"), restarted.log)
        let aside = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix("bookings.jsonl.torn-") }
        XCTAssertEqual(aside.count, 1)
        let stored = try journalLines()
        let storedReferences = Set(stored.compactMap { $0["reference"] as? String })
        for reference in acknowledged {
            XCTAssertTrue(storedReferences.contains(reference), "acknowledged booking \(reference) is in the journal")
        }
        // The journal is appendable again, and references stay unique.
        let client = try restarted.connect()
        _ = try client.readJSON()
        for line in form(99) { _ = try client.send(line + "\n"); _ = try client.readJSON() }
        try client.send("yes\n")
        let reply = try client.readJSON()
        XCTAssertEqual(reply["type"] as? String, "booked")
        XCTAssertFalse(storedReferences.contains(reply["reference"] as? String ?? ""))
        XCTAssertEqual(try journalLines().count, stored.count + 1)
        XCTAssertEqual(restarted.stop(), 0)
    }

    func testAnUnwritableJournalOverTCPLeavesTheServerRunning() throws {
        let server = try ServerProcess(["--json", "--bookings", "/dev/full"])
        let client = try server.connect()
        _ = try client.readJSON()
        for line in form(1) { try client.send(line + "\n"); _ = try client.readJSON() }
        try client.send("yes\n")
        let reply = try client.readJSON()
        XCTAssertEqual(reply["code"] as? String, "booking_not_saved")
        try client.send("cancel\n")
        XCTAssertEqual(try client.readJSON()["type"] as? String, "cancelled")
        let other = try server.connect()
        XCTAssertEqual(try other.readJSON()["type"] as? String, "welcome")
        XCTAssertEqual(server.stop(), 0)
        XCTAssertTrue(server.log.contains("/dev/full: writing a booking failed"), server.log)
    }
}
