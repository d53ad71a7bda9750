import FAQDialogue
import FAQSearch
import Foundation
import XCTest
@testable import FAQTransport

/// The line protocol with a session whose bookings are stored by the transport (off the event loop).
final class DeferredBookingTests: XCTestCase {
    final class Store: BookingStore, @unchecked Sendable {
        var calls = 0
        func store(_ request: BookingRequest, received: Date) throws -> Booking {
            calls += 1
            return Booking(reference: "REF-\(calls)", received: received, request: request)
        }
    }

    let store = Store()

    func makeProtocol() -> LineProtocol {
        let session = Session(assistant: TestAssistant.shared, booking: BookingConfiguration(
            store: store, schedule: ClinicSchedule(), clock: { Booking.instant(fromTimestamp: "2026-12-01T10:00:00Z")! }))
        session.defersBookingStores = true
        return LineProtocol(session: session, format: .json, maximumLineLength: 4096)
    }

    static let form = "/book\nJane Doe\n020 7946 0958\n3 December\nmorning\nno\n"

    func types(_ output: [UInt8]) -> [String] {
        output.split(separator: 0x0A).compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0)) as? [String: Any])?["type"] as? String
        }
    }

    func testTheConfirmationWaitsForTheStoreAndLinesBehindItWaitInOrder() throws {
        let lineProtocol = makeProtocol()
        var output: [UInt8] = []
        XCTAssertEqual(lineProtocol.receive(Array((Self.form + "yes\n/reset\n").utf8), into: &output), .awaitingStore)
        XCTAssertEqual(types(output), Array(repeating: "booking", count: 6), "nothing after the confirmation yet")
        XCTAssertEqual(store.calls, 0, "the session did not store it itself")
        XCTAssertEqual(lineProtocol.receive(Array("/help\n".utf8), into: &output), .awaitingStore)
        let submission = try XCTUnwrap(lineProtocol.takeSubmission())
        XCTAssertNil(lineProtocol.takeSubmission())
        XCTAssertEqual(submission.request.name, "Jane Doe")
        XCTAssertEqual(lineProtocol.completeStore(submission, result: submission.perform(), into: &output), .open)
        XCTAssertEqual(store.calls, 1)
        XCTAssertEqual(Array(types(output).suffix(3)), ["booked", "reset", "help"])
    }

    func testAFailedStoreKeepsTheFormAtTheConfirmation() throws {
        struct Failure: Error {}
        let lineProtocol = makeProtocol()
        var output: [UInt8] = []
        _ = lineProtocol.receive(Array((Self.form + "yes\n").utf8), into: &output)
        let submission = try XCTUnwrap(lineProtocol.takeSubmission())
        XCTAssertEqual(lineProtocol.completeStore(submission, result: .failure(Failure()), into: &output), .open)
        let last = try XCTUnwrap(output.split(separator: 0x0A).last)
        let reply = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(last)) as? [String: Any])
        XCTAssertEqual(reply["code"] as? String, "booking_not_saved")
        XCTAssertEqual(lineProtocol.receive(Array("yes\n".utf8), into: &output), .awaitingStore, "yes tries again")
    }

    func testEndOfInputWhileStoringIsAnsweredAfterTheStore() throws {
        let lineProtocol = makeProtocol()
        var output: [UInt8] = []
        _ = lineProtocol.receive(Array((Self.form + "yes\nhow much does it cost").utf8), into: &output)
        lineProtocol.endOfInput(into: &output)
        XCTAssertTrue(lineProtocol.isAwaitingStore)
        XCTAssertFalse(lineProtocol.isFinished)
        let submission = try XCTUnwrap(lineProtocol.takeSubmission())
        XCTAssertEqual(lineProtocol.completeStore(submission, result: submission.perform(), into: &output), .closeAfterFlush)
        XCTAssertEqual(Array(types(output).suffix(2)), ["booked", "answer"], "the unfinished last line is answered too")
        XCTAssertTrue(lineProtocol.isFinished)
    }

    func testAByeWhileStoringDropsTheLateReply() throws {
        let lineProtocol = makeProtocol()
        var output: [UInt8] = []
        _ = lineProtocol.receive(Array((Self.form + "yes\n").utf8), into: &output)
        let submission = try XCTUnwrap(lineProtocol.takeSubmission())
        lineProtocol.finish(with: .shutdown, into: &output)
        XCTAssertEqual(lineProtocol.completeStore(submission, result: submission.perform(), into: &output), .closeAfterFlush)
        XCTAssertEqual(types(output).last, "bye")
    }
}
