import XCTest
@testable import FAQTransport

final class ConnectionInterestTests: XCTestCase {
    func testANewConnectionIsWatchedForReadingOnly() {
        let state = ConnectionInterest()
        XCTAssertEqual(state.interest, .readable)
        XCTAssertFalse(state.readingPaused)
        XCTAssertFalse(state.watchesWritable)
        XCTAssertFalse(state.detached)
    }

    func testPausingAndResumingReadingChangeEpollOnlyWhenTheStateChanges() {
        var state = ConnectionInterest()
        XCTAssertEqual(state.pauseReading(), .modify([]))
        XCTAssertEqual(state.pauseReading(), .none)
        XCTAssertEqual(state.resumeReading(), .modify(.readable))
        XCTAssertEqual(state.resumeReading(), .none)
    }

    func testStuckOutputIsWatchedForWritabilityUntilFlushed() {
        var state = ConnectionInterest()
        XCTAssertEqual(state.outputStuck(), .modify([.readable, .writable]))
        XCTAssertEqual(state.outputStuck(), .none)
        XCTAssertEqual(state.pauseReading(), .modify(.writable))
        XCTAssertEqual(state.outputFlushed(), .modify([]))
        XCTAssertEqual(state.outputFlushed(), .none)
    }

    func testLinesLeftAfterReceivingPauseReadingAndNeedATurn() {
        var state = ConnectionInterest()
        XCTAssertEqual(state.answeredInput(awaitingStore: false, hasPendingLines: true),
                       .init(change: .modify([]), needsTurn: true))
        XCTAssertTrue(state.readingPaused)
        // The next turn answers some; the rest need another turn, still paused.
        XCTAssertEqual(state.answeredWaitingLines(awaitingStore: false, hasPendingLines: true),
                       .init(change: .none, needsTurn: true))
        // The last turn answers the rest: reading resumes.
        XCTAssertEqual(state.answeredWaitingLines(awaitingStore: false, hasPendingLines: false),
                       .init(change: .modify(.readable), needsTurn: false))
        XCTAssertFalse(state.readingPaused)
    }

    func testAnsweredInputWithNothingLeftChangesNothing() {
        var state = ConnectionInterest()
        XCTAssertEqual(state.answeredInput(awaitingStore: false, hasPendingLines: false), .init(change: .none, needsTurn: false))
        XCTAssertEqual(state.interest, .readable)
    }

    func testAPendingStorePausesReadingWithoutATurnUntilItIsAnswered() {
        var state = ConnectionInterest()
        XCTAssertEqual(state.answeredInput(awaitingStore: true, hasPendingLines: true),
                       .init(change: .modify([]), needsTurn: false))
        // Another booking came next in line: still paused, still no turn.
        XCTAssertEqual(state.answeredWaitingLines(awaitingStore: true, hasPendingLines: true),
                       .init(change: .none, needsTurn: false))
        XCTAssertEqual(state.answeredWaitingLines(awaitingStore: false, hasPendingLines: false),
                       .init(change: .modify(.readable), needsTurn: false))
    }

    func testAHangUpWhileAStoreIsPendingTakesTheSocketOutOfEpollUntilTheStoreIsAnswered() {
        var state = ConnectionInterest()
        _ = state.answeredInput(awaitingStore: true, hasPendingLines: false)
        XCTAssertEqual(state.hungUpWhileAwaitingStore(), .remove)
        XCTAssertTrue(state.detached)
        // Out of epoll, changes are remembered but not sent to it.
        XCTAssertEqual(state.outputStuck(), .none)
        XCTAssertEqual(state.storeAnswered(), .add(.writable))
        XCTAssertFalse(state.detached)
        XCTAssertEqual(state.answeredWaitingLines(awaitingStore: false, hasPendingLines: false),
                       .init(change: .modify([.readable, .writable]), needsTurn: false))
    }

    func testAStoreAnsweredForAWatchedSocketChangesNothing() {
        var state = ConnectionInterest()
        _ = state.pauseReading()
        XCTAssertEqual(state.storeAnswered(), .none)
    }

    private func flushed(_ state: inout ConnectionInterest, allSent: Bool = false, unsent: Int,
                         brokeBudget: Bool = false) -> ConnectionInterest.AfterFlush {
        state.flushed(allSent: allSent, unsentBytes: unsent, brokeBudget: brokeBudget, maximumUnsent: 1000, allowanceOverBudget: 100)
    }

    func testAFlushThatLeavesOutputWatchesWritabilityUntilAFlushSendsItAll() {
        var state = ConnectionInterest()
        XCTAssertEqual(flushed(&state, unsent: 500), .stuck(.modify([.readable, .writable])))
        XCTAssertEqual(flushed(&state, unsent: 400), .stuck(.none))
        XCTAssertEqual(flushed(&state, allSent: true, unsent: 0), .sent(.modify(.readable)))
        XCTAssertEqual(flushed(&state, allSent: true, unsent: 0), .sent(.none))
    }

    func testMoreUnsentThanTheMaximumIsAnOverflow() {
        var state = ConnectionInterest()
        XCTAssertEqual(flushed(&state, unsent: 1000), .stuck(.modify([.readable, .writable])))
        XCTAssertEqual(flushed(&state, unsent: 1001), .overflow)
        XCTAssertEqual(flushed(&state, unsent: 1001, brokeBudget: true), .overflow)
    }

    func testBreakingTheTotalBudgetClosesOnlyAConnectionHoldingMoreThanItsAllowance() {
        var state = ConnectionInterest()
        XCTAssertEqual(flushed(&state, unsent: 100, brokeBudget: true), .stuck(.modify([.readable, .writable])))
        XCTAssertEqual(flushed(&state, unsent: 101, brokeBudget: true), .overBudget)
        XCTAssertEqual(flushed(&state, unsent: 101, brokeBudget: false), .stuck(.none))
    }
}
