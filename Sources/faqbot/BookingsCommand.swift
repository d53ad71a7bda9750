import FAQDialogue
import FAQSearch
import FAQTransport
import Foundation

/// `faqbot bookings`: the journal for staff.
enum BookingsCommand: Command {
    static let name = "bookings"
    static let summary = "list the bookings in the journal"
    static let valueOptions: Set<String> = ["bookings", "since", "knowledge"]
    static let flagOptions: Set<String> = ["json", "pending"]
    static let help = """
    Usage: faqbot bookings [--bookings PATH] [--json] [--since DATE] [--pending]

    Lists the bookings in the journal, oldest first. Reads only: an incomplete last line is reported
    and left for the chat or server to move aside when it next starts. Control and format characters
    in a stored field (ESC, BEL, bidi overrides, ...) are shown escaped, as \u{1B}, never sent raw to
    the terminal.

    Options:
      --bookings PATH          booking journal (default: ./data/bookings.jsonl)
      --since DATE             only bookings received on or after DATE: YYYY-MM-DD, today or yesterday
                               (in the clinic's time zone, from clinic.conf)
      --json                   print the journal's lines as stored, one JSON object per booking
      --pending                only bookings whose --on-booking hand-off was never confirmed (PATH.handoff);
                               the chat or server hands them off again when it next starts with --on-booking
      --knowledge PATH         knowledge directory whose clinic.conf gives the time zone (default: as for chat)
    """

    static func run(_ arguments: Arguments) throws -> Int32 {
        guard arguments.positionals.isEmpty else { throw UsageError("unexpected argument '\(arguments.positionals[0])'") }
        let path = arguments.value("bookings") ?? BookingOptions.defaultPath
        let timeZone = try clinicTimeZone(arguments)
        let since = try arguments.value("since").map { try sinceDate($0, timeZone: timeZone) }
        let scan = try JournalScanner.read(path: path)
        if scan.tailLength > 0 {
            printError("faqbot bookings: \(path):\(scan.tailLine): the last \(scan.tailLength) bytes are not a complete "
                       + "booking (a crash while writing?); they will be moved aside when the chat or server next starts")
        }
        var candidates = scan.bookings
        if arguments.flag("pending") {
            let record = try HandOffRecord.read(journalPath: path)
            guard record.start != nil else {
                // With --json, standard output stays JSON lines only (none here).
                let message = "No hand-off record (\(HandOffRecord.path(forJournal: path))): no --on-booking command has run with this journal."
                if arguments.flag("json") { printError(message) } else { printOut(message) }
                return 0
            }
            candidates = HandOffRecord.pending(scan, record)
            if candidates.isEmpty && !arguments.flag("json") {
                printOut("No bookings waiting for hand-off: the --on-booking command confirmed every one.")
                return 0
            }
        }
        let entries = candidates.filter { entry in
            since.map { CivilDate(entry.booking.received, in: timeZone) >= $0 } ?? true
        }
        if arguments.flag("json") {
            for entry in entries { printOut(TerminalSafeText.escapedJSON(entry.line)) }
            return 0
        }
        guard !entries.isEmpty else {
            printOut(scan.bookings.isEmpty ? "No bookings in \(path)." : "No bookings received since \(since!.iso).")
            return 0
        }
        var rows = [["REFERENCE", "RECEIVED", "DATE", "TIME", "NAME", "PHONE", "NOTE"]]
        for entry in entries {
            let booking = entry.booking
            let request = booking.request
            rows.append([booking.reference, localTime(booking.received, timeZone: timeZone),
                         String(request.date.weekday.name.prefix(3)) + " " + request.date.iso,
                         request.time.description, request.name, request.phone, request.note ?? ""]
                .map(TerminalSafeText.escaped))
        }
        printOut(table(rows))
        printOut("\(entries.count) booking\(entries.count == 1 ? "" : "s")" + (arguments.flag("pending") ? " waiting for hand-off" : "")
                 + (since.map { " received since \($0.iso)" } ?? "")
                 + "; times in \(timeZone.identifier).")
        return 0
    }

    /// The clinic's time zone, from clinic.conf when the knowledge directory has one, else UTC.
    static func clinicTimeZone(_ arguments: Arguments) throws -> TimeZone {
        let directory = AssistantOptions.knowledgePath(arguments)
        let file = directory + "/clinic.conf"
        guard FileManager.default.fileExists(atPath: file) else { return TimeZone(identifier: "UTC")! }
        return try ClinicSchedule.parse(try KnowledgeLoader.readText(file), file: file).timeZone
    }

    /// `--since`: YYYY-MM-DD, today or yesterday.
    static func sinceDate(_ text: String, timeZone: TimeZone) throws -> CivilDate {
        // FAQBOT_NOW fixes "today" for tests, as in the chat.
        let today = CivilDate(try BookingOptions.clock()(), in: timeZone)
        switch text.lowercased() {
        case "today": return today
        case "yesterday": return today.adding(days: -1)
        default:
            guard let date = CivilDate(iso: text) else {
                throw UsageError("--since must be YYYY-MM-DD, today or yesterday, not '\(text)'")
            }
            return date
        }
    }

    /// `2026-12-01 10:15` in `timeZone`.
    static func localTime(_ instant: Date, timeZone: TimeZone) -> String {
        let shifted = instant.addingTimeInterval(TimeInterval(timeZone.secondsFromGMT(for: instant)))
        let stamp = Booking.timestamp(shifted)
        return String(stamp.prefix(10)) + " " + String(stamp.dropFirst(11).prefix(5))
    }

    /// Columns padded to their widest cell; the last one is not padded.
    static func table(_ rows: [[String]]) -> String {
        let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - cell.count + 2)
            }.joined().trimmingTrailingSpaces()
        }.joined(separator: "\n")
    }
}

private extension String {
    func trimmingTrailingSpaces() -> String {
        var result = self
        while result.last == " " { result.removeLast() }
        return result
    }
}
