import FAQDialogue

/// When a connection says bye, shuts down its output, drains and closes. Pure: the loop passes the
/// time in and carries out the returned actions, so every transition is tested with a manual clock.
///
/// Phases: `open` → (bye queued) `closing` → (output flushed) `draining` → `closed`. Closing and
/// draining each last at most `lingerTimeout`; a connection idle for `idleTimeout` gets a bye, and so
/// does one whose unfinished line began `idleTimeout` ago, however slowly its bytes keep coming.
public struct ConnectionLifecycle: Sendable, Equatable {
    /// Where the connection is.
    public enum Phase: Sendable, Equatable {
        /// Reading requests and replying.
        case open
        /// The last reply is queued; input is read and discarded until it is sent.
        case closing
        /// Our side is shut down; input is discarded until the client closes or the deadline.
        case draining
        /// Done: the descriptor must be closed.
        case closed
    }

    /// What the loop must do.
    public enum Action: Sendable, Equatable {
        /// Nothing.
        case none
        /// Queue this bye reply (then flush); the phase is now `closing`.
        case sayBye(Reply)
        /// Shut down our output (`shutdown(SHUT_WR)`); the phase is now `draining`.
        case shutdownOutput
        /// Close the descriptor.
        case close
    }

    /// The current phase.
    public private(set) var phase: Phase = .open
    /// When input last arrived.
    public private(set) var lastInput: Double
    /// When `closing` or `draining` gives up.
    public private(set) var deadline: Double = .infinity
    /// Whether the client closed its side.
    public private(set) var peerClosed = false
    /// When the first byte of the unfinished line arrived (nil: no line is unfinished).
    public private(set) var lineStarted: Double? = nil
    private let idleTimeout: Double
    private let lingerTimeout: Double

    /// A new open connection at `now`.
    public init(now: Double, idleTimeout: Double, lingerTimeout: Double) {
        lastInput = now
        self.idleTimeout = idleTimeout
        self.lingerTimeout = lingerTimeout
    }

    /// Input arrived; `insideLine`: the input ends in the middle of a line (whose first byte came
    /// now, or earlier if it was already unfinished).
    public mutating func received(at now: Double, insideLine: Bool = false) {
        guard phase == .open else { return }
        lastInput = now
        if !insideLine {
            lineStarted = nil
        } else if lineStarted == nil {
            lineStarted = now
        }
    }

    /// The protocol queued a bye (the client asked to quit, or the connection was refused as busy).
    public mutating func conversationEnded(at now: Double) {
        guard phase == .open else { return }
        phase = .closing
        deadline = now + lingerTimeout
    }

    /// Every queued byte was sent.
    public mutating func flushed(at now: Double) -> Action {
        guard phase == .closing else { return .none }
        if peerClosed { return close() }
        phase = .draining
        deadline = now + lingerTimeout
        return .shutdownOutput
    }

    /// The client closed its side (read returned end of input). `hasPendingOutput`: replies not yet sent.
    public mutating func endOfInput(at now: Double, hasPendingOutput: Bool) -> Action {
        peerClosed = true
        switch phase {
        case .open, .closing:
            guard hasPendingOutput else { return close() }
            if phase == .open { phase = .closing; deadline = now + lingerTimeout }
            return .none
        case .draining, .closed:
            return close()
        }
    }

    /// Time passed: an idle bye, or giving up on closing or draining.
    public mutating func tick(at now: Double) -> Action {
        switch phase {
        case .open:
            let lineOverdue = lineStarted.map { now - $0 >= idleTimeout } ?? false
            guard now - lastInput >= idleTimeout || lineOverdue else { return .none }
            phase = .closing
            deadline = now + lingerTimeout
            return .sayBye(.idleTimeout(seconds: idleTimeout))
        case .closing, .draining:
            return now >= deadline ? close() : .none
        case .closed:
            return .none
        }
    }

    /// The server is stopping: an open connection gets a bye; closing ones finish within `grace`.
    public mutating func shutdown(at now: Double, grace: Double) -> Action {
        switch phase {
        case .open:
            phase = .closing
            deadline = now + min(grace, lingerTimeout)
            return .sayBye(.shutdown)
        case .closing, .draining:
            deadline = min(deadline, now + grace)
            return .none
        case .closed:
            return .none
        }
    }

    /// A socket error: close at once.
    public mutating func failed() -> Action { close() }

    private mutating func close() -> Action {
        phase = .closed
        return .close
    }
}
