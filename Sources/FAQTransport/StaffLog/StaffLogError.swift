#if canImport(Glibc)
import Glibc
#endif

/// Why the staff's log (or the review's state) could not be opened, read or written.
public enum StaffLogError: Error, CustomStringConvertible {
    /// A system call on `path` failed.
    case systemCall(path: String, error: SystemCallError)
    /// The log directory does not exist (reading).
    case missingDirectory(path: String)
    /// `path` holds something that is not what it should be.
    case malformed(path: String, line: Int, reason: String)

    public var description: String {
        switch self {
        case .systemCall(let path, let error):
            return "\(path): \(String(cString: strerror(error.errno)).lowercased()) (\(error.call))"
        case .missingDirectory(let path):
            return "\(path): no such log directory (start chat or serve with --log-dir \(path) first)"
        case .malformed(let path, let line, let reason):
            return "\(path):\(line): \(reason)"
        }
    }
}
