import Foundation
import FAQTransport

/// `faqbot loadtest`: measures a line server's replies per second and latency.
enum LoadtestCommand: Command {
    static let name = "loadtest"
    static let summary = "measure a line server (faqbot serve --json, redis-server PING)"
    static let valueOptions: Set<String> = [
        "host", "port", "connections", "duration", "questions", "greeting-lines", "threads", "websocket",
    ]
    static let flagOptions: Set<String> = ["idle", "unique"]
    static let help = """
    Usage: faqbot loadtest --port P [--host 127.0.0.1] [--connections 64] [--duration 10]
                           [--questions FILE] [--greeting-lines K] [--threads 1] [--idle] [--unique]
                           [--websocket /chat]

    Opens N connections to a server that answers one line per line; each sends a line, waits for one
    reply line, and repeats. Prints replies per second, latency p50/p90/p99/max and errors.

    Options:
      --host ADDRESS        server address (default: 127.0.0.1)
      --port N              server port (required)
      --connections N       connections (default: 64)
      --duration SECONDS    how long to measure (default: 10)
      --questions FILE      lines to send: one per line, or a .tsv whose first column is taken (a header
                            row 'question' and '#' comments are skipped); default: PING
      --greeting-lines K    lines the server sends on connect, skipped (faqbot: 1; redis: 0; default: 0)
      --threads N           client threads (default: 1)
      --idle                only open the connections and hold them for the duration (for memory tests)
      --unique              make every line unique with a tail of '.' and '!' (a counter in binary) that
                            the assistant ignores, so no reply comes from a cache
      --websocket PATH      speak WebSocket on PATH (faqbot serve --http-port's /chat): one text message
                            per line and per reply
    """

    static func run(_ arguments: Arguments) throws -> Int32 {
        guard arguments.positionals.isEmpty else {
            throw UsageError("unexpected argument '\(arguments.positionals[0])'")
        }
        guard arguments.value("port") != nil else { throw UsageError("--port is required") }
        var configuration = LoadGenerator.Configuration()
        configuration.host = arguments.value("host") ?? configuration.host
        guard Socket.address(host: configuration.host, port: 0) != nil else {
            throw UsageError("--host must be an IPv4 address, not '\(configuration.host)'")
        }
        configuration.port = try arguments.integer("port", default: 0, in: 1...65535)
        configuration.connections = try arguments.integer("connections", default: 64, in: 1...100_000)
        configuration.duration = try arguments.number("duration", default: 10, in: 0.1...86_400)
        configuration.greetingLines = try arguments.integer("greeting-lines", default: 0, in: 0...1000)
        configuration.threads = try arguments.integer("threads", default: 1, in: 1...64)
        configuration.idle = arguments.flag("idle")
        configuration.unique = arguments.flag("unique")
        if let path = arguments.value("websocket") {
            guard path.hasPrefix("/") else { throw UsageError("--websocket takes a path such as /chat, not '\(path)'") }
            configuration.webSocketPath = path
        }
        if let path = arguments.value("questions") {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw UsageError("cannot read the questions file '\(path)'")
            }
            configuration.questions = QuestionList.parse(String(decoding: data, as: UTF8.self))
            guard !configuration.questions.isEmpty else { throw UsageError("no questions in '\(path)'") }
        }
        let report = try LoadGenerator.run(configuration) { printOut($0) }
        printOut(report.summary)
        return report.errors == 0 ? 0 : 1
    }
}
