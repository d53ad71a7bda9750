import Foundation
import XCTest

/// A test case with its own temporary directory for a booking journal, and the clock fixed by
/// `FAQBOT_NOW` (Tuesday 1 December 2026, 10:00 UTC; `ServerProcess` passes the environment on).
class ServerBookingCase: XCTestCase {
    var directory = ""
    /// The journal inside `directory` (not created).
    var journal: String { directory + "/bookings.jsonl" }

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "faqbot-e2e-\(type(of: self))-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        setenv("FAQBOT_NOW", "2026-12-01T10:00:00Z", 1)
    }

    override func tearDownWithError() throws {
        unsetenv("FAQBOT_NOW")
        try? FileManager.default.removeItem(atPath: directory)
    }
}

extension ServerClient {
    /// The answers of a whole booking form, up to (not including) the confirmation.
    static let bookingForm = ["/book", "Jane Doe", "020 7946 0958", "3 December", "morning", "no"]

    /// Reads the greeting, then fills in the booking form up to the confirmation, reading each reply.
    func fillBookingForm() throws {
        _ = try readJSON()
        for line in Self.bookingForm {
            try send(line + "\n")
            _ = try readJSON()
        }
    }
}
