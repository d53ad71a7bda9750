import FAQDialogue
import Foundation
@testable import FAQTransport
import XCTest

final class StaffLogWriterTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "staff-log-\(UUID().uuidString)"
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func writer(maximumFileBytes: Int = 8 << 20, keepDays: Int? = nil,
                        now: String = "2026-12-01T10:00:00Z") throws -> StaffLogWriter {
        var configuration = StaffLogWriter.Configuration(directory: directory + "/logs", keepDays: keepDays)
        configuration.maximumFileBytes = maximumFileBytes
        let instant = Booking.instant(fromTimestamp: now)!
        configuration.clock = { instant }
        return try StaffLogWriter(configuration: configuration) { XCTFail($0) }
    }

    private func files() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory + "/logs").sorted()
    }

    private func lines(_ name: String) throws -> [[String: Any]] {
        try String(contentsOfFile: directory + "/logs/" + name, encoding: .utf8).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
    }

    func testSessionLogsMaskedUnansweredLinesWithNextStepAndCountsTheRest() throws {
        let log = try writer()
        let session = Session(assistant: TestAssistant.shared, booking: BookingConfiguration(
            store: DeferredBookingTests.Store(), clock: { Booking.instant(fromTimestamp: "2026-12-01T10:00:00Z")! }))
        session.conversationLog = log
        XCTAssertEqual(session.respond(to: "I am Rahul, what is the capital of france").type, .fallback)
        XCTAssertEqual(session.respond(to: "yes").type, .booking)
        XCTAssertEqual(session.respond(to: "Rahul Sharma 9876543210").type, .booking)   // typed into the form: never stored
        _ = session.respond(to: "/cancel")
        XCTAssertEqual(session.respond(to: "how much is a hair transplant").type, .otherTreatment)
        XCTAssertEqual(session.respond(to: "1").type, .answer)
        XCTAssertEqual(session.respond(to: "what is the weather on mars").type, .fallback)
        session.endConversationLog()
        log.close()

        XCTAssertEqual(try files(), ["2026-12-01.jsonl"])
        let records = try lines("2026-12-01.jsonl")
        let unanswered = records.filter { $0["type"] as? String == "unanswered" }
        XCTAssertEqual(unanswered.map { $0["question"] as? String },
                       ["I am [name], what is the capital of france", "how much is a hair transplant", "what is the weather on mars"])
        XCTAssertEqual(unanswered.map { $0["next"] as? String }, ["booked", "picked", "left"])
        XCTAssertEqual(unanswered[1]["picked"] as? Int, 1)
        XCTAssertEqual(unanswered[1]["reply"] as? String, "other_treatment")
        XCTAssertFalse((unanswered[1]["candidates"] as? [[String: Any]] ?? []).isEmpty)
        XCTAssertEqual(unanswered[0]["time"] as? String, "2026-12-01T10:00:00Z")
        let text = try String(contentsOfFile: directory + "/logs/2026-12-01.jsonl", encoding: .utf8)
        XCTAssertFalse(text.contains("Rahul"))
        XCTAssertFalse(text.contains("9876543210"))
        let counts = try XCTUnwrap(records.first { $0["type"] as? String == "counts" })
        XCTAssertEqual(counts["questions"] as? Int, 3)
        XCTAssertEqual(counts["fallback"] as? Int, 2)
        XCTAssertEqual(counts["other_treatment"] as? Int, 1)
        XCTAssertEqual(counts["picked"] as? Int, 1)
        XCTAssertEqual(counts["bookings_started"] as? Int, 1)
    }

    func testFilesAre0600InA0700DirectoryAndADayContinuesInANewPartPastTheSizeLimit() throws {
        let log = try writer(maximumFileBytes: 600)
        let session = TestAssistant.session()
        session.conversationLog = log
        for number in 0..<8 {
            _ = session.respond(to: "what is the weather on planet number \(number)")
        }
        session.endConversationLog()
        log.close()
        let names = try files()
        XCTAssertGreaterThan(names.count, 1, "\(names)")
        XCTAssertTrue(names.contains("2026-12-01.jsonl"), "\(names)")
        XCTAssertTrue(names.contains("2026-12-01.2.jsonl"), "\(names)")
        var all: [[String: Any]] = []
        for name in names {
            let attributes = try FileManager.default.attributesOfItem(atPath: directory + "/logs/" + name)
            XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600, name)
            XCTAssertLessThanOrEqual((attributes[.size] as? NSNumber)?.intValue ?? 0, 600, name)
            all += try lines(name)
        }
        XCTAssertEqual(all.filter { $0["type"] as? String == "unanswered" }.count, 8)
        let directoryAttributes = try FileManager.default.attributesOfItem(atPath: directory + "/logs")
        XCTAssertEqual((directoryAttributes[.posixPermissions] as? NSNumber)?.intValue, 0o700)
    }

    func testKeepDaysDeletesOlderFilesOnly() throws {
        try FileManager.default.createDirectory(atPath: directory + "/logs", withIntermediateDirectories: true)
        for name in ["2026-11-20.jsonl", "2026-11-28.jsonl", "2026-11-29.jsonl", "2026-11-29.2.jsonl", "2026-12-01.jsonl", "notes.txt"] {
            FileManager.default.createFile(atPath: directory + "/logs/" + name, contents: Data())
        }
        let log = try writer(keepDays: 3)
        log.close()
        XCTAssertEqual(try files(), ["2026-11-29.2.jsonl", "2026-11-29.jsonl", "2026-12-01.jsonl", "notes.txt"])
    }
}
