import FAQDialogue
import FAQTransport

/// `faqbot [chat]`: the conversation on standard input and output.
enum ChatCommand: Command {
    static let name = "chat"
    static let summary = "chat on the terminal (the default)"
    static let valueOptions = AssistantOptions.valueOptions.union(["max-line"]).union(BookingOptions.valueOptions)
        .union(StaffLogOptions.valueOptions)
    static let flagOptions: Set<String> = ["json"]
    static let help = """
    Usage: faqbot [chat] [--json] [OPTIONS]

    Chat with the clinic's assistant. In a terminal it shows a prompt; through a pipe it prints one
    reply per question, so it can be scripted. Commands in the chat: /help, /book, /cancel, /reset, /quit.

    Options:
      --json                   print every reply as one line of JSON (schema in README.md)
      --max-line N             longest accepted input line in bytes (default: 4096)
    \(BookingOptions.help)
    \(StaffLogOptions.help)
    \(AssistantOptions.help)
    """

    static func run(_ arguments: Arguments) throws -> Int32 {
        guard arguments.positionals.isEmpty else {
            throw UsageError("unexpected argument '\(arguments.positionals[0])' (to ask one question: faqbot ask \"...\")")
        }
        let maximumLine = try arguments.integer("max-line", default: 4096, in: 16...1_048_576)
        // A person types slowly: the encoder reads the knowledge meanwhile. A script through pipes
        // sends its lines at once, so it pays only if a line needs the encoder.
        let assistant = try AssistantOptions.makeAssistant(arguments, encodingAtOnce: TerminalChat.isInteractive())
        let booking = try BookingOptions.makeSetup(arguments, assistant: assistant)
        let chat = TerminalChat(json: arguments.flag("json"), maximumLineLength: maximumLine)
        let log = try StaffLogOptions.makeWriter(arguments, booking: booking.configuration) { printError($0) }
        let session = Session(assistant: assistant, booking: booking.configuration)
        session.conversationLog = log
        let status = chat.run(session: session)
        session.endConversationLog()
        log?.close()
        // Let a running --on-booking command finish (it stops itself at its time limit); one that
        // still runs then is handed off again at the next start.
        booking.hook?.finish(within: booking.hook!.timeout + 2)
        return status
    }
}
