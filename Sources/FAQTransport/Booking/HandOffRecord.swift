#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The journal's outbox: which bookings the `--on-booking` command confirmed (exited 0), kept in
/// `JOURNAL.handoff` beside the journal, so a hand-off that never finished (a stop, a crash, a failing
/// command) is retried at the next start and `faqbot bookings --pending` can list it.
///
/// The file is created (mode 0600) the first time the program starts with `--on-booking`; its first
/// line `start N` says that the journal's first N bookings came before hand-off was tracked and are
/// never sent. Each confirmation appends `done REFERENCE` and is fdatasync'd. Every later booking
/// without a `done` line is pending, including one stored while the program ran without
/// `--on-booking`. Hand-off is at least once: a command stopped half-way is run again.
public final class HandOffRecord: @unchecked Sendable {
    // @unchecked: the descriptor and `confirmed` are only touched under `lock`.
    /// The outbox file.
    public let path: String
    private let log: @Sendable (String) -> Void
    private let lock = PosixLock()
    private var descriptor: Int32 = -1
    private var confirmed: Set<String>

    /// What the file says.
    public struct Contents: Sendable, Equatable {
        /// Bookings in the journal before tracking began (nil: no record yet).
        public var start: Int?
        /// References the command confirmed.
        public var done: Set<String>
    }

    /// The outbox of the journal at `journalPath`.
    public static func path(forJournal journalPath: String) -> String { journalPath + ".handoff" }

    /// Reads the record beside `journalPath`; a missing file is "not tracked yet".
    public static func read(journalPath: String) throws(BookingJournalError) -> Contents {
        let path = Self.path(forJournal: journalPath)
        let fd: Int32
        do {
            fd = try systemCall("open") { open(path, O_RDONLY | O_CLOEXEC) }.value
        } catch where error.errno == ENOENT {
            return Contents(start: nil, done: [])
        } catch {
            throw .unreadable(path: path, reason: error.description)
        }
        defer { close(fd) }
        let bytes: [UInt8]
        do { bytes = try JournalFiles.readAll(fd) } catch { throw .unreadable(path: path, reason: error.description) }
        return parse(bytes)
    }

    /// Complete lines only (a torn last line is a confirmation that never became durable).
    public static func parse(_ bytes: [UInt8]) -> Contents {
        var contents = Contents(start: nil, done: [])
        let complete = bytes.lastIndex(of: UInt8(ascii: "\n")).map { bytes[...$0] } ?? []
        for line in complete.split(separator: UInt8(ascii: "\n")) {
            let text = String(decoding: line, as: UTF8.self)
            if text.hasPrefix("start "), contents.start == nil, let count = Int(text.dropFirst(6)) {
                contents.start = count
            } else if text.hasPrefix("done ") {
                contents.done.insert(String(text.dropFirst(5)))
            }
        }
        return contents
    }

    /// The bookings of `scan` whose hand-off is not confirmed in `contents`.
    public static func pending(_ scan: JournalScanner.Scan, _ contents: Contents) -> [JournalScanner.Entry] {
        guard let start = contents.start else { return [] }
        return scan.bookings.dropFirst(start).filter { !contents.done.contains($0.booking.reference) }
    }

    /// Opens the record for the journal at `journalPath`, creating it with `start bookingsNow` when it
    /// does not exist yet.
    public init(journalPath: String, bookingsNow: Int,
                log: @escaping @Sendable (String) -> Void = BookingJournal.standardErrorLog) throws(BookingJournalError) {
        path = Self.path(forJournal: journalPath)
        self.log = log
        confirmed = try Self.read(journalPath: journalPath).done
        do {
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty { try JournalFiles.createDirectories(directory) }
            let (fd, created) = try JournalFiles.openAppending(path)
            descriptor = fd
            try systemCall("fchmod") { fchmod(fd, 0o600) }
            if created {
                try JournalFiles.write(fd, Array("start \(bookingsNow)\n".utf8))
                try systemCall("fdatasync") { fdatasync(fd) }
                try JournalFiles.syncDirectory(of: path)
            }
        } catch {
            throw .cannotOpen(path: path, error: error)
        }
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// Records durably that the command confirmed `reference`. A failure is logged: the booking then
    /// counts as pending and is handed off again at the next start.
    public func confirm(_ reference: String) {
        lock.withLock {
            guard !confirmed.contains(reference) else { return }
            do throws(SystemCallError) {
                try JournalFiles.write(descriptor, Array("done \(reference)\n".utf8))
                try systemCall("fdatasync") { fdatasync(descriptor) }
                confirmed.insert(reference)
            } catch {
                log("\(path): recording the hand-off of booking \(reference) failed: \(error); it will be handed off again at the next start")
            }
        }
    }
}
