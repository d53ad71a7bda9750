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

    func testALineTrickledByteByByteGetsByeOneIdleTimeoutAfterItsFirstByte() {
        var state = lifecycle()
        state.received(at: 101, insideLine: true)
        for second in stride(from: 102.0, through: 110.5, by: 0.5) {
            state.received(at: second, insideLine: true)
            XCTAssertEqual(state.tick(at: second), .none, "at \(second)")
        }
        XCTAssertEqual(state.lineStarted, 101)
        XCTAssertEqual(state.tick(at: 111), .sayBye(.idleTimeout(seconds: 10)))
    }

    func testACompletedLineRestartsTheLineClock() {
        var state = lifecycle()
        state.received(at: 101, insideLine: true)
        state.received(at: 108, insideLine: false)   // the line ended
        XCTAssertNil(state.lineStarted)
        state.received(at: 109, insideLine: true)    // the next one began
        XCTAssertEqual(state.tick(at: 118.9), .none)
        XCTAssertEqual(state.tick(at: 119), .sayBye(.idleTimeout(seconds: 10)))
    }

    func testPerAddressLimitCountsEachAddressApart() {
        let limiter = ConnectionLimiter(maximum: 10, maximumPerAddress: 2)
        XCTAssertNil(limiter.acquire(address: 1))
        XCTAssertNil(limiter.acquire(address: 1))
        XCTAssertEqual(limiter.acquire(address: 1), .addressFull)
        XCTAssertNil(limiter.acquire(address: 2))
        limiter.release(address: 1)
        XCTAssertNil(limiter.acquire(address: 1))
        XCTAssertEqual(limiter.current, 3)
        let small = ConnectionLimiter(maximum: 1)
        XCTAssertNil(small.acquire(address: 1))
        XCTAssertEqual(small.acquire(address: 2), .full)
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
