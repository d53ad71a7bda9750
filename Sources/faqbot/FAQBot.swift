#if canImport(Glibc)
import Glibc
#endif
import FAQSearch
import FAQTransport

/// A subcommand of `faqbot`.
protocol Command: SendableMetatype {
    /// The word that selects it, e.g. "ask".
    static var name: String { get }
    /// One line for the command list.
    static var summary: String { get }
    /// The full `--help` text.
    static var help: String { get }
    /// Options that take a value.
    static var valueOptions: Set<String> { get }
    /// Options that take none.
    static var flagOptions: Set<String> { get }
    /// Runs the command; returns the exit status.
    static func run(_ arguments: Arguments) throws -> Int32
}

/// The entry point: picks the command, maps errors to messages and exit codes.
enum FAQBot {
    /// Every command; the first is the default when none is named.
    static let commands: [any Command.Type] = [
        ChatCommand.self, AskCommand.self, EvalCommand.self, ServeCommand.self, LoadtestCommand.self, BenchCommand.self, BookingsCommand.self,
        ReviewCommand.self, StatsCommand.self, ReloadCommand.self,
    ]

    static var usage: String {
        var text = "Usage: faqbot [COMMAND] [OPTIONS]\n\nThe question-answering assistant of the SMP clinic.\n\nCommands:\n"
        for command in commands {
            text += "  " + command.name.padding(toLength: 10) + command.summary + "\n"
        }
        text += "\nWithout a command, faqbot starts the chat. 'faqbot COMMAND --help' describes a command.\n"
        return text
    }

    /// Runs the command line (without the program name); returns the exit status.
    static func run(_ arguments: [String]) -> Int32 {
        var rest = arguments
        var command: any Command.Type = ChatCommand.self
        if let first = rest.first {
            if first == "--help" || first == "-h" || first == "help" {
                printOut(usage)
                return 0
            }
            if !first.hasPrefix("-") {
                guard let named = commands.first(where: { $0.name == first }) else {
                    printError("faqbot: unknown command '\(first)'\n\n" + usage)
                    return 2
                }
                command = named
                rest.removeFirst()
            }
        }
        do {
            let parsed = try Arguments(rest, valueOptions: command.valueOptions, flagOptions: command.flagOptions)
            if parsed.flag("help") {
                printOut(command.help)
                return 0
            }
            return try command.run(parsed)
        } catch let error as UsageError {
            printError("faqbot \(command.name): \(error.message)\n\n" + command.help)
            return 2
        } catch let error as StaffLogError {
            printError("faqbot: error: \(error.description)")
            return 1
        } catch let error as KnowledgeError {
            printError("faqbot: error: \(error.description)")
            return 1
        } catch {
            printError("faqbot: error: \(error)")
            return 1
        }
    }
}

/// Writes `text` and a newline to standard output.
func printOut(_ text: String) {
    try? writeAll(1, text.hasSuffix("\n") ? text : text + "\n")
}

/// Writes `text` and a newline to standard error, each line's control and format characters escaped
/// (an error can quote a file's content).
func printError(_ text: String) {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { TerminalSafeText.escaped(String($0)) }
    let safe = lines.joined(separator: "\n")
    try? writeAll(2, safe.hasSuffix("\n") ? safe : safe + "\n")
}

extension String {
    /// The string padded with spaces to at least `length` characters.
    func padding(toLength length: Int) -> String {
        count >= length ? self + " " : self + String(repeating: " ", count: length - count)
    }
}
