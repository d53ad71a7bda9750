import Foundation
import XCTest

/// Stopping with a hand-off still running, and the outbox that retries it (issue 10, item 4).
final class BookingHandOffTests: ServerBookingCase {
    func book(on server: ServerProcess) throws -> String {
        let client = try server.connect()
        try client.fillBookingForm()
        try client.send("yes\n")
        let reply = try client.readJSON()
        XCTAssertEqual(reply["type"] as? String, "booked", "\(reply)")
        return try XCTUnwrap(reply["reference"] as? String)
    }

    func contents(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }

    func pending() throws -> Executable.Outcome {
        try Executable.run(["bookings", "--bookings", journal, "--pending", "--json", "--knowledge", Executable.knowledge])
    }

    func testStoppingWithAHangingHookIsBoundedLoggedAndTheHandOffIsRetriedAtTheNextStart() throws {
        let first = directory + "/first", second = directory + "/second"
        let server = try ServerProcess(["--json", "--bookings", journal, "--on-booking-timeout", "60",
                                        "--on-booking", "cat >> '\(first)'; sleep 30"])
        let reference = try book(on: server)
        XCTAssertTrue(waitUntil(timeout: 10) { self.contents(first).contains(reference) }, "the hook started")
        let started = Date()
        XCTAssertEqual(server.stop(SIGTERM, timeout: 10), 0)
        XCTAssertLessThan(Date().timeIntervalSince(started), 3, "the stop waited for the hook")
        XCTAssertTrue(server.log.contains("booking \(reference): the --on-booking command did not finish before stopping; "
                                          + "it will be handed off again at the next start"), server.log)
        // Staff can see it is waiting.
        let listed = try pending()
        XCTAssertEqual(listed.status, 0, listed.standardError)
        XCTAssertEqual(listed.lines.count, 1)
        XCTAssertTrue(listed.standardOutput.contains(reference), listed.standardOutput)

        // The next start hands it off again; once the command confirms, nothing is pending.
        let again = try ServerProcess(["--json", "--bookings", journal, "--on-booking", "cat >> '\(second)'"])
        XCTAssertTrue(waitUntil(timeout: 10) { self.contents(second).contains(reference) }, again.log)
        XCTAssertTrue(again.log.contains("handing off again 1 booking(s) whose --on-booking command never confirmed: \(reference)"), again.log)
        XCTAssertTrue(waitUntil(timeout: 10) { (try? self.pending())?.lines.isEmpty ?? false })
        let table = try Executable.run(["bookings", "--bookings", journal, "--pending", "--knowledge", Executable.knowledge])
        XCTAssertEqual(table.lines, ["No bookings waiting for hand-off: the --on-booking command confirmed every one."])
        XCTAssertEqual(again.stop(), 0)
        // A third start hands off nothing.
        let third = try ServerProcess(["--json", "--bookings", journal, "--on-booking", "cat >> '\(second)'"])
        XCTAssertEqual(third.stop(), 0)
        XCTAssertFalse(third.log.contains("handing off again"), third.log)
        XCTAssertEqual(contents(second).split(separator: "\n").count, 1)
    }

    func testBookingsFromBeforeHandOffWasTrackedAreNeverSent() throws {
        let plain = try ServerProcess(["--json", "--bookings", journal])
        _ = try book(on: plain)
        XCTAssertEqual(plain.stop(), 0)
        let none = try pending()
        XCTAssertEqual(none.standardOutput, "", "--json prints JSON lines only")
        XCTAssertTrue(none.standardError.contains("No hand-off record"), none.standardError)
        let received = directory + "/received"
        let hooked = try ServerProcess(["--json", "--bookings", journal, "--on-booking", "cat >> '\(received)'"])
        let reference = try book(on: hooked)
        XCTAssertTrue(waitUntil(timeout: 10) { self.contents(received).contains(reference) })
        XCTAssertEqual(hooked.stop(), 0)
        XCTAssertEqual(contents(received).split(separator: "\n").count, 1, "only the booking made with the hook")
        XCTAssertEqual(contents(journal + ".handoff"), "start 1\ndone \(reference)\n")
    }
}
