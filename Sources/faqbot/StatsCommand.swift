import FAQDialogue
import FAQTransport
import Foundation

/// `faqbot stats`: each day's questions, answers, bookings and safety replies from the staff's log.
enum StatsCommand: Command {
    static let name = "stats"
    static let summary = "per-day statistics from the log (--log-dir), as a table or an HTML page"
    static let valueOptions: Set<String> = ["log-dir", "since", "html"]
    static let flagOptions: Set<String> = []
    static let help = """
    Usage: faqbot stats --log-dir DIR [--since YYYY-MM-DD] [--html FILE]

    Prints, per day of the log that 'faqbot chat' or 'faqbot serve' wrote with --log-dir: questions,
    answered (and the share), "did you mean", "I don't know", other treatments, suggestions picked,
    bookings, crisis and complication replies and the median confidence of answers; then a bar chart and
    the most asked entries.

    Options:
      --log-dir DIR            the log directory (required)
      --since YYYY-MM-DD       only this day and later
      --html FILE              also write the same as one self-contained HTML page with SVG charts
    """

    static func run(_ arguments: Arguments) throws -> Int32 {
        guard arguments.positionals.isEmpty else { throw UsageError("unexpected argument '\(arguments.positionals[0])'") }
        let directory = try logDirectory(arguments)
        let contents = try StaffLogContents.read(directory: directory, since: try since(arguments))
        let report = StatsReport(days: Array(contents.days.values))
        printOut(report.text())
        if contents.skippedLines > 0 { printError("note: \(contents.skippedLines) line(s) of the log could not be read and were skipped") }
        if let file = arguments.value("html") {
            do {
                try Data(report.html().utf8).write(to: URL(fileURLWithPath: file), options: .atomic)
            } catch {
                printError("faqbot: error: \(file): cannot write the page: \(error.localizedDescription)")
                return 1
            }
            printOut("wrote \(file)")
        }
        return 0
    }

    /// `--log-dir`, required.
    static func logDirectory(_ arguments: Arguments) throws(UsageError) -> String {
        guard let directory = arguments.value("log-dir"), !directory.isEmpty else { throw UsageError("--log-dir DIR is required") }
        return directory
    }

    /// `--since`, checked.
    static func since(_ arguments: Arguments) throws(UsageError) -> String? {
        guard let since = arguments.value("since") else { return nil }
        guard StaffLogFiles.isDay(since) else { throw UsageError("--since takes a day such as 2026-12-01, not '\(since)'") }
        return since
    }
}
