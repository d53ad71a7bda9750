/// What epoll watches one connection for, and why. Pure: each event returns the change the loop must
/// make to epoll, so every transition is tested without sockets.
///
/// Reading pauses while framed lines wait for their turn or a booking (or a line waiting for the
/// sentence encoder) is pending; writability is watched only while output is stuck; after a hang-up
/// while a store is pending the socket leaves epoll until the store is answered (epoll reports a
/// hang-up whatever the interest, and would wake the loop again and again).
struct ConnectionInterest: Equatable {
    /// What the loop must tell epoll.
    enum Change: Equatable {
        /// Nothing.
        case none
        /// Watch the socket for this from now on (`epoll_ctl(MOD)`).
        case modify(Epoll.Interest)
        /// Stop watching the socket at all (`epoll_ctl(DEL)`).
        case remove
        /// Watch the socket again, for this (`epoll_ctl(ADD)`).
        case add(Epoll.Interest)
    }

    /// What a connection does after replies were produced.
    struct Decision: Equatable {
        /// The change to epoll.
        var change: Change
        /// Whether the connection joins the loop's backlog for another turn.
        var needsTurn: Bool
    }

    /// Whether reading is paused (lines wait for their turn, or a store is pending).
    private(set) var readingPaused = false
    /// Whether epoll watches the socket for writability (only while output is stuck).
    private(set) var watchesWritable = false
    /// Whether the socket is out of epoll while its store is pending.
    private(set) var detached = false

    /// What epoll should watch for now.
    var interest: Epoll.Interest {
        var interest: Epoll.Interest = []
        if !readingPaused { interest.insert(.readable) }
        if watchesWritable { interest.insert(.writable) }
        return interest
    }

    /// Stops reading (a no-op when already paused).
    mutating func pauseReading() -> Change { set(\.readingPaused, to: true) }

    /// Reads again (a no-op when not paused).
    mutating func resumeReading() -> Change { set(\.readingPaused, to: false) }

    /// Output could not all be sent: wait for writability.
    mutating func outputStuck() -> Change { set(\.watchesWritable, to: true) }

    /// All output was sent: stop waiting for writability.
    mutating func outputFlushed() -> Change { set(\.watchesWritable, to: false) }

    /// What a flush leaves the connection to do.
    enum AfterFlush: Equatable {
        /// Everything was sent (the change stops watching writability).
        case sent(Change)
        /// Some output waits for the socket (the change watches writability).
        case stuck(Change)
        /// More than `--max-output` bytes wait: the client is not reading; close.
        case overflow
        /// This connection's growth broke `--max-output-total` and it holds more than its allowance; close.
        case overBudget
    }

    /// A flush ended: `allSent`, or `unsentBytes` wait; `brokeBudget`: this connection's output grew and
    /// the server's total is now over `--max-output-total`.
    mutating func flushed(allSent: Bool, unsentBytes: Int, brokeBudget: Bool,
                          maximumUnsent: Int, allowanceOverBudget: Int) -> AfterFlush {
        if allSent { return .sent(outputFlushed()) }
        if unsentBytes > maximumUnsent { return .overflow }
        if brokeBudget && unsentBytes > allowanceOverBudget { return .overBudget }
        return .stuck(outputStuck())
    }

    /// The socket reported a hang-up while reading is paused for a pending store: leave epoll.
    mutating func hungUpWhileAwaitingStore() -> Change {
        detached = true
        return .remove
    }

    /// The pending store was answered: back into epoll if the socket had left it.
    mutating func storeAnswered() -> Change {
        guard detached else { return .none }
        detached = false
        return .add(interest)
    }

    /// Replies to newly received input were produced: a pending store or lines left for another
    /// turn pause reading (only the latter need a turn); otherwise nothing changes.
    mutating func answeredInput(awaitingStore: Bool, hasPendingLines: Bool) -> Decision {
        if awaitingStore { return Decision(change: pauseReading(), needsTurn: false) }
        if hasPendingLines { return Decision(change: pauseReading(), needsTurn: true) }
        return Decision(change: .none, needsTurn: false)
    }

    /// A turn of waiting lines, or a store's answer, produced replies: a pending store keeps reading
    /// paused, lines left need another turn, and with nothing left reading resumes.
    mutating func answeredWaitingLines(awaitingStore: Bool, hasPendingLines: Bool) -> Decision {
        if awaitingStore { return Decision(change: .none, needsTurn: false) }
        if hasPendingLines { return Decision(change: .none, needsTurn: true) }
        return Decision(change: resumeReading(), needsTurn: false)
    }

    /// Sets `flag`; the change to epoll when it changed.
    private mutating func set(_ flag: WritableKeyPath<Self, Bool>, to value: Bool) -> Change {
        guard self[keyPath: flag] != value else { return .none }
        self[keyPath: flag] = value
        return updated()
    }

    private func updated() -> Change {
        detached ? .none : .modify(interest)
    }
}
