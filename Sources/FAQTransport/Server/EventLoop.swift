import Dispatch
#if canImport(Glibc)
import Glibc
#endif
import FAQDialogue

/// One event-loop thread: a level-triggered epoll over the shared listener (registered with
/// EPOLLEXCLUSIVE, so one loop wakes per new connection), a wake-up eventfd and the connections this
/// loop accepted. Each connection stays on its loop for its whole life. The loop only moves bytes
/// and carries out what each connection's `ConnectionState` decides (`run`).
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
    /// The limits each connection's state enforces.
    let limits: ConnectionState.Limits
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
        limits = ConnectionState.Limits(configuration)
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
            run(connection.state.socketReady(readable: event.isReadable, writable: event.isWritable), for: connection)
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
            let connection: Connection
            let first: [ConnectionState.Action]
            let format: ReplyFormat = configuration.json ? .json : .text
            let address = limiter.maximumPerAddress == nil ? nil : Socket.peerAddress(fd)
            if listeningSocket == httpListener, let site {
                (connection, first) = acceptHTTP(fd, address: address, site: site, at: now)
            } else if let refusal = limiter.acquire(address: address) {
                connection = Connection(fd: fd, state: ConnectionState(lineProtocol: nil, at: now, limits: limits), holdsSlot: false)
                first = connection.state.refuse(with: .busy, format: format, at: now, into: &connection.output)
                logRefusal(refusal, at: now)
            } else {
                let session = makeSession()
                session.defersBookingStores = true  // stored by the BookingWorker, off this thread
                session.defersSecondOpinions = true  // the sentence encoder runs on its workers, off this thread
                let lineProtocol = LineProtocol(session: session, format: format,
                                                maximumLineLength: configuration.maximumLineLength)
                connection = Connection(fd: fd, state: ConnectionState(lineProtocol: lineProtocol, at: now, limits: limits),
                                        address: address)
                first = connection.state.start(into: &connection.output)
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
            run(first, for: connection)
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
            run(connection.state.failed(), for: connection)
            return
        }
        guard case .done(let count) = result else { return }
        let now = MonotonicClock.now()
        if count == 0 {
            run(connection.state.endOfInput(at: now, into: &connection.output), for: connection)
            return
        }
        let bytes = UnsafeRawBufferPointer(rebasing: readBuffer[0..<count])
        if connection.http != nil || connection.webSocket != nil {
            receiveWeb(connection, bytes, at: now)
        } else {
            receiveLines(connection, bytes, at: now)
        }
    }

    /// Hands request lines to the connection's state and carries out what it answers.
    func receiveLines(_ connection: Connection, _ bytes: UnsafeRawBufferPointer, at now: Double) {
        run(connection.state.received(bytes, at: now, sent: connection.sent, into: &connection.output), for: connection)
    }

    /// Gives each connection with waiting lines one more turn.
    private func serveBacklog() {
        let waiting = backlog
        backlog = []
        for connection in waiting where !connection.isClosed {
            let actions = connection.state.takeTurn(at: MonotonicClock.now(), sent: connection.sent, into: &connection.output)
            run(actions, for: connection)
        }
    }

    /// Carries out what the connection's state decided, in order; stops once the socket is closed.
    func run(_ actions: [ConnectionState.Action], for connection: Connection) {
        for action in actions {
            guard !connection.isClosed else { return }
            switch action {
            case .flush: flush(connection)
            case .read: read(connection)
            case .watch(let change): apply(change, to: connection)
            case .joinBacklog: backlog.append(connection)
            case .store(let submission): store(submission, for: connection)
            case .askEncoder(let line): ask(line, for: connection)
            case .closeWebSocket(let code, let reason): connection.closeWebSocket(code, reason: reason)
            case .sayBye:
                connection.http?.timedOut(into: &connection.output)
            case .shutdownOutput: Socket.shutdownOutput(connection.fd)
            case .close(let reason):
                switch reason {
                case .normal: break
                case .overflow:
                    log.write("closing connection \(connection.fd): over \(configuration.maximumOutputBytes) unsent bytes "
                              + "(the client is not reading)")
                case .overBudget:
                    log.write("closing connection \(connection.fd): \(connection.pendingCount) unsent bytes while all "
                              + "connections hold over \(configuration.maximumTotalOutputBytes) (--max-output-total; "
                              + "the client is not reading)")
                }
                close(connection)
            }
        }
    }

    /// Tells epoll what the connection's state decided (re-adding a socket taken out while a reply was out).
    private func apply(_ change: ConnectionInterest.Change, to connection: Connection) {
        switch change {
        case .none: break
        case .modify(let interest): try? epoll.modify(connection.fd, interest)
        case .remove: epoll.remove(connection.fd)
        case .add(let interest):
            do {
                try epoll.add(connection.fd, interest)
            } catch {
                log.write("error: \(error)")
                run(connection.state.failed(), for: connection)
            }
        }
    }

    private func flush(_ connection: Connection) {
        let done: Bool
        do {
            done = try connection.flush()
        } catch {
            if error.errno != ECONNRESET && error.errno != EPIPE { log.write("error: connection \(connection.fd): \(error)") }
            run(connection.state.failed(), for: connection)
            return
        }
        // Only a connection whose buffer grew can be the one that broke the budget.
        let grew = connection.heldOutputBytes > connection.budgeted
        let overBudget = connection.heldOutputBytes != connection.budgeted && account(connection) && grew
        run(connection.state.flushed(allSent: done, unsentBytes: connection.pendingCount, brokeBudget: overBudget,
                                     at: MonotonicClock.now()), for: connection)
    }

    /// Brings the connection's share of the output budget up to date; returns whether the total is over.
    private func account(_ connection: Connection) -> Bool {
        let delta = connection.heldOutputBytes - connection.budgeted
        connection.budgeted = connection.heldOutputBytes
        return outputBudget.add(delta)
    }

    private func close(_ connection: Connection) {
        guard connections.removeValue(forKey: connection.fd) != nil else { return }
        connection.isClosed = true
        if connection.budgeted != 0 {
            outputBudget.add(-connection.budgeted)
            connection.budgeted = 0
        }
        epoll.remove(connection.fd)
        Socket.close(connection.fd)
        if connection.holdsSlot { limiter.release(address: connection.address) }
        if let conversation = connection.conversation {
            connection.frameReplies()  // replies queued but never sent count as missed
            // One whose reply is out is parked when the reply arrives (`answerStore`).
            if connection.state.isResumable { resumeStore?.park(conversation, at: MonotonicClock.now()) }
        }
    }

    // MARK: Time and stopping

    private func tick(at now: Double) {
        for connection in Array(connections.values) {
            run(connection.state.tick(at: now, into: &connection.output), for: connection)
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
            run(connection.state.shutdown(at: now, grace: configuration.shutdownGrace, into: &connection.output), for: connection)
        }
    }
}
