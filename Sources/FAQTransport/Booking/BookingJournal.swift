#if canImport(Glibc)
import Glibc
#endif
import FAQDialogue
import Foundation

/// The durable, append-only record of bookings: one JSON line per booking (`Booking.json`).
///
/// - Created on the first booking (or at start-up by `openNow`, as the server does), mode 0600, in
///   a directory created 0700; the directory is fsync'd after creating the file.
/// - Each booking is one `write` of its line on an `O_APPEND` descriptor, then `fdatasync`; only then
///   does `store` return and the patient hear "booked". A failed write is cut off again with
///   `ftruncate`; a failed fdatasync is never retried: the journal refuses bookings until restart.
/// - Safe for concurrent callers (a lock) and for other processes appending to the same file
///   (`flock`, and lines they added are read for their references before each append).
/// - At start-up (`init`) an existing journal is checked: an incomplete last line is moved aside
///   into `PATH.torn-TIMESTAMP` and cut off; a damaged line followed by good ones is an error.
public final class BookingJournal: BookingStore, @unchecked Sendable {
    /// Where the journal is.
    public let path: String
    /// What start-up found.
    public let recovery: Recovery
    /// Messages for the operator (no personal data), e.g. to standard error.
    let log: @Sendable (String) -> Void
    let references: ReferenceGenerator
    /// `fdatasync`, replaceable in tests to simulate a failing disk.
    let sync: @Sendable (Int32) -> Int32

    /// Guards everything below.
    private let lock = NSLock()
    private var descriptor: Int32 = -1
    private var isRegularFile = true
    private var knownSize: Int = 0
    private var taken: Set<String>
    private var poisoned = false

    /// What start-up found in an existing journal.
    public struct Recovery: Sendable, Equatable {
        /// Bookings in the journal.
        public var bookings: Int
        /// Where an incomplete last line was moved, if there was one.
        public var setAsidePath: String?
        /// Its size in bytes.
        public var setAsideBytes: Int
    }

    /// Opens the journal at `path`, checking and repairing an existing one (see the type's notes).
    /// Nothing is created until the first booking or `openNow`.
    public init(path: String, references: ReferenceGenerator = ReferenceGenerator(),
                log: @escaping @Sendable (String) -> Void = BookingJournal.standardErrorLog,
                sync: @escaping @Sendable (Int32) -> Int32 = { fdatasync($0) }) throws(BookingJournalError) {
        self.path = path
        self.references = references
        self.log = log
        self.sync = sync
        let scan = try JournalScanner.recover(path: path, log: log)
        recovery = Recovery(bookings: scan.bookings.count, setAsidePath: scan.setAsidePath, setAsideBytes: scan.setAsideBytes)
        taken = Set(scan.bookings.map(\.booking.reference))
        knownSize = scan.goodLength
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Opens (creating if needed) the journal now rather than at the first booking, so a server whose
    /// connections later use every descriptor can still store bookings. A failure is logged and the
    /// journal tries again at the next booking.
    public func openNow() {
        lock.lock()
        defer { lock.unlock() }
        do throws(BookingJournalError) {
            _ = try openForAppending()
        } catch {
            log(error.description + "; bookings will be refused until it can be opened")
        }
    }

    /// Writes stderr lines.
    public static let standardErrorLog: @Sendable (String) -> Void = { message in
        try? writeAll(2, "faqbot: " + TerminalSafeText.escaped(message) + "\n")
    }

    /// Stores `request` under a new reference; returns once the line is on disk (fdatasync'd).
    public func store(_ request: BookingRequest, received: Date) throws -> Booking {
        lock.lock()
        defer { lock.unlock() }
        guard !poisoned else {
            log("\(path): a booking was refused: the journal is unavailable after an earlier fdatasync failure")
            throw BookingJournalError.unavailable(path: path)
        }
        do {
            let fd = try openForAppending()
            if isRegularFile { try? JournalFiles.lock(fd, LOCK_EX) }
            defer { if isRegularFile { try? JournalFiles.lock(fd, LOCK_UN) } }
            let start = try catchUp(fd)
            let booking = Booking(reference: references.next(avoiding: taken), received: received, request: request)
            let line = Array((booking.json + "\n").utf8)
            do throws(SystemCallError) {
                try JournalFiles.write(fd, line)
            } catch {
                // Cut off whatever part reached the file, so the next booking starts a clean line.
                if isRegularFile, (try? systemCall("ftruncate") { ftruncate(fd, off_t(start)) }) == nil { poison(fd) }
                throw BookingJournalError.writeFailed(path: path, error: error)
            }
            do throws(SystemCallError) {
                try systemCall("fdatasync") { sync(fd) }
            } catch {
                poison(fd)
                throw BookingJournalError.syncFailed(path: path, error: error)
            }
            knownSize = start + line.count
            taken.insert(booking.reference)
            return booking
        } catch let error as BookingJournalError {
            log(error.description + " (the patient was told the booking was not saved)")
            throw error
        }
    }

    /// Stops using the descriptor for good: after a failed fsync the kernel may have dropped the
    /// pages, and a later fsync could report success without writing them.
    private func poison(_ fd: Int32) {
        poisoned = true
        if isRegularFile { try? JournalFiles.lock(fd, LOCK_UN) }
        close(fd)
        descriptor = -1
    }

    /// The append descriptor, opening (and creating) the journal on first use.
    private func openForAppending() throws(BookingJournalError) -> Int32 {
        if descriptor >= 0 { return descriptor }
        do {
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty { try JournalFiles.createDirectories(directory) }
            let (fd, created) = try JournalFiles.openAppending(path)
            var status = stat()
            try systemCall("fstat") { fstat(fd, &status) }
            isRegularFile = (status.st_mode & S_IFMT) == S_IFREG
            if isRegularFile {
                // An existing file keeps its old mode unless told otherwise.
                try systemCall("fchmod") { fchmod(fd, 0o600) }
            }
            if created { try JournalFiles.syncDirectory(of: path) }
            descriptor = fd
            return fd
        } catch {
            throw .cannotOpen(path: path, error: error)
        }
    }

    /// Reads lines other processes appended since we last looked, for their references; returns the
    /// file's size, where our line will start.
    private func catchUp(_ fd: Int32) throws(BookingJournalError) -> Int {
        guard isRegularFile else { return knownSize }
        var status = stat()
        guard (try? systemCall("fstat") { fstat(fd, &status) }) != nil else { return knownSize }
        let size = Int(status.st_size)
        if size < knownSize { knownSize = 0 } // replaced or truncated by hand: read it all again
        if size > knownSize {
            if let bytes = try? JournalFiles.readAt(fd, count: size - knownSize, offset: knownSize) {
                for line in bytes.split(separator: UInt8(ascii: "\n")) {
                    if case .success(let booking) = BookingRecord.decode(Substring(decoding: line, as: UTF8.self)) {
                        taken.insert(booking.reference)
                    }
                }
            }
        }
        knownSize = size
        return size
    }
}
