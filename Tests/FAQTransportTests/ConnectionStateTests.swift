import FAQDialogue
import Foundation
import XCTest
@testable import FAQTransport

/// A line connection's whole state driven without a socket: bytes and a manual clock in, actions out.
final class ConnectionStateTests: XCTestCase {
    /// A connection and the bytes it queued, driven the way the event loop drives it.
    final class Driver {
        let state: ConnectionState
        var output: [UInt8] = []
        /// Bytes of `output` already reported sent.
        var sent = 0

        init(limits: ConnectionState.Limits = Driver.limits(), session: Session = TestAssistant.session(), at now: Double = 0) {
            state = ConnectionState(lineProtocol: LineProtocol(session: session, format: .json, maximumLineLength: 32),
                                    at: now, limits: limits)
        }

        static func limits(linesPerTurn: Int = 32, maximumUnsentBytes: Int = 1 << 20) -> ConnectionState.Limits {
            var limits = ConnectionState.Limits()
            limits.idleTimeout = 10
            limits.lingerTimeout = 1
            limits.linesPerTurn = linesPerTurn
            limits.maximumUnsentBytes = maximumUnsentBytes
            return limits
        }

        func receive(_ text: String, at now: Double) -> [String] { summary(actions(receiving: text, at: now)) }

        func actions(receiving text: String, at now: Double) -> [ConnectionState.Action] {
            Array(text.utf8).withUnsafeBytes { state.received($0, at: now, sent: sent, into: &output) }
        }

        func endOfInput(at now: Double) -> [String] { summary(state.endOfInput(at: now, into: &output)) }
        func tick(at now: Double) -> [String] { summary(state.tick(at: now, into: &output)) }
        func turn(at now: Double) -> [String] { summary(state.takeTurn(at: now, sent: sent, into: &output)) }

        /// The socket took every byte queued.
        func sendAll(at now: Double) -> [String] {
            sent = output.count
            return summary(state.flushed(allSent: true, unsentBytes: 0, brokeBudget: false, at: now))
        }

        /// The reply types queued so far (JSON lines).
        var types: [String] {
            output.split(separator: 0x0A).map {
                ((try? JSONSerialization.jsonObject(with: Data($0))) as? [String: Any])?["type"] as? String ?? "?"
            }
        }

        var codes: [String?] {
            output.split(separator: 0x0A).map {
                ((try? JSONSerialization.jsonObject(with: Data($0))) as? [String: Any])?["code"] as? String
            }
        }
    }

    /// Actions as short words, so a test compares them as a list.
    static func summary(_ actions: [ConnectionState.Action]) -> [String] {
        actions.map { action in
            switch action {
            case .flush: return "flush"
            case .read: return "read"
            case .watch(let change): return "watch " + describe(change)
            case .joinBacklog: return "join backlog"
            case .store: return "store"
            case .askEncoder: return "ask encoder"
            case .closeWebSocket(let code, let reason): return "close websocket \(code.rawValue) \(reason)"
            case .sayBye(let reply): return "say bye \(reply.code ?? "")"
            case .shutdownOutput: return "shutdown output"
            case .close(let reason): return "close \(reason)"
            }
        }
    }

    static func describe(_ change: ConnectionInterest.Change) -> String {
        func words(_ interest: Epoll.Interest) -> String {
            var words: [String] = []
            if interest.contains(.readable) { words.append("readable") }
            if interest.contains(.writable) { words.append("writable") }
            return words.isEmpty ? "nothing" : words.joined(separator: "+")
        }
        switch change {
        case .none: return "none"
        case .modify(let interest): return "modify \(words(interest))"
        case .remove: return "remove"
        case .add(let interest): return "add \(words(interest))"
        }
    }

    private func summary(_ actions: [ConnectionState.Action]) -> [String] { Self.summary(actions) }

    func testANewConnectionIsGreetedAndFlushed() {
        let connection = Driver()
        XCTAssertEqual(summary(connection.state.start(into: &connection.output)), ["flush"])
        XCTAssertEqual(connection.types, ["welcome"])
    }

    func testPipelinedLinesAreAnsweredInOrderInOneFlush() {
        let connection = Driver()
        XCTAssertEqual(connection.receive("/reset\n/help\n\n/reset\n", at: 1), ["flush"])
        XCTAssertEqual(connection.types, ["reset", "help", "error", "reset"])
        XCTAssertEqual(connection.codes[2], "empty_line")
    }

    func testALineSplitAcrossReadsIsAnsweredOnceItIsWhole() {
        let connection = Driver()
        XCTAssertEqual(connection.receive("/he", at: 1), ["flush"])
        XCTAssertTrue(connection.output.isEmpty)
        XCTAssertEqual(connection.receive("lp\n/res", at: 2), ["flush"])
        XCTAssertEqual(connection.types, ["help"])
        XCTAssertEqual(connection.receive("et\n", at: 3), ["flush"])
        XCTAssertEqual(connection.types, ["help", "reset"])
    }

    func testAnOverlongLineGetsAnErrorAndTheConnectionStaysOpen() {
        let connection = Driver()
        XCTAssertEqual(connection.receive(String(repeating: "x", count: 40), at: 1), ["flush"])
        XCTAssertEqual(connection.receive(String(repeating: "x", count: 40) + "\n/help\n", at: 2), ["flush"])
        XCTAssertEqual(connection.codes, ["line_too_long", nil])
        XCTAssertEqual(connection.types.last, "help")
        XCTAssertTrue(connection.state.readsInput)
    }

    func testByeIsFlushedThenOutputShutsDownAndTheDrainEndsAtItsDeadline() {
        let connection = Driver()
        XCTAssertEqual(connection.receive("/quit\n/help\n", at: 5), ["flush"])
        XCTAssertEqual(connection.types, ["bye"])
        XCTAssertFalse(connection.state.readsInput)
        XCTAssertEqual(connection.receive("/help\n", at: 5.1), [], "input after the bye is discarded")
        XCTAssertEqual(connection.sendAll(at: 5.2), ["shutdown output"])
        XCTAssertEqual(connection.tick(at: 6.1), [], "draining for the linger time")
        XCTAssertEqual(connection.tick(at: 6.2), ["close normal"])
        XCTAssertTrue(connection.state.isClosed)
    }

    func testAByeWhoseOutputIsStuckClosesAtTheLingerDeadline() {
        let connection = Driver()
        _ = connection.receive("/quit\n", at: 5)
        let stuck = connection.state.flushed(allSent: false, unsentBytes: 10, brokeBudget: false, at: 5)
        XCTAssertEqual(summary(stuck), ["watch modify readable+writable"])
        XCTAssertEqual(connection.tick(at: 5.9), [])
        XCTAssertEqual(connection.tick(at: 6), ["close normal"])
    }

    func testTheClientClosingAfterTheByeClosesOnceTheByeIsSent() {
        let connection = Driver()
        _ = connection.receive("/quit\n", at: 5)
        XCTAssertEqual(connection.endOfInput(at: 5.1), ["flush"])
        XCTAssertEqual(connection.sendAll(at: 5.1), ["close normal"])
    }

    func testAnIdleConnectionGetsAByeAfterTheIdleTimeout() {
        let connection = Driver(at: 0)
        _ = connection.receive("/help\n", at: 3)
        XCTAssertEqual(connection.tick(at: 12.9), [])
        XCTAssertEqual(connection.tick(at: 13), ["flush"])
        XCTAssertEqual(connection.codes.last, "idle_timeout")
        XCTAssertEqual(connection.sendAll(at: 13), ["shutdown output"])
        XCTAssertEqual(connection.endOfInput(at: 13.5), ["close normal"])
    }

    func testALineTrickledByteByByteIsCutOffOneIdleTimeoutAfterItsFirstByte() {
        let connection = Driver(at: 0)
        for (index, byte) in "how long does it take to hea".enumerated() {
            let now = 1 + Double(index) * 0.3  // a byte every 0.3 s: never idle
            _ = connection.receive(String(byte), at: now)
            XCTAssertEqual(connection.tick(at: now), [], "at \(now)")
        }
        XCTAssertEqual(connection.tick(at: 10.9), [])
        XCTAssertEqual(connection.tick(at: 11), ["flush"], "10 s after the line's first byte")
        XCTAssertEqual(connection.codes, ["idle_timeout"])
    }

    func testEndOfInputAnswersTheUnfinishedLineThenClosesOnceSent() {
        let connection = Driver()
        _ = connection.receive("/help\n/reset", at: 1)
        XCTAssertEqual(connection.endOfInput(at: 2), ["flush"])
        XCTAssertEqual(connection.types, ["help", "reset"])
        XCTAssertEqual(connection.sendAll(at: 2), ["close normal"])
    }

    func testStuckOutputIsWatchedForWritabilityUntilItIsFlushed() {
        let connection = Driver()
        _ = connection.receive("/help\n", at: 1)
        let stuck = connection.state.flushed(allSent: false, unsentBytes: 100, brokeBudget: false, at: 1)
        XCTAssertEqual(summary(stuck), ["watch modify readable+writable"])
        XCTAssertEqual(summary(connection.state.socketReady(readable: false, writable: true)), ["flush"])
        XCTAssertEqual(summary(connection.state.flushed(allSent: false, unsentBytes: 50, brokeBudget: false, at: 1)), [])
        XCTAssertEqual(connection.sendAll(at: 1.5), ["watch modify readable"])
        XCTAssertEqual(summary(connection.state.socketReady(readable: true, writable: false)), ["read"])
    }

    func testAClientThatDoesNotReadIsClosedPastTheUnsentLimit() {
        let connection = Driver(limits: Driver.limits(maximumUnsentBytes: 1000))
        XCTAssertEqual(summary(connection.state.flushed(allSent: false, unsentBytes: 1001, brokeBudget: false, at: 1)),
                       ["close overflow"])
        let flooding = Driver(limits: Driver.limits(maximumUnsentBytes: 1000))
        XCTAssertEqual(flooding.receive(String(repeating: "/help\n", count: 100), at: 1), ["close overflow"])
        XCTAssertTrue(flooding.state.isClosed)
    }

    func testBreakingTheTotalBudgetClosesAConnectionOverItsAllowance() {
        let connection = Driver()
        XCTAssertEqual(summary(connection.state.flushed(allSent: false, unsentBytes: 65537, brokeBudget: true, at: 1)),
                       ["close overBudget"])
    }

    func testAFloodPausesReadingAndIsAnsweredATurnAtATimeThenReadingResumes() {
        let connection = Driver(limits: Driver.limits(linesPerTurn: 2))
        XCTAssertEqual(connection.receive("/help\n/reset\n/help\n/reset\n/help\n", at: 1),
                       ["watch modify nothing", "join backlog", "flush"])
        XCTAssertEqual(connection.types.count, 2)
        XCTAssertEqual(summary(connection.state.socketReady(readable: true, writable: false)), [],
                       "a hang-up while paused waits for the lines to be answered")
        XCTAssertEqual(connection.turn(at: 2), ["join backlog", "flush"])
        XCTAssertEqual(connection.turn(at: 3), ["watch modify readable", "flush"])
        XCTAssertEqual(connection.types, ["help", "reset", "help", "reset", "help"])
        XCTAssertEqual(connection.tick(at: 12.9), [], "a turn counts as activity")
    }

    func testAByeQueuedWhileLinesWaitResumesReadingToDrain() {
        let connection = Driver(limits: Driver.limits(linesPerTurn: 1))
        _ = connection.receive("/help\n/help\n", at: 1)
        XCTAssertEqual(connection.state.shutdown(at: 2, grace: 5, into: &connection.output).count, 1)
        XCTAssertEqual(connection.codes.last, "shutdown")
        XCTAssertEqual(connection.turn(at: 2), ["watch modify readable"])
    }

    // MARK: Replies that wait for the booking worker

    private static let form = "/book\nJane Doe\n020 7946 0958\n3 December\nmorning\nno\n"

    private func bookingDriver(linesPerTurn: Int = 32) -> Driver {
        let session = Session(assistant: TestAssistant.shared, booking: BookingConfiguration(
            store: DeferredBookingTests.Store(), schedule: ClinicSchedule(),
            clock: { Booking.instant(fromTimestamp: "2026-12-01T10:00:00Z")! }))
        session.defersBookingStores = true
        var limits = Driver.limits(linesPerTurn: linesPerTurn)
        limits.idleTimeout = 100
        return Driver(limits: limits, session: session)
    }

    private func stored(_ actions: [ConnectionState.Action]) throws -> BookingSubmission {
        var found: BookingSubmission?
        for case .store(let submission) in actions { found = submission }
        return try XCTUnwrap(found, "no store action in \(summary(actions))")
    }

    func testAConfirmedBookingIsStoredOffTheLoopAndTheLinesBehindItWait() throws {
        let connection = bookingDriver()
        let actions = connection.actions(receiving: Self.form + "yes\n/help\n", at: 1)
        XCTAssertEqual(summary(actions), ["store", "watch modify nothing", "flush"])
        let submission = try stored(actions)
        XCTAssertEqual(connection.types.last, "booking", "no reply to the confirmation yet")
        let arrived = connection.state.deferredReplyArrived(.stored(submission, submission.perform()), at: 2, sent: 0,
                                                            into: &connection.output)
        XCTAssertEqual(summary(arrived), ["watch modify readable", "flush"])
        XCTAssertEqual(Array(connection.types.suffix(2)), ["booked", "help"])
    }

    func testEndOfInputWhileAStoreIsPendingSendsTheReplyThenCloses() throws {
        let connection = bookingDriver()
        let actions = connection.actions(receiving: Self.form + "yes\n/help", at: 1)
        let submission = try stored(actions)
        XCTAssertEqual(connection.endOfInput(at: 1.5), [], "reading is already paused; the rest waits for the store")
        let arrived = connection.state.deferredReplyArrived(.stored(submission, submission.perform()), at: 2, sent: 0,
                                                            into: &connection.output)
        XCTAssertEqual(summary(arrived), ["watch modify readable", "flush"])
        XCTAssertEqual(Array(connection.types.suffix(2)), ["booked", "help"], "the unfinished last line is answered too")
        XCTAssertEqual(connection.sendAll(at: 2), ["close normal"])
    }

    func testAConfirmationEndedByEndOfInputIsStoredAndAnsweredThenCloses() throws {
        let connection = bookingDriver()
        _ = connection.receive(Self.form + "yes", at: 1)
        let actions = connection.state.endOfInput(at: 1.5, into: &connection.output)
        XCTAssertEqual(summary(actions), ["store", "watch modify nothing"])
        let submission = try stored(actions)
        let arrived = connection.state.deferredReplyArrived(.stored(submission, submission.perform()), at: 2, sent: 0,
                                                            into: &connection.output)
        XCTAssertEqual(summary(arrived), ["watch modify readable", "flush"])
        XCTAssertEqual(connection.types.last, "booked")
        XCTAssertEqual(connection.sendAll(at: 2), ["close normal"])
    }

    func testAHangUpWhileAStoreIsPendingTakesTheSocketOutOfEpollUntilTheReplyArrives() throws {
        let connection = bookingDriver()
        let actions = connection.actions(receiving: Self.form + "yes\n", at: 1)
        let submission = try stored(actions)
        XCTAssertEqual(summary(connection.state.socketReady(readable: true, writable: false)), ["watch remove"])
        let stuck = connection.state.flushed(allSent: false, unsentBytes: 10, brokeBudget: false, at: 1)
        XCTAssertEqual(summary(stuck), [], "out of epoll, nothing is changed there")
        let arrived = connection.state.deferredReplyArrived(.stored(submission, submission.perform()), at: 2, sent: 0,
                                                            into: &connection.output)
        XCTAssertEqual(summary(arrived), ["watch add writable", "watch modify readable+writable", "flush"])
        XCTAssertEqual(connection.types.last, "booked")
    }

    func testAnIdleByeWhileAStoreIsPendingDropsTheLateReply() throws {
        let connection = bookingDriver()
        let actions = connection.actions(receiving: Self.form + "yes\n", at: 1)
        let submission = try stored(actions)
        XCTAssertEqual(connection.tick(at: 101), ["flush"])
        XCTAssertEqual(connection.codes.last, "idle_timeout")
        XCTAssertFalse(connection.state.isResumable)
        let arrived = connection.state.deferredReplyArrived(.stored(submission, submission.perform()), at: 102, sent: 0,
                                                            into: &connection.output)
        XCTAssertEqual(summary(arrived), ["watch modify readable", "flush"], "closing already: reading resumes, to drain")
        XCTAssertEqual(connection.codes.last, "idle_timeout")
    }

    // MARK: WebSocket conversations and other protocols

    func testOverWebSocketAnIdleByeOnlyClosesAndKeepsTheConversationForResuming() {
        let connection = Driver()
        connection.state.lineProtocol?.isOverWebSocket = true
        XCTAssertEqual(connection.tick(at: 10), ["close websocket 1001 idle", "flush"])
        XCTAssertTrue(connection.output.isEmpty)
        XCTAssertTrue(connection.state.isResumable)
        XCTAssertEqual(connection.endOfInput(at: 10.5), ["flush"], "end of input does not end the conversation")
        XCTAssertTrue(connection.state.isResumable)
    }

    func testOverWebSocketAReplyThatArrivesAfterADeadlineClosedTheSocketIsKeptForResuming() throws {
        let connection = bookingDriver()
        connection.state.lineProtocol?.isOverWebSocket = true
        let actions = connection.actions(receiving: Self.form + "yes\n", at: 1)
        let submission = try stored(actions)
        XCTAssertFalse(connection.state.isResumable, "its reply is out")
        XCTAssertEqual(connection.tick(at: 101), ["close websocket 1001 idle", "flush"])
        XCTAssertEqual(connection.sendAll(at: 101), ["shutdown output"])
        XCTAssertEqual(connection.tick(at: 102), ["close normal"])
        XCTAssertFalse(connection.state.isResumable)
        XCTAssertTrue(connection.state.deferredReplyArrivedAfterClose(.stored(submission, submission.perform()),
                                                                      into: &connection.output))
        XCTAssertTrue(connection.state.isResumable)
        XCTAssertEqual(connection.types.last, "booked")
    }

    func testOverTCPAReplyThatArrivesAfterTheCloseIsDropped() throws {
        let connection = bookingDriver()
        let actions = connection.actions(receiving: Self.form + "yes\n", at: 1)
        let submission = try stored(actions)
        XCTAssertEqual(summary(connection.state.failed()), ["close normal"])
        let before = connection.output
        XCTAssertFalse(connection.state.deferredReplyArrivedAfterClose(.stored(submission, submission.perform()),
                                                                       into: &connection.output))
        XCTAssertEqual(connection.output, before)
    }

    func testOverWebSocketQuitQueuesACloseFrameAfterTheBye() {
        let connection = Driver()
        connection.state.lineProtocol?.isOverWebSocket = true
        XCTAssertEqual(connection.receive("/quit\n", at: 1), ["close websocket 1000 ", "flush"])
        XCTAssertEqual(connection.types, ["bye"])
    }

    func testAConnectionWithoutALineProtocolLeavesItsByeToItsOwnProtocol() {
        let state = ConnectionState(lineProtocol: nil, at: 0, limits: Driver.limits(), idleTimeout: 2)
        var output: [UInt8] = []
        state.receivedOther(at: 1, insideRequest: true)
        XCTAssertEqual(summary(state.tick(at: 2.9, into: &output)), [])
        XCTAssertEqual(summary(state.tick(at: 3, into: &output)), ["say bye idle_timeout", "flush"])
        XCTAssertTrue(output.isEmpty)
    }

    func testARefusedConnectionGetsItsReplyThenCloses() {
        let state = ConnectionState(lineProtocol: nil, at: 0, limits: Driver.limits())
        var output: [UInt8] = []
        XCTAssertEqual(summary(state.refuse(with: .busy, format: .json, at: 0, into: &output)), ["flush"])
        XCTAssertFalse(output.isEmpty)
        XCTAssertEqual(summary(state.flushed(allSent: true, unsentBytes: 0, brokeBudget: false, at: 0)), ["shutdown output"])
        XCTAssertEqual(summary(state.endOfInput(at: 0.5, into: &output)), ["close normal"])
    }
}
