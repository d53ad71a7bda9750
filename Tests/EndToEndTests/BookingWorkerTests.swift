import Foundation
import XCTest

/// A booking whose write blocks must not stall the other connections of its event loop (issue 10:
/// booking I/O moves off the loop thread).
final class BookingWorkerTests: ServerBookingCase {
    func testABlockedJournalWriteDoesNotStallTheLoopsOtherConnections() throws {
        // The journal is a FIFO whose buffer the test fills: the server's write of the booking blocks
        // until the test reads (a disk that hangs, without needing one).
        XCTAssertEqual(mkfifo(journal, 0o600), 0)
        let fifo = open(journal, O_RDWR | O_NONBLOCK | O_CLOEXEC)
        XCTAssertGreaterThanOrEqual(fifo, 0)
        defer { close(fifo) }
        let filler = [UInt8](repeating: 0x20, count: 4096)
        while write(fifo, filler, filler.count) > 0 {}

        let server = try ServerProcess(["--json", "--threads", "1", "--bookings", journal])
        let patient = try server.connect(), other = try server.connect()
        _ = try other.readJSON()
        try patient.fillBookingForm()
        try patient.send("yes\n")
        patient.timeout = 0.5
        XCTAssertThrowsError(try patient.readJSON(), "no reply while the booking is not written")
        // The same loop still serves the other connection.
        other.timeout = 2
        try other.send("/reset\n")
        XCTAssertEqual(try other.readJSON()["type"] as? String, "reset")
        // Let the write through: the patient is answered (a FIFO cannot be fsync'd, so not booked).
        var sink = [UInt8](repeating: 0, count: 65536)
        while read(fifo, &sink, sink.count) > 0 {}
        patient.timeout = 10
        let reply = try patient.readJSON()
        XCTAssertEqual(reply["code"] as? String, "booking_not_saved", "\(reply)")
        XCTAssertEqual(server.stop(), 0)
    }
}
