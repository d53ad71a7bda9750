#if canImport(Glibc)
import Glibc
#endif
import FAQDialogue
import Foundation

/// Reads a journal and classifies its lines: bookings, blank lines, an incomplete tail (a crash
/// while writing the last record), or damage in the middle.
public enum JournalScanner {
    /// One booking and the exact line it was read from.
    public struct Entry: Sendable {
        /// The booking.
        public var booking: Booking
        /// Its JSON line, without the newline.
        public var line: String
        /// Its 1-based line number.
        public var number: Int
    }

    /// What a journal holds.
    public struct Scan: Sendable {
        /// Every booking, in the order written.
        public var bookings: [Entry] = []
        /// Bytes up to the end of the last good line.
        public var goodLength = 0
        /// Bytes after it that are not a complete record (0: none).
        public var tailLength = 0
        /// The line number where that tail starts.
        public var tailLine = 0
        /// Where the tail was moved (`recover` only).
        public var setAsidePath: String?
        /// Its size (`recover` only).
        public var setAsideBytes = 0
    }

    /// Reads the journal at `path` without changing it. A missing file is an empty journal. A damaged
    /// line followed by a good one throws `damagedLine`; damage only at the end is reported as the tail.
    public static func read(path: String) throws(BookingJournalError) -> Scan {
        let fd: Int32
        do {
            guard case .done(let opened) = try systemCall("open", { open(path, O_RDONLY | O_CLOEXEC) }) else { return Scan() }
            fd = opened
        } catch where error.errno == ENOENT || error.errno == ENOTDIR {
            return Scan()
        } catch {
            throw .unreadable(path: path, reason: error.description)
        }
        defer { close(fd) }
        return try scan(fd: fd, path: path)
    }

    /// Like `read`, then moves an incomplete tail aside into `PATH.torn-YYYYMMDDTHHMMSSZ`, cuts it off
    /// the journal and fsyncs both, so the journal ends with a complete line and stays appendable.
    static func recover(path: String, log: @Sendable (String) -> Void) throws(BookingJournalError) -> Scan {
        let fd: Int32
        do {
            guard case .done(let opened) = try systemCall("open", { open(path, O_RDWR | O_CLOEXEC) }) else { return Scan() }
            fd = opened
        } catch where error.errno == ENOENT || error.errno == ENOTDIR {
            // Not there yet; if it cannot be created either, bookings fail and patients are told.
            return Scan()
        } catch where error.errno == EACCES || error.errno == EROFS {
            // Readable but not writable: check it; bookings will fail until it is writable.
            let result = try read(path: path)
            if result.tailLength > 0 {
                throw .cannotSetAside(path: path, error: SystemCallError(call: "open", errno: error.errno))
            }
            return result
        } catch {
            throw .unreadable(path: path, reason: error.description)
        }
        defer { close(fd) }
        var result = try scan(fd: fd, path: path)
        guard result.tailLength > 0 else { return result }
        do throws(SystemCallError) {
            let bytes = try JournalFiles.readAt(fd, count: result.tailLength, offset: result.goodLength)
            guard bytes.count == result.tailLength else { throw SystemCallError(call: "pread", errno: EIO) }
            let stamp = Booking.timestamp(Date()).filter { $0 != "-" && $0 != ":" }
            var target = path + ".torn-" + stamp
            var suffix = 1
            while access(target, F_OK) == 0 {
                suffix += 1
                target = path + ".torn-" + stamp + "-\(suffix)"
            }
            try JournalFiles.writeNewFile(target, bytes[...])
            try JournalFiles.syncDirectory(of: target)
            try systemCall("ftruncate") { ftruncate(fd, off_t(result.goodLength)) }
            try systemCall("fsync") { fsync(fd) }
            log("\(path):\(result.tailLine): the last \(result.tailLength) bytes were an incomplete booking record "
                + "(probably a crash while writing it; that patient was never told it was booked); moved aside to \(target)")
            result.setAsidePath = target
            result.setAsideBytes = result.tailLength
            return result
        } catch {
            throw .cannotSetAside(path: path, error: error)
        }
    }

    private static func scan(fd: Int32, path: String) throws(BookingJournalError) -> Scan {
        var status = stat()
        guard fstat(fd, &status) == 0 else { throw .unreadable(path: path, reason: "fstat failed") }
        if (status.st_mode & S_IFMT) == S_IFDIR { throw .unreadable(path: path, reason: "it is a directory") }
        // A device (e.g. /dev/null in a test) has no records to read.
        guard (status.st_mode & S_IFMT) == S_IFREG else { return Scan() }
        let bytes: [UInt8]
        do { bytes = try JournalFiles.readAll(fd) } catch { throw .unreadable(path: path, reason: error.description) }
        return try classify(bytes, path: path)
    }

    /// Splits `bytes` into lines and classifies them (see `read`).
    public static func classify(_ bytes: [UInt8], path: String) throws(BookingJournalError) -> Scan {
        var result = Scan()
        var firstBad: (line: Int, offset: Int, reason: String)? = nil
        var lineStart = 0
        var number = 0
        let newline = UInt8(ascii: "\n")
        while lineStart < bytes.count {
            number += 1
            let end = bytes[lineStart...].firstIndex(of: newline)
            let lineEnd = end ?? bytes.count
            let content = bytes[lineStart..<lineEnd]
            let nextStart = end.map { $0 + 1 } ?? bytes.count
            if content.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) && end != nil {
                lineStart = nextStart
                if firstBad == nil { result.goodLength = nextStart }
                continue
            }
            let outcome: Result<Booking, BookingRecord.RecordError>
            if end == nil {
                outcome = .failure(BookingRecord.RecordError(reason: "no newline at the end"))
            } else if let text = String(validating: content, as: UTF8.self) {
                outcome = BookingRecord.decode(Substring(text))
            } else {
                outcome = .failure(BookingRecord.RecordError(reason: "not valid UTF-8"))
            }
            switch outcome {
            case .success(let booking):
                if let bad = firstBad {
                    throw .damagedLine(path: path, line: bad.line, reason: bad.reason)
                }
                result.bookings.append(Entry(booking: booking, line: String(decoding: content, as: UTF8.self), number: number))
                result.goodLength = nextStart
            case .failure(let error):
                if firstBad == nil { firstBad = (number, lineStart, error.reason) }
            }
            lineStart = nextStart
        }
        if let bad = firstBad {
            result.tailLength = bytes.count - bad.offset
            result.tailLine = bad.line
            result.goodLength = bad.offset
        }
        return result
    }
}
