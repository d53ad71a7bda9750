#if canImport(Glibc)
import Glibc
#endif

/// Why the booking journal could not be opened, read or written. Descriptions name the file, the line
/// and the system error, never a patient's details.
public enum BookingJournalError: Error, Equatable, CustomStringConvertible {
    /// A complete line before the end of the journal is not a booking: start-up stops rather than
    /// skip bookings.
    case damagedLine(path: String, line: Int, reason: String)
    /// The journal exists but could not be read, or is a directory.
    case unreadable(path: String, reason: String)
    /// The journal (or its directory) could not be created or opened for appending.
    case cannotOpen(path: String, error: SystemCallError)
    /// Writing a booking failed (full disk, I/O error); the booking is not stored.
    case writeFailed(path: String, error: SystemCallError)
    /// fdatasync failed: the booking may not be on disk. The journal refuses bookings until restart.
    case syncFailed(path: String, error: SystemCallError)
    /// An earlier fdatasync failed; bookings are refused until the program is restarted.
    case unavailable(path: String)
    /// The incomplete last line could not be moved aside at start-up.
    case cannotSetAside(path: String, error: SystemCallError)

    public var description: String {
        switch self {
        case .damagedLine(let path, let line, let reason):
            return "\(path):\(line): damaged booking record (\(reason)); later lines hold bookings, so the journal "
                + "was not opened. Repair or remove that line by hand (keep a copy), then start again"
        case .unreadable(let path, let reason):
            return "\(path): cannot read the booking journal: \(reason)"
        case .cannotOpen(let path, let error):
            return "\(path): cannot open the booking journal for appending: \(error)"
        case .writeFailed(let path, let error):
            return "\(path): writing a booking failed: \(error)"
        case .syncFailed(let path, let error):
            return "\(path): fdatasync of the booking journal failed: \(error); bookings are refused until restart"
        case .unavailable(let path):
            return "\(path): the booking journal is unavailable after an earlier fdatasync failure; restart to retry"
        case .cannotSetAside(let path, let error):
            return "\(path): cannot move the incomplete last line aside: \(error)"
        }
    }
}
