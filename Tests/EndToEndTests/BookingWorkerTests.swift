import Foundation
import XCTest

/// A booking whose write blocks must not stall the other connections of its event loop (issue 10:
/// booking I/O moves off the loop thread).
final class BookingWorkerTests: ServerBookingCase {
    /// Makes the journal a FIFO whose buffer is full: the server's write of a booking blocks until
    /// the test reads (a disk that hangs, without needing one). Returns the FIFO, to close.
    func blockedJournal() -> Int32 {
        XCTAssertEqual(mkfifo(journal, 0o600), 0)
        let fifo = open(journal, O_RDWR | O_NONBLOCK | O_CLOEXEC)
        XCTAssertGreaterThanOrEqual(fifo, 0)
        let filler = [UInt8](repeating: 0x20, count: 4096)
        while write(fifo, filler, filler.count) > 0 {}
        return fifo
    }

    /// Reads the FIFO empty: the blocked write goes through.
    func unblock(_ fifo: Int32) {
        var sink = [UInt8](repeating: 0, count: 65536)
        while read(fifo, &sink, sink.count) > 0 {}
    }

    func testABlockedJournalWriteDoesNotStallTheLoopsOtherConnections() throws {
        let fifo = blockedJournal()
        defer { close(fifo) }

        let server = try ServerProcess(["--json", "--threads", "1", "--bookings", journal])
        let patient = try server.connect(), other = try server.connect()
        _ = try other.readJSON()
        try patient.fillBookingForm()
        try patient.send("yes\n")
        patient.timeout = 0.5
        XCTAssertThrowsError(try patient.readJSON(), "no reply while the booking is not written")
        // A second patient confirms (queued behind the first) and vanishes with a reset: the hang-up
        // must not keep the loop busy while that booking waits.
        let vanishing = try server.connect()
        try vanishing.fillBookingForm()
        try vanishing.send("yes\n")
        XCTAssertTrue(waitUntil(timeout: 5) { self.serverHasReadEverything(from: vanishing, port: server.port) })
        vanishing.reset()
        vanishing.close()  // with SO_LINGER 0: a reset
        let cpuBefore = try cpuSeconds(server)
        let wallBefore = Date()
        XCTAssertTrue(waitUntil(timeout: 5) { Date().timeIntervalSince(wallBefore) >= 1 })
        XCTAssertLessThan(try cpuSeconds(server) - cpuBefore, 0.5, "the server spun while the booking waited")
        // The same loop still serves the other connection.
        other.timeout = 2
        try other.send("/reset\n")
        XCTAssertEqual(try other.readJSON()["type"] as? String, "reset")
        // Let the write through: the patient is answered (a FIFO cannot be fsync'd, so not booked).
        unblock(fifo)
        patient.timeout = 10
        let reply = try patient.readJSON()
        XCTAssertEqual(reply["code"] as? String, "booking_not_saved", "\(reply)")
        XCTAssertEqual(server.stop(), 0)
    }

    /// Opens a WebSocket chat, fills in the booking form and confirms it; returns the chat and its resume token.
    func confirmBookingOverWebSocket(_ server: ServerProcess) throws -> (WebSocketTestClient, String) {
        let chat = try WebSocketTestClient(port: server.httpPort)
        let token = try XCTUnwrap(try chat.readJSON()["resume"] as? String)
        for line in ServerClient.bookingForm {
            try chat.send(line)
            _ = try chat.readJSON()
        }
        try chat.send("yes")
        return (chat, token)
    }

    func testAWebSocketResetWhileItsBookingIsStoredResumesWithTheReply() throws {
        let fifo = blockedJournal()
        defer { close(fifo) }
        let server = try ServerProcess(["--json", "--threads", "1", "--http-port", "0", "--encoder", "off", "--bookings", journal])
        let (chat, token) = try confirmBookingOverWebSocket(server)
        XCTAssertTrue(waitUntil(timeout: 5) { self.serverHasReadEverything(from: chat.connection, port: server.httpPort) })
        chat.connection.reset()
        chat.connection.close()
        // Let the write through: the reply (a FIFO cannot be fsync'd, so not booked) goes to the
        // conversation, which waits to be resumed with it.
        unblock(fifo)
        let (_, first) = try server.resume(token: token, seen: 7)  // the welcome and six replies of the form were seen
        XCTAssertEqual(first["code"] as? String, "booking_not_saved", "\(first)")
        XCTAssertEqual(server.stop(), 0)
    }

    func testAWebSocketClosedByTheIdleTimeoutWhileItsBookingIsStoredResumesWithTheReply() throws {
        let fifo = blockedJournal()
        defer { close(fifo) }
        let server = try ServerProcess(["--json", "--threads", "1", "--http-port", "0", "--encoder", "off",
                                        "--idle-timeout", "2", "--bookings", journal])
        let (chat, token) = try confirmBookingOverWebSocket(server)
        // The booking waits; the idle bye closes the connection (a close frame, then the drain's deadline).
        let close = try chat.readFrame()
        XCTAssertEqual(close.opcode, 0x8)
        XCTAssertEqual(WebSocketTestClient.closeCode(close.payload), 1001)
        XCTAssertTrue(chat.connection.waitForClose())
        // Reading is paused while the booking waits: the socket closes at the drain's deadline.
        XCTAssertTrue(waitUntil(timeout: 10) { (try? server.openConnections()) == 1 }, "the server closed the socket")
        unblock(fifo)
        let (_, first) = try server.resume(token: token, seen: 7)
        XCTAssertEqual(first["code"] as? String, "booking_not_saved", "\(first)")
        XCTAssertEqual(server.stop(), 0)
    }

    /// Whether the server's socket for `client` has no unread bytes (its Recv-Q in `ss`, which asks
    /// the kernel for just that socket; /proc/net/tcp can skip rows while other sockets come and go).
    func serverHasReadEverything(from client: ServerClient, port: Int) -> Bool {
        var local = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &local) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(client.fd, $0, &length) }
        }
        let clientPort = Int(UInt16(bigEndian: local.sin_port))
        let ss = Process()
        ss.executableURL = URL(fileURLWithPath: "/usr/bin/ss")
        ss.arguments = ["-tnH", "state", "established", "( sport = :\(port) and dport = :\(clientPort) )"]
        let pipe = Pipe()
        ss.standardOutput = pipe
        guard (try? ss.run()) != nil else { return false }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        ss.waitUntilExit()
        return output.split(separator: " ", omittingEmptySubsequences: true).first == "0"
    }

    /// User plus system CPU seconds the server used so far (/proc/PID/stat, clock ticks of 1/100 s).
    func cpuSeconds(_ server: ServerProcess) throws -> Double {
        let stat = try String(contentsOfFile: "/proc/\(server.process.processIdentifier)/stat", encoding: .utf8)
        let fields = stat[stat.index(after: stat.lastIndex(of: ")")!)...].split(separator: " ")
        return (Double(fields[11])! + Double(fields[12])!) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}
