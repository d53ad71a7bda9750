import FAQDialogue

/// One connection's whole state apart from its bytes: the line protocol (framing, the conversation,
/// a booking or a line out for storing or the encoder, end of input), the lifecycle (bye, closing,
/// draining, deadlines) and what epoll watches it for. Pure: each event takes the time (and the
/// bytes) and returns the actions the event loop must carry out, in order, so every transition is
/// tested without sockets, with a manual clock. Replies are appended to the `output` the loop owns
/// and sends.
///
/// TCP line connections and WebSocket conversations (one message per line) both use it. A
/// connection with no line protocol (refused as busy, or on the HTTP port before an upgrade) only
/// uses its lifecycle and interest; its protocol is the loop's `HTTPProtocol`.
///
/// Not thread-safe: owned by one connection on one loop thread.
final class ConnectionState {
    /// What the event loop must do, in the order returned.
    enum Action {
        /// Send what `output` holds, then report with `flushed`.
        case flush
        /// Read from the socket (it is readable and reading is not paused).
        case read
        /// Change what epoll watches the socket for.
        case watch(ConnectionInterest.Change)
        /// Join the loop's backlog: framed lines wait for another turn (`takeTurn`).
        case joinBacklog
        /// Store this confirmed booking off the loop, then report with `deferredReplyArrived`.
        case store(BookingSubmission)
        /// Answer this line with the sentence encoder off the loop, then report with `deferredReplyArrived`.
        case askEncoder(DeferredLine)
        /// Queue a WebSocket close frame after the replies queued so far.
        case closeWebSocket(WebSocketProtocol.CloseCode, reason: String)
        /// A connection without a line protocol timed out or the server is stopping: its own
        /// protocol queues this bye (an HTTP connection's 408), then flush.
        case sayBye(Reply)
        /// Shut down our output (`shutdown(SHUT_WR)`).
        case shutdownOutput
        /// Close the socket.
        case close(CloseReason)
    }

    /// Why a connection closes (the loop logs the last two).
    enum CloseReason: Equatable {
        /// The conversation ended, the client went away, a deadline passed or the socket failed.
        case normal
        /// More than `maximumUnsentBytes` wait to be sent: the client is not reading.
        case overflow
        /// Its output grew while all connections hold more than the server's total.
        case overBudget
    }

    /// A deferred reply that came back to the loop.
    enum DeferredReply {
        /// The booking's store finished.
        case stored(BookingSubmission, Result<Booking, any Error>)
        /// The encoder's reply to the deferred line.
        case answered(Reply)
    }

    /// The limits a connection enforces.
    struct Limits {
        /// Unsent bytes a connection may hold (`--max-output`).
        var maximumUnsentBytes = 1 << 20
        /// Unsent bytes it may hold even when the server's total is over (`outputAllowance`).
        var allowanceOverBudget = 65536
        /// Lines answered per turn before the others of the loop get theirs.
        var linesPerTurn = 32
        /// Seconds without input (or since an unfinished line's first byte) before a bye.
        var idleTimeout = 300.0
        /// Seconds closing and draining may each take.
        var lingerTimeout = 1.0

        /// The limits of `configuration`.
        init(_ configuration: ServerConfiguration) {
            maximumUnsentBytes = configuration.maximumOutputBytes
            allowanceOverBudget = configuration.outputAllowance
            linesPerTurn = configuration.linesPerTurn
            idleTimeout = configuration.idleTimeout
            lingerTimeout = configuration.lingerTimeout
        }

        /// The defaults (tests change what they need).
        init() {}
    }

    /// The conversation; nil for a connection refused as busy and on the HTTP port before an upgrade.
    private(set) var lineProtocol: LineProtocol?
    /// Bye, shutdown, drain, close.
    private(set) var lifecycle: ConnectionLifecycle
    /// What epoll watches the socket for.
    private(set) var interest = ConnectionInterest()
    private let limits: Limits

    /// A connection opened at `now` speaking `lineProtocol` (nil: see `lineProtocol`); `idleTimeout`
    /// replaces the limits' one (the HTTP port's).
    init(lineProtocol: LineProtocol?, at now: Double, limits: Limits, idleTimeout: Double? = nil) {
        self.lineProtocol = lineProtocol
        self.limits = limits
        lifecycle = ConnectionLifecycle(now: now, idleTimeout: idleTimeout ?? limits.idleTimeout, lingerTimeout: limits.lingerTimeout)
    }

    /// Whether the socket must be (or was) closed.
    var isClosed: Bool { lifecycle.phase == .closed }

    /// Whether received input is still answered (not while closing or draining, when it is discarded).
    var readsInput: Bool { lifecycle.phase == .open }

    /// Whether a WebSocket conversation dropped now can be resumed: it has not ended and no reply is
    /// out with the booking worker or the encoder (one that is waits for it:
    /// `deferredReplyArrivedAfterClose`).
    var isResumable: Bool {
        guard let lineProtocol else { return false }
        return !lineProtocol.isFinished && !lineProtocol.isAwaitingStore
    }

    // MARK: Events

    /// The connection was accepted: greets the client.
    func start(into output: inout [UInt8]) -> [Action] {
        lineProtocol?.greet(into: &output)
        return [.flush]
    }

    /// The connection was refused as busy: `reply` in `format` is all it gets before it closes.
    func refuse(with reply: Reply, format: ReplyFormat, at now: Double, into output: inout [UInt8]) -> [Action] {
        format.append(reply, to: &output)
        lifecycle.conversationEnded(at: now)
        return [.flush]
    }

    /// Epoll reported the socket `readable` and/or `writable`. While reading is paused only a
    /// hang-up (or error) makes it readable: with a reply out for a store, the socket leaves epoll
    /// until the reply arrives (epoll would report it again and again); otherwise it is read once the
    /// waiting lines are answered.
    func socketReady(readable: Bool, writable: Bool) -> [Action] {
        var actions: [Action] = []
        if readable {
            if !interest.readingPaused {
                actions.append(.read)
            } else if lineProtocol?.isAwaitingStore == true {
                return [.watch(interest.hungUpWhileAwaitingStore())]
            }
        }
        if writable && !isClosed { actions.append(.flush) }
        return actions
    }

    /// Request-line bytes arrived at `now` (a TCP read, or WebSocket messages as lines); `sent`: how
    /// many bytes of `output` were already sent.
    func received(_ bytes: UnsafeRawBufferPointer, at now: Double, sent: Int, into output: inout [UInt8]) -> [Action] {
        guard lifecycle.phase == .open, let lineProtocol else { return [] }  // closing or draining: input is discarded
        let disposition = lineProtocol.receive(bytes, into: &output, outputLimit: limits.maximumUnsentBytes + sent,
                                               lineBudget: limits.linesPerTurn)
        lifecycle.received(at: now, insideLine: lineProtocol.isInsideLine)
        return answered(disposition, at: now, newInput: true)
    }

    /// Bytes of another protocol (HTTP requests, WebSocket frames) arrived at `now`; `insideRequest`:
    /// they end in the middle of a request.
    func receivedOther(at now: Double, insideRequest: Bool = false) {
        lifecycle.received(at: now, insideLine: insideRequest)
    }

    /// The connection's own protocol queued its last reply (an HTTP error, a WebSocket close frame):
    /// flush, then close.
    func conversationEnded(at now: Double) {
        lifecycle.conversationEnded(at: now)
    }

    /// The client closed its side. A TCP conversation answers what is left (an unfinished last line
    /// included) and closes once it is sent; with a reply out for a store, reading pauses and the
    /// rest waits for `deferredReplyArrived`. A WebSocket conversation is kept for resuming.
    func endOfInput(at now: Double, into output: inout [UInt8]) -> [Action] {
        var actions: [Action] = []
        if let lineProtocol {
            if lifecycle.phase == .open && !lineProtocol.isOverWebSocket {
                lineProtocol.endOfInput(into: &output)
                startDeferredWork(into: &actions)  // the unfinished last line may confirm a booking
            }
            if lineProtocol.isAwaitingStore {
                // End of input would wake the loop again and again: stop reading until the reply arrives.
                appendChange(interest.pauseReading(), to: &actions)
                return actions
            }
        }
        return actions + endOfInputSettled(at: now)
    }

    /// A turn of the loop's backlog at `now`: answers the next lines that waited; reading resumes when
    /// none are left.
    func takeTurn(at now: Double, sent: Int, into output: inout [UInt8]) -> [Action] {
        guard !isClosed else { return [] }
        guard lifecycle.phase == .open, let lineProtocol else {
            // A bye was queued meanwhile: read again, to drain.
            return change(interest.resumeReading())
        }
        lifecycle.received(at: now, insideLine: lineProtocol.isInsideLine)
        let disposition = lineProtocol.continueReplying(into: &output, outputLimit: limits.maximumUnsentBytes + sent,
                                                        lineBudget: limits.linesPerTurn)
        return answered(disposition, at: now, newInput: false)
    }

    /// The booking worker or the encoder answered at `now`: sends that reply, then answers what
    /// waited behind it (after end of input, everything, then the connection closes).
    func deferredReplyArrived(_ reply: DeferredReply, at now: Double, sent: Int, into output: inout [UInt8]) -> [Action] {
        guard !isClosed, let lineProtocol else { return [] }
        var actions = change(interest.storeAnswered())
        let disposition = complete(reply, lineProtocol, outputLimit: limits.maximumUnsentBytes + sent, into: &output)
        guard lineProtocol.inputEnded && !lineProtocol.isAwaitingStore else {
            return actions + answered(disposition, at: now, newInput: false)
        }
        actions += settle(disposition, at: now)
        return isClosed ? actions : actions + endOfInputSettled(at: now)
    }

    /// The deferred reply arrived after the socket closed (a deadline passed while it was out): a
    /// WebSocket conversation takes it, and answers the lines behind it, into `output`, to be
    /// resumed with them. Returns whether the conversation can now be resumed.
    func deferredReplyArrivedAfterClose(_ reply: DeferredReply, into output: inout [UInt8]) -> Bool {
        guard isClosed, let lineProtocol, lineProtocol.isOverWebSocket, lineProtocol.isAwaitingStore else { return false }
        _ = complete(reply, lineProtocol, outputLimit: .max, into: &output)
        return isResumable  // not when another line went out meanwhile, or the reply was a bye
    }

    /// A flush ended at `now`: `allSent`, or `unsentBytes` still wait; `brokeBudget`: this
    /// connection's output grew and the server's total is now over `--max-output-total`.
    func flushed(allSent: Bool, unsentBytes: Int, brokeBudget: Bool, at now: Double) -> [Action] {
        switch interest.flushed(allSent: allSent, unsentBytes: unsentBytes, brokeBudget: brokeBudget,
                                maximumUnsent: limits.maximumUnsentBytes, allowanceOverBudget: limits.allowanceOverBudget) {
        case .sent(let change):
            return self.change(change) + perform(lifecycle.flushed(at: now))
        case .stuck(let change):
            return self.change(change)
        case .overflow:
            return fail(.overflow)
        case .overBudget:
            return fail(.overBudget)
        }
    }

    /// Time passed: an idle bye (or one for a line too slow to arrive), or closing or draining gives up.
    func tick(at now: Double, into output: inout [UInt8]) -> [Action] {
        perform(lifecycle.tick(at: now), into: &output)
    }

    /// The server is stopping: an open connection says bye; closing ones finish within `grace`.
    func shutdown(at now: Double, grace: Double, into output: inout [UInt8]) -> [Action] {
        perform(lifecycle.shutdown(at: now, grace: grace), into: &output)
    }

    /// A socket error: close at once.
    func failed() -> [Action] { fail(.normal) }

    /// The HTTP connection was upgraded to WebSocket at `now`: from now on it carries `lineProtocol`'s
    /// conversation, idle by the line protocol's timeout. Lines of a resumed conversation that waited
    /// get their turn.
    func upgrade(to lineProtocol: LineProtocol, at now: Double) -> [Action] {
        self.lineProtocol = lineProtocol
        lifecycle = ConnectionLifecycle(now: now, idleTimeout: limits.idleTimeout, lingerTimeout: limits.lingerTimeout)
        var actions: [Action] = []
        follow(interest.answeredInput(awaitingStore: false, hasPendingLines: lineProtocol.hasPendingLines), into: &actions)
        return actions
    }

    // MARK: Transitions

    /// Hands the deferred reply to the line protocol, which appends it and answers what waited.
    private func complete(_ reply: DeferredReply, _ lineProtocol: LineProtocol, outputLimit: Int,
                          into output: inout [UInt8]) -> LineProtocol.Disposition {
        switch reply {
        case .stored(let submission, let result):
            return lineProtocol.completeStore(submission, result: result, into: &output,
                                              outputLimit: outputLimit, lineBudget: limits.linesPerTurn)
        case .answered(let reply):
            return lineProtocol.completeDeferredLine(reply, into: &output,
                                                     outputLimit: outputLimit, lineBudget: limits.linesPerTurn)
        }
    }

    /// After the line protocol answered `newInput` or lines that waited: what its `disposition` asks
    /// for, then what is left decides epoll's interest and another turn (lines left), then a flush.
    /// With a reply out for a store, reading stays paused until it arrives (and it is already handed
    /// off by `settle`).
    private func answered(_ disposition: LineProtocol.Disposition, at now: Double, newInput: Bool) -> [Action] {
        var actions = settle(disposition, at: now)
        guard !isClosed, let lineProtocol else { return actions }
        let awaitingStore = lineProtocol.isAwaitingStore, hasPendingLines = lineProtocol.hasPendingLines
        follow(newInput ? interest.answeredInput(awaitingStore: awaitingStore, hasPendingLines: hasPendingLines)
                        : interest.answeredWaitingLines(awaitingStore: awaitingStore, hasPendingLines: hasPendingLines),
               into: &actions)
        actions.append(.flush)
        return actions
    }

    /// What the line protocol's `disposition` asks for.
    private func settle(_ disposition: LineProtocol.Disposition, at now: Double) -> [Action] {
        switch disposition {
        case .open:
            return []
        case .closeAfterFlush:
            var actions: [Action] = []
            if lineProtocol?.isOverWebSocket == true { actions.append(.closeWebSocket(.normal, reason: "")) }
            lifecycle.conversationEnded(at: now)
            appendChange(interest.resumeReading(), to: &actions)  // read on, to drain
            return actions
        case .overflow:
            return fail(.overflow)
        case .awaitingStore:
            var actions: [Action] = []
            startDeferredWork(into: &actions)
            return actions
        }
    }

    /// Hands off the booking to store or the line for the encoder, if the protocol left one.
    private func startDeferredWork(into actions: inout [Action]) {
        guard let lineProtocol else { return }
        if let line = lineProtocol.takeDeferredLine() {
            actions.append(.askEncoder(line))
        } else if let submission = lineProtocol.takeSubmission() {
            actions.append(.store(submission))
        }
    }

    /// The client has closed its side and nothing more will be answered: close once the output is
    /// sent (the flush that follows reports whether any was left).
    private func endOfInputSettled(at now: Double) -> [Action] {
        let actions = perform(lifecycle.endOfInput(at: now, hasPendingOutput: true))
        return isClosed ? actions : actions + [.flush]
    }

    /// Carries out a lifecycle action: a bye is queued in `output` by the line protocol (over
    /// WebSocket, an idle bye only closes: the conversation is kept for resuming).
    private func perform(_ action: ConnectionLifecycle.Action, into output: inout [UInt8]) -> [Action] {
        guard case .sayBye(let reply) = action else { return perform(action) }
        guard let lineProtocol else { return [.sayBye(reply), .flush] }
        guard lineProtocol.isOverWebSocket else {
            lineProtocol.finish(with: reply, into: &output)
            return [.flush]
        }
        if reply.type == .bye && reply.code == "idle_timeout" {
            return [.closeWebSocket(.goingAway, reason: "idle"), .flush]
        }
        lineProtocol.finish(with: reply, into: &output)
        return [.closeWebSocket(.goingAway, reason: "shutdown"), .flush]
    }

    /// Carries out a lifecycle action that is not a bye (a flush or end of input never brings one).
    private func perform(_ action: ConnectionLifecycle.Action) -> [Action] {
        switch action {
        case .none, .sayBye: return []
        case .shutdownOutput: return [.shutdownOutput]
        case .close: return [.close(.normal)]
        }
    }

    private func fail(_ reason: CloseReason) -> [Action] {
        _ = lifecycle.failed()
        return [.close(reason)]
    }

    private func follow(_ decision: ConnectionInterest.Decision, into actions: inout [Action]) {
        appendChange(decision.change, to: &actions)
        if decision.needsTurn { actions.append(.joinBacklog) }
    }

    private func change(_ change: ConnectionInterest.Change) -> [Action] {
        change == .none ? [] : [.watch(change)]
    }

    private func appendChange(_ change: ConnectionInterest.Change, to actions: inout [Action]) {
        if change != .none { actions.append(.watch(change)) }
    }
}
