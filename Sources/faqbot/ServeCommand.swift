#if canImport(Glibc)
import Glibc
#endif
import FAQDialogue
import FAQTransport

/// `faqbot serve`: the line protocol over TCP for the website widget and `nc`.
enum ServeCommand: Command {
    static let name = "serve"
    static let summary = "serve the chat over TCP (line protocol, see PROTOCOL.md)"
    static let valueOptions = AssistantOptions.valueOptions.union([
        "host", "port", "admin-socket", "max-connections", "max-connections-per-address", "idle-timeout", "max-line", "threads", "max-output", "max-output-total", "cache",
        "http-port", "allow-origin", "resume-window", "http-timeout",
    ]).union(BookingOptions.valueOptions).union(StaffLogOptions.valueOptions)
    static let flagOptions: Set<String> = ["json"]
    static let help = """
    Usage: faqbot serve [--host 127.0.0.1] [--port 7878] [--json] [--http-port 8080] [OPTIONS]

    Serve the clinic's assistant over TCP: one UTF-8 line in, one reply out, a separate conversation per
    connection. The protocol is described in PROTOCOL.md. Logs one line per start, stop and error to
    standard error (never message contents); the first is 'listening on HOST:PORT'. SIGINT or SIGTERM
    says bye to every connection and exits 0.

    Options:
      --host ADDRESS           IPv4 address to listen on (default: 127.0.0.1, loopback only)
      --port N                 TCP port; 0 picks a free one (default: 7878)
      --json                   replies are JSON lines by default (else text; /format switches)
      --max-connections N      open conversations at most; more get a 'busy' error (default: 4096)
      --max-connections-per-address N
                               open conversations at most from one IPv4 address; more get 'busy'
                               (default: no limit; behind a reverse proxy all come from one address)
      --idle-timeout SECONDS   close a connection silent this long, or whose line is not complete this
                               long after its first byte, with a bye (default: 300)
      --max-line N             longest accepted line in bytes (default: 4096)
      --max-output N           unsent reply bytes before a client that does not read is closed (default: 1048576)
      --max-output-total N     memory for unsent replies of all connections together; past it, a connection holding
                               over 64 KiB unsent is closed as not reading (default: 33554432)
      --threads N              event-loop threads (default: one per core)
      --admin-socket PATH      listen for 'faqbot reload' on this Unix-domain socket (created 0600; e.g.
                               data/admin.sock beside the journal). SIGHUP reloads too
      --http-port N            also serve HTTP on this port: the demo page (/), the widget (/widget.js,
                               /widget.css), the chat over WebSocket (/chat) and /healthz (default: off)
      --allow-origin LIST      comma-separated origins (https://clinic.example) whose pages may open the
                               chat; '*' for any (default: the server's own origin)
      --resume-window SECONDS  how long a WebSocket conversation whose connection dropped can be resumed
                               with its token (default: 900; 0 turns resuming off)
      --http-timeout SECONDS   how long an HTTP request may take to arrive, and a kept-alive HTTP
                               connection may stay idle (default: 15)
      --cache N                remember what this many recent distinct questions were understood as,
                               so a question asked again skips the search; 0 turns it off (default: 4096)
    \(BookingOptions.help)
    \(StaffLogOptions.help)
    \(AssistantOptions.help)
    """

    static func run(_ arguments: Arguments) throws -> Int32 {
        guard arguments.positionals.isEmpty else {
            throw UsageError("unexpected argument '\(arguments.positionals[0])'")
        }
        var configuration = ServerConfiguration()
        configuration.host = arguments.value("host") ?? configuration.host
        configuration.port = try arguments.integer("port", default: configuration.port, in: 0...65535)
        configuration.json = arguments.flag("json")
        configuration.maximumConnections = try arguments.integer(
            "max-connections", default: configuration.maximumConnections, in: 1...1_000_000)
        if arguments.value("max-connections-per-address") != nil {
            configuration.maximumConnectionsPerAddress = try arguments.integer(
                "max-connections-per-address", default: 0, in: 1...1_000_000)
        }
        configuration.idleTimeout = try arguments.number(
            "idle-timeout", default: configuration.idleTimeout, in: 0.05...86_400)
        configuration.maximumLineLength = try arguments.integer(
            "max-line", default: configuration.maximumLineLength, in: 16...1_048_576)
        configuration.maximumOutputBytes = try arguments.integer(
            "max-output", default: configuration.maximumOutputBytes, in: 4096...1 << 30)
        configuration.maximumTotalOutputBytes = try arguments.integer(
            "max-output-total", default: configuration.maximumTotalOutputBytes, in: 65536...1 << 40)
        let cores = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        configuration.threads = try arguments.integer("threads", default: cores, in: 1...256)
        if arguments.value("http-port") != nil {
            configuration.httpPort = try arguments.integer("http-port", default: 0, in: 0...65535)
        }
        if let origins = arguments.value("allow-origin") {
            configuration.allowedOrigins = origins.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
            if let bad = configuration.allowedOrigins.first(where: { $0 != "*" && !($0.hasPrefix("http://") || $0.hasPrefix("https://")) }) {
                throw UsageError("--allow-origin takes origins such as https://clinic.example, not '\(bad)'")
            }
        }
        configuration.httpTimeout = try arguments.number("http-timeout", default: configuration.httpTimeout, in: 0.05...3600)
        configuration.resumeWindow = try arguments.number("resume-window", default: configuration.resumeWindow, in: 0...86_400)
        guard Socket.address(host: configuration.host, port: 0) != nil else {
            throw UsageError("--host must be an IPv4 address such as 127.0.0.1, not '\(configuration.host)'")
        }
        // Block SIGINT and SIGTERM before any thread exists, so every thread inherits the mask and the
        // signals arrive only through the signalfd.
        let signals = try SignalNotifier()
        let cacheCapacity = try arguments.integer("cache", default: 4096, in: 0...10_000_000)
        let assistant = try AssistantOptions.makeAssistant(arguments, cacheCapacity: cacheCapacity, encodingAtOnce: true)
        let booking = try BookingOptions.makeSetup(arguments, assistant: assistant)
        let assistants = AssistantSource(assistant)
        // Before any connection can take the last descriptor.
        booking.journal.openNow()
        let serverLog = ServerLog()
        let staffLog = try StaffLogOptions.makeWriter(arguments, booking: booking.configuration) { serverLog.write($0) }
        let server = try Server(configuration: configuration, log: serverLog) {
            let session = Session(assistant: assistants.current, booking: booking.configuration)
            session.assistantSource = assistants
            session.conversationLog = staffLog
            return session
        }
        // Reloads build the whole knowledge again with the same options, off the event loops.
        let reloader = KnowledgeReloader(source: assistants, log: { serverLog.write($0) }) {
            let assistant = try AssistantOptions.makeAssistant(arguments, cacheCapacity: cacheCapacity, encodingAtOnce: true)
            _ = try BookingOptions.clinicSchedule(assistant.knowledge, directory: AssistantOptions.knowledgePath(arguments))
            return assistant
        }
        server.onHangUp = { reloader.reloadInBackground() }
        let admin = try arguments.value("admin-socket").map { path in
            try AdminSocket(path: path) { command in
                command == "reload" ? reloader.reload().message : "error: unknown command '\(command.prefix(40))' (known: reload)"
            }
        }
        let stopping = try server.run(signals: signals)
        admin?.close()
        staffLog?.close()
        // A running --on-booking command gets what is left of the 1.5 s the stop promises (at least
        // 0.2 s); one that has not finished then is stopped, logged and handed off again at the next start.
        booking.hook?.finish(within: max(0.2, configuration.shutdownGrace - stopping))
        return 0
    }
}
