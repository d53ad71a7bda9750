import FAQDialogue
import XCTest
@testable import FAQTransport

final class ConnectionLifecycleTests: XCTestCase {
    private func lifecycle(at now: Double = 100) -> ConnectionLifecycle {
        ConnectionLifecycle(now: now, idleTimeout: 10, lingerTimeout: 1)
    }

    func testIdleConnectionGetsByeAfterTheTimeout() {
        var state = lifecycle()
        XCTAssertEqual(state.tick(at: 109.9), .none)
        state.received(at: 105)
        XCTAssertEqual(state.tick(at: 114.9), .none)
        XCTAssertEqual(state.tick(at: 115), .sayBye(.idleTimeout(seconds: 10)))
        XCTAssertEqual(state.phase, .closing)
    }

    func testByeThenFlushShutsDownOutputThenDrainsUntilEndOfInput() {
        var state = lifecycle()
        state.conversationEnded(at: 101)
        XCTAssertEqual(state.phase, .closing)
        XCTAssertEqual(state.flushed(at: 101.1), .shutdownOutput)
        XCTAssertEqual(state.phase, .draining)
        state.received(at: 101.2)
        XCTAssertEqual(state.endOfInput(at: 101.3, hasPendingOutput: false), .close)
        XCTAssertEqual(state.phase, .closed)
    }

    func testDrainingGivesUpAtTheLingerDeadline() {
        var state = lifecycle()
        state.conversationEnded(at: 101)
        _ = state.flushed(at: 101)
        XCTAssertEqual(state.tick(at: 101.9), .none)
        XCTAssertEqual(state.tick(at: 102), .close)
    }

    func testClosingGivesUpWhenTheClientNeverReads() {
        var state = lifecycle()
        state.conversationEnded(at: 101)
        XCTAssertEqual(state.tick(at: 102), .close)
    }

    func testFlushWhileOpenDoesNothing() {
        var state = lifecycle()
        XCTAssertEqual(state.flushed(at: 101), .none)
        XCTAssertEqual(state.phase, .open)
    }

    func testEndOfInputWithNothingToSendClosesAtOnce() {
        var state = lifecycle()
        XCTAssertEqual(state.endOfInput(at: 101, hasPendingOutput: false), .close)
    }

    func testEndOfInputWithRepliesPendingClosesAfterTheFlush() {
        var state = lifecycle()
        XCTAssertEqual(state.endOfInput(at: 101, hasPendingOutput: true), .none)
        XCTAssertEqual(state.phase, .closing)
        XCTAssertEqual(state.flushed(at: 101.1), .close)
    }

    func testShutdownSaysByeToOpenConnectionsAndShortensDeadlines() {
        var open = lifecycle()
        XCTAssertEqual(open.shutdown(at: 101, grace: 0.5), .sayBye(.shutdown))
        XCTAssertEqual(open.deadline, 101.5)
        var draining = lifecycle()
        draining.conversationEnded(at: 101)
        _ = draining.flushed(at: 101)
        XCTAssertEqual(draining.shutdown(at: 101.2, grace: 0.1), .none)
        XCTAssertEqual(draining.tick(at: 101.3), .close)
    }

    func testInputAfterByeDoesNotPostponeTheDeadline() {
        var state = lifecycle()
        state.conversationEnded(at: 101)
        state.received(at: 101.9)
        XCTAssertEqual(state.tick(at: 102), .close)
    }

    func testFailureClosesFromAnyPhase() {
        var state = lifecycle()
        XCTAssertEqual(state.failed(), .close)
        XCTAssertEqual(state.phase, .closed)
    }
}
