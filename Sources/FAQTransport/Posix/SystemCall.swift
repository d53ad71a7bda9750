#if canImport(Glibc)
import Glibc
#endif

/// A failed system call: which one and the errno it set.
public struct SystemCallError: Error, Equatable, CustomStringConvertible {
    /// The call's name, e.g. "write".
    public let call: String
    /// The errno value.
    public let errno: Int32

    /// Creates an error.
    public init(call: String, errno: Int32) {
        self.call = call
        self.errno = errno
    }

    public var description: String { "\(call) failed: \(String(cString: strerror(errno))) (errno \(errno))" }
}

/// The result of a call on a non-blocking descriptor.
public enum IOResult<Value: Sendable>: Sendable {
    /// The call did its work.
    case done(Value)
    /// The call would block (EAGAIN / EWOULDBLOCK): try again when the descriptor is ready.
    case wouldBlock
}

/// Runs a system call, retrying on EINTR; the only place that reads `errno`.
///
/// Returns `.wouldBlock` on EAGAIN, throws `SystemCallError` on any other failure.
@discardableResult
public func systemCall<T: BinaryInteger & Sendable>(_ name: String, _ body: () -> T) throws(SystemCallError) -> IOResult<T> {
    while true {
        let result = body()
        if result >= 0 { return .done(result) }
        let code = errno
        if code == EINTR { continue }
        if code == EAGAIN || code == EWOULDBLOCK { return .wouldBlock }
        throw SystemCallError(call: name, errno: code)
    }
}

/// Writes all of `bytes`, looping on short writes; on a non-blocking descriptor that is full
/// (EAGAIN) it waits in `poll` for writability instead of spinning.
public func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws(SystemCallError) {
    var offset = 0
    while offset < bytes.count {
        let result = try systemCall("write") { write(fd, bytes.baseAddress! + offset, bytes.count - offset) }
        switch result {
        case .done(let written): offset += written
        case .wouldBlock:
            var poller = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            try systemCall("poll") { poll(&poller, 1, -1) }
        }
    }
}

/// Writes all of `text` (UTF-8) to a blocking descriptor.
public func writeAll(_ fd: Int32, _ text: String) throws(SystemCallError) {
    try writeAll(fd, Array(text.utf8))
}

/// Writes all of `bytes` to a blocking descriptor.
public func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws(SystemCallError) {
    var failure: SystemCallError? = nil
    bytes.withUnsafeBytes { buffer in
        do throws(SystemCallError) { try writeAll(fd, buffer) } catch { failure = error }
    }
    if let failure { throw failure }
}
