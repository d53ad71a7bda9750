import FAQDialogue
import FAQSearch
import FAQTransport
import Foundation

/// The booking options the chat and the server share: where the journal is and the staff's hook.
enum BookingOptions {
    static let valueOptions: Set<String> = ["bookings", "on-booking", "on-booking-timeout"]

    /// The journal used when `--bookings` is not given.
    static let defaultPath = "data/bookings.jsonl"

    static let help = """
      --bookings PATH          booking journal, JSON lines (default: ./data/bookings.jsonl, created 0600 on
                               the first booking; serve opens it at start-up)
      --on-booking CMD         after each stored booking run CMD (with sh -c), the booking's JSON on stdin
      --on-booking-timeout S   stop CMD after S seconds (default: 30); which bookings CMD confirmed (exit 0)
                               is kept in PATH.handoff, and the others are handed off again at the next start
    """

    /// Everything the sessions need to take bookings, and the hook to wait for before exiting.
    struct Setup {
        let configuration: BookingConfiguration
        let journal: BookingJournal
        let hook: BookingHook?
    }

    /// Reads `clinic.conf`, checks (and if needed repairs) the journal, and builds the hand-off.
    /// Throws `KnowledgeError` for a bad clinic.conf and `BookingJournalError` for a damaged journal.
    static func makeSetup(_ arguments: Arguments, assistant: Assistant) throws -> Setup {
        let schedule = try clinicSchedule(assistant.knowledge, directory: AssistantOptions.knowledgePath(arguments))
        let path = arguments.value("bookings") ?? defaultPath
        guard !path.isEmpty else { throw UsageError("--bookings needs a file path") }
        let timeout = try arguments.number("on-booking-timeout", default: 30, in: 0.1...3600)
        let journal = try BookingJournal(path: path)
        let hook = try arguments.value("on-booking").map { command in
            try makeHook(command: command, timeout: timeout, journal: journal)
        }
        let configuration = BookingConfiguration(store: BookingHandOff(journal: journal, hook: hook),
                                                 schedule: schedule, clock: try clock())
        return Setup(configuration: configuration, journal: journal, hook: hook)
    }

    /// The hook with its hand-off record (`JOURNAL.handoff`), already handing off again the bookings
    /// whose hand-off was never confirmed.
    static func makeHook(command: String, timeout: Double, journal: BookingJournal) throws -> BookingHook {
        let scan = try JournalScanner.read(path: journal.path)
        let record: HandOffRecord
        do {
            record = try HandOffRecord(journalPath: journal.path, bookingsNow: scan.bookings.count)
        } catch {
            // Bookings still work (the journal decides); only the retry of unfinished hand-offs is lost.
            BookingJournal.standardErrorLog("\(error); hand-offs that do not finish will not be retried")
            return BookingHook(command: command, timeout: timeout)
        }
        let hook = BookingHook(command: command, timeout: timeout, record: record)
        let pending = HandOffRecord.pending(scan, try HandOffRecord.read(journalPath: journal.path))
        if !pending.isEmpty {
            BookingJournal.standardErrorLog("handing off again \(pending.count) booking(s) whose --on-booking command never "
                                            + "confirmed: " + pending.map(\.booking.reference).joined(separator: ", "))
        }
        for entry in pending { hook.run(reference: entry.booking.reference, line: entry.line) }
        return hook
    }

    /// The schedule from the knowledge's `clinic.conf`, or the default one when there is none.
    static func clinicSchedule(_ knowledge: KnowledgeBase, directory: String) throws(KnowledgeError) -> ClinicSchedule {
        guard let text = knowledge.otherFiles["clinic.conf"] else { return ClinicSchedule() }
        return try ClinicSchedule.parse(text, file: directory + "/clinic.conf")
    }

    /// The real clock, or the fixed instant in `FAQBOT_NOW` (`2026-12-01T10:00:00Z`) for tests.
    static func clock() throws -> @Sendable () -> Date {
        guard let fixed = AssistantOptions.environment()["FAQBOT_NOW"], !fixed.isEmpty else { return { Date() } }
        guard let instant = Booking.instant(fromTimestamp: fixed) else {
            throw UsageError("FAQBOT_NOW must be a UTC time such as 2026-12-01T10:00:00Z, not '\(fixed)'")
        }
        return { instant }
    }
}
