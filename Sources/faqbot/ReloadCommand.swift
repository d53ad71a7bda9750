import FAQTransport

/// `faqbot reload`: asks a running `faqbot serve --admin-socket PATH` to reload its knowledge.
enum ReloadCommand: Command {
    static let name = "reload"
    static let summary = "make a running server reload knowledge/ (over its --admin-socket)"
    static let valueOptions: Set<String> = ["admin-socket", "timeout"]
    static let flagOptions: Set<String> = []
    static let help = """
    Usage: faqbot reload --admin-socket PATH [--timeout SECONDS]

    Asks the server started with 'faqbot serve --admin-socket PATH' to read knowledge/ again. The new
    knowledge is built in full and checked before it replaces the old one; conversations in progress go
    on. Prints the server's answer: what was loaded, or the file and line of a broken edit (the old
    knowledge then keeps serving, and the exit status is 1). Sending SIGHUP to the server does the same.

    Options:
      --admin-socket PATH      the server's admin socket (required)
      --timeout SECONDS        give up after this long (default: 120)
    """

    static func run(_ arguments: Arguments) throws -> Int32 {
        guard arguments.positionals.isEmpty else { throw UsageError("unexpected argument '\(arguments.positionals[0])'") }
        guard let path = arguments.value("admin-socket"), !path.isEmpty else { throw UsageError("--admin-socket PATH is required") }
        let timeout = try arguments.number("timeout", default: 120, in: 1...3600)
        let reply = try AdminSocket.send("reload", to: path, timeout: timeout)
        guard !reply.isEmpty else {
            printError("faqbot: error: \(path): the server closed the connection without an answer")
            return 1
        }
        printOut(reply)
        return reply.hasPrefix("reloaded") ? 0 : 1
    }
}
