import Dispatch
#if canImport(Glibc)
import Glibc
#endif
import FAQDialogue

/// One event-loop thread: a level-triggered epoll over the shared listener (registered with
/// EPOLLEXCLUSIVE, so one loop wakes per new connection), a wake-up eventfd and the connections this
/// loop accepted. Each connection stays on its loop for its whole life.
///
/// `@unchecked Sendable`: everything but `stopRequested` and `finishedStores` is confined to the loop's
/// own thread (it is created on the server's thread and handed over before `run` starts); those two
/// are guarded by `stopLock`, and `requestStop` and the booking worker only set them and signal the
/// eventfd. Members without `private` are shared with `EventLoop+Bookings.swift`.
final class EventLoop: @unchecked Sendable {
    let configuration: ServerConfiguration
    private let listener: Int32
    /// The HTTP/WebSocket listener (`--http-port`), shared like `listener`.
    private let httpListener: Int32?
    /// What the HTTP port serves.
    let site: WebSite?
    /// Where WebSocket conversations wait to be resumed (shared by all loops).
    let resumeStore: ResumeStore?
    let makeSession: @Sendable () -> Session
    let limiter: ConnectionLimiter
    private let outputBudget: OutputBudget
    let bookingWorker: BookingWorker
    /// Where lines that wait for the sentence encoder are answered: as many at once as there are cores,
    /// so one client's slow lines never stall the other connections of a loop.
    /// Lines this loop has handed the encoder's workers and not had back (loop thread only).
    var encoderBacklog = 0
    let secondOpinionWorkers = DispatchQueue(label: "faqbot.second-opinion", qos: .userInitiated, attributes: .concurrent)
    /// Stores finished on the worker, for this loop to answer (guarded by `stopLock`).
    var finishedStores: [FinishedStore] = []
    let log: ServerLog
    let epoll: Epoll
    let notifier: EventNotifier
    var connections: [Int32: Connection] = [:]
    /// Connections with framed lines still to answer, served a turn at a time.
    var backlog: [Connection] = []
    private let readBuffer: UnsafeMutableRawBufferPointer
    private let tickInterval: Double
    private var nextTick: Double
    private var acceptPausedUntil: Double? = nil
    private var lastAcceptPauseLog = -Double.infinity
    private var lastRefusalLog = -Double.infinity
    private var refusedSinceLog = 0
    private var stopping = false
    private var stopDeadline = Double.infinity
    let stopLock = PosixLock()
    private var stopRequested = false

    init(configuration: ServerConfiguration, listener: Int32, limiter: ConnectionLimiter, outputBudget: OutputBudget,
         bookingWorker: BookingWorker, log: ServerLog, httpListener: Int32? = nil, site: WebSite? = nil,
         resumeStore: ResumeStore? = nil, makeSession: @escaping @Sendable () -> Session) throws(SystemCallError) {
        self.configuration = configuration
        self.listener = listener
        self.httpListener = httpListener
        self.site = site
        self.resumeStore = resumeStore
        self.limiter = limiter
        self.outputBudget = outputBudget
        self.bookingWorker = bookingWorker
        self.log = log
        self.makeSession = makeSession
        epoll = try Epoll()
        notifier = try EventNotifier()
        readBuffer = .allocate(byteCount: configuration.readChunk, alignment: 16)
        tickInterval = max(0.005, min(1.0, configuration.idleTimeout / 4, configuration.lingerTimeout / 4))
        nextTick = MonotonicClock.now() + tickInterval
        try epoll.add(notifier.fd, .readable)
        try epoll.add(listener, [.readable, .exclusive])
        if let httpListener { try epoll.add(httpListener, [.readable, .exclusive]) }
    }

    deinit { readBuffer.deallocate() }

    /// Asks the loop (from any thread) to say bye to its connections and finish.
    func requestStop() {
        stopLock.withLock { stopRequested = true }
        notifier.signal()
    }

    /// Runs until stopped and every connection is closed (or the shutdown grace has passed).
    func run() {
        while true {
            let now = MonotonicClock.now()
            if stopping && (connections.isEmpty || now >= stopDeadline) { break }
            var wake = min(nextTick, stopDeadline)
            if let paused = acceptPausedUntil { wake = min(wake, paused) }
            let timeout = backlog.isEmpty ? Int32(max(0, min(1000, ((wake - now) * 1000).rounded(.up)))) : 0
            do {
                try epoll.wait(timeoutMilliseconds: timeout) { event in handle(event) }
            } catch {
                log.write("error: \(error); stopping this event loop")
                break
            }
            if !backlog.isEmpty { serveBacklog() }
            let after = MonotonicClock.now()
            if let paused = acceptPausedUntil, after >= paused, !stopping {
                acceptPausedUntil = nil
                try? epoll.add(listener, [.readable, .exclusive])
                if let httpListener { try? epoll.add(httpListener, [.readable, .exclusive]) }
            }
            if after >= nextTick {
                nextTick = after + tickInterval
                tick(at: after)
            }
        }
        for connection in Array(connections.values) { close(connection) }
    }

    private func handle(_ event: Epoll.Event) {
        if event.fd == listener || event.fd == httpListener {
            acceptConnections(from: event.fd)
        } else if event.fd == notifier.fd {
            notifier.drain()
            let (stop, stores) = stopLock.withLock { () -> (Bool, [FinishedStore]) in
                defer { finishedStores = [] }
                return (stopRequested, finishedStores)
            }
            for store in stores { answerStore(store) }
            if stop && !stopping { beginStopping() }
        } else if let connection = connections[event.fd] {
            // While paused, only a hang-up or error can wake it; that is read once its lines are answered.
            let wasPaused = connection.interest.readingPaused
            if event.isReadable && !wasPaused { read(connection) }
            if event.isReadable && wasPaused && connection.lineProtocol?.isAwaitingStore == true {
                // A hang-up is reported even without interest and would wake the loop until the booking
                // is stored: stop watching the socket until then.
                apply(connection.interest.hungUpWhileAwaitingStore(), to: connection)
                return
            }
            if event.isWritable, connection.lifecycle.phase != .closed { flush(connection) }
        }
    }

    // MARK: Accepting

    private func acceptConnections(from listeningSocket: Int32) {
        guard !stopping else { return }
        for _ in 0..<configuration.acceptsPerWakeup {
            let accepted: IOResult<Int32>
            do {
                accepted = try Socket.accept(listeningSocket)
            } catch {
                switch error.errno {
                case EMFILE, ENFILE, ENOBUFS, ENOMEM: pauseAccepting(error)
                default: break // ECONNABORTED, EPROTO, ...: the client is gone; keep accepting.
                }
                return
            }
            guard case .done(let fd) = accepted else { return }
            Socket.setNoDelay(fd)
            let now = MonotonicClock.now()
            let lifecycle = ConnectionLifecycle(now: now, idleTimeout: configuration.idleTimeout,
                                                lingerTimeout: configuration.lingerTimeout)
            let connection: Connection
            let format: ReplyFormat = configuration.json ? .json : .text
            let address = limiter.maximumPerAddress == nil ? nil : Socket.peerAddress(fd)
            if listeningSocket == httpListener, let site {
                connection = acceptHTTP(fd, address: address, site: site, at: now)
            } else if let refusal = limiter.acquire(address: address) {
                connection = Connection(fd: fd, lineProtocol: nil, lifecycle: lifecycle, holdsSlot: false)
                format.append(.busy, to: &connection.output)
                connection.lifecycle.conversationEnded(at: now)
                logRefusal(refusal, at: now)
            } else {
                let session = makeSession()
                session.defersBookingStores = true  // stored by the BookingWorker, off this thread
                session.defersSecondOpinions = true  // the sentence encoder runs on its workers, off this thread
                let lineProtocol = LineProtocol(session: session, format: format,
                                                maximumLineLength: configuration.maximumLineLength)
                connection = Connection(fd: fd, lineProtocol: lineProtocol, lifecycle: lifecycle, address: address)
                lineProtocol.greet(into: &connection.output)
            }
            do {
                try epoll.add(fd, .readable)
            } catch {
                log.write("error: \(error)")
                if connection.holdsSlot { limiter.release(address: connection.address) }
                Socket.close(fd)
                continue
            }
            connections[fd] = connection
            flush(connection)
        }
    }

    /// At most one log line per 10 s about refused connections, with how many since the last one.
    func logRefusal(_ refusal: ConnectionLimiter.Refusal, at now: Double) {
        refusedSinceLog += 1
        guard now - lastRefusalLog >= 10 else { return }
        switch refusal {
        case .full:
            log.write("refused \(refusedSinceLog) connection(s) as busy: \(limiter.maximum) open (--max-connections)")
        case .addressFull:
            log.write("refused \(refusedSinceLog) connection(s) as busy: \(limiter.maximumPerAddress ?? 0) open "
                      + "from one address (--max-connections-per-address)")
        }
        lastRefusalLog = now
        refusedSinceLog = 0
    }

    private func pauseAccepting(_ error: SystemCallError) {
        epoll.remove(listener)
        if let httpListener { epoll.remove(httpListener) }
        let now = MonotonicClock.now()
        acceptPausedUntil = now + configuration.acceptPause
        if now - lastAcceptPauseLog >= 10 {
            lastAcceptPauseLog = now
            log.write("error: \(error); pausing accepts for \(Int(configuration.acceptPause * 1000)) ms")
        }
    }

    // MARK: Reading and writing

    private func read(_ connection: Connection) {
        let result: IOResult<Int>
        do {
            result = try Socket.receive(connection.fd, into: readBuffer)
        } catch {
            // A reset is the client's normal way out (it closed with replies unread); not an error.
            if error.errno != ECONNRESET { log.write("error: connection \(connection.fd): \(error)") }
            perform(connection.lifecycle.failed(), on: connection)
            return
        }
        guard case .done(let count) = result else { return }
        let now = MonotonicClock.now()
        if count == 0 {
            // A WebSocket conversation is not ended by a dropped connection: it waits to be resumed.
            if connection.lifecycle.phase == .open && connection.webSocket == nil {
                connection.lineProtocol?.endOfInput(into: &connection.output)
            }
            if connection.lineProtocol?.isAwaitingStore == true {
                // The rest is answered when the booking is stored; stop reading (end of input would
                // wake the loop again and again) until then.
                apply(connection.interest.pauseReading(), to: connection)
                return
            }
            let action = connection.lifecycle.endOfInput(at: now, hasPendingOutput: connection.pendingCount > 0)
            perform(action, on: connection)
            if connection.lifecycle.phase != .closed { flush(connection) }
            return
        }
        guard connection.lifecycle.phase == .open else { return } // closing or draining: input is discarded
        if connection.http != nil || connection.webSocket != nil {
            receiveWeb(connection, UnsafeRawBufferPointer(rebasing: readBuffer[0..<count]), at: now)
            return
        }
        guard let lineProtocol = connection.lineProtocol else { return }
        receiveLines(connection, lineProtocol, UnsafeRawBufferPointer(rebasing: readBuffer[0..<count]), at: now)
    }

    /// Hands request lines to the connection's line protocol and sends what it answers.
    func receiveLines(_ connection: Connection, _ lineProtocol: LineProtocol, _ bytes: UnsafeRawBufferPointer, at now: Double) {
        let limit = configuration.maximumOutputBytes + connection.sent
        let disposition = lineProtocol.receive(bytes, into: &connection.output, outputLimit: limit,
                                               lineBudget: configuration.linesPerTurn)
        connection.lifecycle.received(at: now, insideLine: lineProtocol.isInsideLine)
        guard settle(connection, disposition, at: now) else { return }
        follow(connection.interest.answeredInput(awaitingStore: lineProtocol.isAwaitingStore,
                                                 hasPendingLines: lineProtocol.hasPendingLines), for: connection)
        flush(connection)
    }

    /// Gives each connection with waiting lines one more turn; resumes reading when none are left.
    private func serveBacklog() {
        let waiting = backlog
        backlog = []
        for connection in waiting where connection.lifecycle.phase != .closed {
            guard connection.lifecycle.phase == .open, let lineProtocol = connection.lineProtocol else {
                apply(connection.interest.resumeReading(), to: connection)  // a bye was queued meanwhile: read again, to drain
                continue
            }
            let now = MonotonicClock.now()
            connection.lifecycle.received(at: now, insideLine: lineProtocol.isInsideLine)
            let disposition = lineProtocol.continueReplying(
                into: &connection.output, outputLimit: configuration.maximumOutputBytes + connection.sent,
                lineBudget: configuration.linesPerTurn)
            guard settle(connection, disposition, at: now) else { continue }
            // Awaiting a store, reading stays paused; the worker's answer resumes this connection.
            follow(connection.interest.answeredWaitingLines(awaitingStore: lineProtocol.isAwaitingStore,
                                                            hasPendingLines: lineProtocol.hasPendingLines), for: connection)
            flush(connection)
        }
    }

    /// Applies what the protocol said; false when the connection was closed.
    func settle(_ connection: Connection, _ disposition: LineProtocol.Disposition, at now: Double) -> Bool {
        switch disposition {
        case .open: return true
        case .closeAfterFlush:
            connection.closeWebSocket(.normal)
            connection.lifecycle.conversationEnded(at: now)
            apply(connection.interest.resumeReading(), to: connection)
            return true
        case .overflow:
            overflow(connection)
            return false
        case .awaitingStore:
            startStore(connection)
            return true
        }
    }

    /// Carries out what `ConnectionInterest` decided after replies: the epoll change, and a place in the backlog.
    func follow(_ decision: ConnectionInterest.Decision, for connection: Connection) {
        apply(decision.change, to: connection)
        if decision.needsTurn { backlog.append(connection) }
    }

    /// Tells epoll what `ConnectionInterest` decided (re-adding a detached socket: see `answerStore`).
    func apply(_ change: ConnectionInterest.Change, to connection: Connection) {
        switch change {
        case .none: break
        case .modify(let interest): try? epoll.modify(connection.fd, interest)
        case .remove: epoll.remove(connection.fd)
        case .add(let interest):
            do {
                try epoll.add(connection.fd, interest)
            } catch {
                log.write("error: \(error)")
                perform(connection.lifecycle.failed(), on: connection)
            }
        }
    }

    func flush(_ connection: Connection) {
        let done: Bool
        do {
            done = try connection.flush()
        } catch {
            if error.errno != ECONNRESET && error.errno != EPIPE { log.write("error: connection \(connection.fd): \(error)") }
            perform(connection.lifecycle.failed(), on: connection)
            return
        }
        // Only a connection whose buffer grew can be the one that broke the budget.
        let grew = connection.heldOutputBytes > connection.budgeted
        let overBudget = connection.heldOutputBytes != connection.budgeted && account(connection) && grew
        let next = connection.interest.flushed(allSent: done, unsentBytes: connection.pendingCount, brokeBudget: overBudget,
                                               maximumUnsent: configuration.maximumOutputBytes,
                                               allowanceOverBudget: configuration.outputAllowance)
        switch next {
        case .sent(let change):
            apply(change, to: connection)
            perform(connection.lifecycle.flushed(at: MonotonicClock.now()), on: connection)
        case .overflow:
            overflow(connection)
        case .overBudget:
            log.write("closing connection \(connection.fd): \(connection.pendingCount) unsent bytes while all connections "
                      + "hold over \(configuration.maximumTotalOutputBytes) (--max-output-total; the client is not reading)")
            perform(connection.lifecycle.failed(), on: connection)
        case .stuck(let change):
            apply(change, to: connection)
        }
    }

    /// Brings the connection's share of the output budget up to date; returns whether the total is over.
    private func account(_ connection: Connection) -> Bool {
        let delta = connection.heldOutputBytes - connection.budgeted
        connection.budgeted = connection.heldOutputBytes
        return outputBudget.add(delta)
    }

    private func overflow(_ connection: Connection) {
        log.write("closing connection \(connection.fd): over \(configuration.maximumOutputBytes) unsent bytes (the client is not reading)")
        perform(connection.lifecycle.failed(), on: connection)
    }

    func perform(_ action: ConnectionLifecycle.Action, on connection: Connection) {
        switch action {
        case .none: break
        case .sayBye(let reply):
            if connection.webSocket != nil {
                // Idle: the conversation is kept for resuming; the widget reconnects when the patient types.
                if reply.type == .bye && reply.code == "idle_timeout" {
                    connection.closeWebSocket(.goingAway, reason: "idle")
                } else {
                    connection.lineProtocol?.finish(with: reply, into: &connection.output)
                    connection.closeWebSocket(.goingAway, reason: "shutdown")
                }
            } else if let http = connection.http {
                http.timedOut(into: &connection.output)
            } else {
                connection.lineProtocol?.finish(with: reply, into: &connection.output)
            }
            flush(connection)
        case .shutdownOutput:
            Socket.shutdownOutput(connection.fd)
        case .close:
            close(connection)
        }
    }

    private func close(_ connection: Connection) {
        guard connections.removeValue(forKey: connection.fd) != nil else { return }
        if connection.budgeted != 0 {
            outputBudget.add(-connection.budgeted)
            connection.budgeted = 0
        }
        epoll.remove(connection.fd)
        Socket.close(connection.fd)
        if connection.holdsSlot { limiter.release(address: connection.address) }
        if let conversation = connection.conversation, !conversation.lineProtocol.isFinished,
           !conversation.lineProtocol.isAwaitingStore {
            connection.frameReplies()  // replies queued but never sent count as missed
            resumeStore?.park(conversation, at: MonotonicClock.now())
        }
    }

    // MARK: Time and stopping

    private func tick(at now: Double) {
        for connection in Array(connections.values) {
            perform(connection.lifecycle.tick(at: now), on: connection)
        }
    }

    private func beginStopping() {
        stopping = true
        epoll.remove(listener)
        if let httpListener { epoll.remove(httpListener) }
        acceptPausedUntil = nil
        let now = MonotonicClock.now()
        stopDeadline = now + configuration.shutdownGrace
        for connection in Array(connections.values) {
            perform(connection.lifecycle.shutdown(at: now, grace: configuration.shutdownGrace), on: connection)
        }
    }
}
