#if canImport(Glibc)
import Glibc
#endif
import FAQDialogue

/// A failure to start the server.
public enum ServerError: Error, CustomStringConvertible {
    /// `--host` is not an IPv4 address.
    case invalidHost(String)
    /// A system call failed while starting (bind: address in use, ...).
    case startFailed(SystemCallError)

    public var description: String {
        switch self {
        case .invalidHost(let host): return "cannot listen on '\(host)': not an IPv4 address"
        case .startFailed(let error): return "cannot start the server: \(error)"
        }
    }
}

/// The TCP line-protocol server: a listener shared by a fixed number of event-loop threads.
///
/// `run` blocks: it logs `listening on HOST:PORT`, serves until SIGINT or SIGTERM (or `stop()`),
/// then says bye to every open connection, flushes, and returns.
public final class Server: @unchecked Sendable {
    // @unchecked: the configuration and closures are immutable; `stopNotifier` is an eventfd.
    /// The limits and settings.
    public let configuration: ServerConfiguration
    private let makeSession: @Sendable () -> Session
    private let log: ServerLog
    private let stopNotifier: EventNotifier
    /// Called (on the thread running `run`) when SIGHUP arrives; nil: SIGHUP is logged and ignored.
    /// Must return at once (start the work on a thread of its own).
    public var onHangUp: (@Sendable () -> Void)?

    /// A server whose connections each get a session from `makeSession`.
    public init(configuration: ServerConfiguration, log: ServerLog = ServerLog(),
                makeSession: @escaping @Sendable () -> Session) throws(SystemCallError) {
        self.configuration = configuration
        self.makeSession = makeSession
        self.log = log
        stopNotifier = try EventNotifier()
    }

    /// Asks a running server to shut down gracefully (from any thread).
    public func stop() {
        stopNotifier.signal()
    }

    /// Serves until a signal from `signals` (or `stop()`); returns after the graceful shutdown.
    ///
    /// `signals` must be created before any thread starts (see `SignalNotifier`). `onListening` gets the
    /// bound port once the server accepts connections.
    /// Returns the seconds the graceful stop took.
    @discardableResult
    public func run(signals: SignalNotifier?, onListening: (Int) -> Void = { _ in }) throws(ServerError) -> Double {
        guard let address = Socket.address(host: configuration.host, port: configuration.port) else {
            throw .invalidHost(configuration.host)
        }
        let listener: (fd: Int32, port: Int)
        let waiter: Epoll
        var loops: [EventLoop] = []
        checkFileLimit()
        let outputBudget = OutputBudget(maximum: configuration.maximumTotalOutputBytes)
        let bookingWorker = BookingWorker()
        let limiter = ConnectionLimiter(maximum: configuration.maximumConnections,
                                        maximumPerAddress: configuration.maximumConnectionsPerAddress)
        do {
            listener = try Socket.listen(address, backlog: configuration.backlog)
        } catch {
            throw .startFailed(error)
        }
        defer { Socket.close(listener.fd) }
        var httpListener: (fd: Int32, port: Int)? = nil
        if let httpPort = configuration.httpPort {
            guard let httpAddress = Socket.address(host: configuration.host, port: httpPort) else { throw .invalidHost(configuration.host) }
            do {
                httpListener = try Socket.listen(httpAddress, backlog: configuration.backlog)
            } catch {
                throw .startFailed(error)
            }
        }
        defer { if let httpListener { Socket.close(httpListener.fd) } }
        let started = MonotonicClock.now()
        let version = configuration.version
        let site = WebSite(allowedOrigins: configuration.allowedOrigins) { [limiter] in
            let uptime = Int(MonotonicClock.now() - started)
            return "{\"status\":\"ok\",\"version\":\"\(version)\",\"uptime_seconds\":\(uptime),\"open_connections\":\(limiter.current)}"
        }
        let resumeStore = ResumeStore(window: configuration.resumeWindow, maximum: configuration.maximumParkedConversations)
        do {
            waiter = try Epoll(capacity: 4)
            try waiter.add(stopNotifier.fd, .readable)
            if let signals { try waiter.add(signals.fd, .readable) }
            for _ in 0..<max(1, configuration.threads) {
                loops.append(try EventLoop(configuration: configuration, listener: listener.fd, limiter: limiter,
                                           outputBudget: outputBudget, bookingWorker: bookingWorker, log: log,
                                           httpListener: httpListener?.fd, site: site, resumeStore: resumeStore,
                                           makeSession: makeSession))
            }
        } catch {
            throw .startFailed(error)
        }
        var threads: [PosixThread] = []
        for loop in loops {
            do {
                threads.append(try PosixThread { loop.run() })
            } catch {
                for started in loops { started.requestStop() }
                for thread in threads { thread.join() }
                throw .startFailed(error)
            }
        }
        if let httpListener {
            let origins = configuration.allowedOrigins.isEmpty ? "its own origin" : configuration.allowedOrigins.joined(separator: " ")
            log.write("serving HTTP and WebSocket on \(configuration.host):\(httpListener.port) (chat open to pages of \(origins); "
                      + "conversations resumable for \(Int(configuration.resumeWindow)) s)")
        }
        log.write("listening on \(configuration.host):\(listener.port) (\(loops.count) threads, "
                  + "max \(configuration.maximumConnections) connections, \(configuration.json ? "json" : "text"))")
        onListening(listener.port)

        var reason = "stop requested"
        var waiting = true
        while waiting {
            do {
                try waiter.wait(timeoutMilliseconds: -1) { event in
                    if let signals, event.fd == signals.fd {
                        while let number = signals.take() {
                            if number == SIGINT || number == SIGTERM {
                                reason = SignalNotifier.name(of: number)
                                waiting = false
                            } else if number == SIGHUP, let onHangUp {
                                log.write("SIGHUP received: reloading the knowledge")
                                onHangUp()
                            } else {
                                logIgnored(number, openConnections: limiter.current)
                            }
                        }
                    } else if event.fd == stopNotifier.fd {
                        stopNotifier.drain()
                        waiting = false
                    }
                }
            } catch {
                log.write("error: \(error); stopping")
                waiting = false
            }
        }
        let stopStarted = MonotonicClock.now()
        log.write("stopping (\(reason)): saying bye to \(limiter.current) open connections")
        for loop in loops { loop.requestStop() }
        for thread in threads { thread.join() }
        // A booking being written when the stop came is finished (its patient may not hear of it).
        if !bookingWorker.waitUntilIdle(limit: 1) { log.write("a booking was still being stored when the server stopped") }
        let elapsed = MonotonicClock.now() - stopStarted
        log.write("stopped in \(Int((elapsed * 1000).rounded())) ms")
        return elapsed
    }

    /// Descriptors the server needs besides its connections: listener, epoll and eventfds, signalfd,
    /// standard streams, the booking journal, a hook's pipe, headroom.
    static func descriptorsBesidesConnections(threads: Int) -> Int { 32 + 2 * max(1, threads) }

    /// Raises the soft RLIMIT_NOFILE to what `--max-connections` needs when the hard limit allows;
    /// warns when it does not (past the limit, accepting pauses on EMFILE and clients wait).
    private func checkFileLimit() {
        let needed = configuration.maximumConnections + Self.descriptorsBesidesConnections(threads: configuration.threads)
        do {
            let before = try FileLimit.current().soft
            guard before < needed else { return }
            let after = try FileLimit.raise(to: needed)
            if after >= needed {
                log.write("raised the open-file limit from \(before) to \(after) for --max-connections \(configuration.maximumConnections)")
            } else {
                log.write("warning: --max-connections \(configuration.maximumConnections) needs about \(needed) file descriptors, "
                          + "but the open-file limit (ulimit -n) is \(after): past about \(max(0, after - Self.descriptorsBesidesConnections(threads: configuration.threads))) "
                          + "connections, accepting pauses until a descriptor is free")
            }
        } catch {
            log.write("warning: cannot check the open-file limit: \(error)")
        }
    }

    /// SIGHUP, SIGUSR1, SIGUSR2, SIGALRM: logged, then ignored (their default action would kill the
    /// server with no bye to anyone). SIGUSR1 also reports the open connections.
    private func logIgnored(_ number: Int32, openConnections: Int) {
        let name = SignalNotifier.name(of: number)
        switch number {
        case SIGHUP: log.write("\(name) received and ignored (no knowledge reload is set up)")
        case SIGUSR1: log.write("\(name) received: \(openConnections) open connections")
        default: log.write("\(name) received and ignored")
        }
    }
}
