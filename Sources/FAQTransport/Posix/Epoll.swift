#if canImport(Glibc)
import Glibc
#endif
import CSystemLinux

/// One epoll instance, level-triggered; each registration carries the descriptor as its data.
///
/// Not thread-safe: owned by one event-loop thread.
public final class Epoll {
    /// What to wait for.
    public struct Interest: OptionSet, Sendable {
        /// The EPOLL* bits.
        public let rawValue: UInt32
        /// Interest from EPOLL* bits.
        public init(rawValue: UInt32) { self.rawValue = rawValue }
        /// Readable (or end of input, or an error).
        public static let readable = Interest(rawValue: EPOLLIN.rawValue)
        /// Writable.
        public static let writable = Interest(rawValue: EPOLLOUT.rawValue)
        /// Only one of the epoll instances sharing this descriptor is woken (shared listeners).
        public static let exclusive = Interest(rawValue: EPOLLEXCLUSIVE.rawValue)
    }

    /// A readiness report.
    public struct Event: Sendable {
        /// The descriptor.
        public let fd: Int32
        /// Readable, or hung up / failed (a read tells which).
        public let isReadable: Bool
        /// Writable.
        public let isWritable: Bool
    }

    /// The epoll descriptor.
    public let fd: Int32
    private var events: [epoll_event]

    /// Creates an epoll instance reporting up to `capacity` events per wait.
    public init(capacity: Int = 256) throws(SystemCallError) {
        fd = try systemCall("epoll_create1") { epoll_create1(Int32(EPOLL_CLOEXEC)) }.value
        events = Array(repeating: epoll_event(), count: capacity)
    }

    deinit { Glibc.close(fd) }

    /// Starts watching `descriptor`.
    public func add(_ descriptor: Int32, _ interest: Interest) throws(SystemCallError) {
        try control(EPOLL_CTL_ADD, descriptor, interest)
    }

    /// Changes what `descriptor` is watched for.
    public func modify(_ descriptor: Int32, _ interest: Interest) throws(SystemCallError) {
        try control(EPOLL_CTL_MOD, descriptor, interest)
    }

    /// Stops watching `descriptor` (closing it does too).
    public func remove(_ descriptor: Int32) {
        _ = try? control(EPOLL_CTL_DEL, descriptor, [])
    }

    /// Waits up to `timeoutMilliseconds` (-1: forever) and calls `body` for each ready descriptor.
    public func wait(timeoutMilliseconds: Int32, _ body: (Event) -> Void) throws(SystemCallError) {
        let result = events.withUnsafeMutableBufferPointer { buffer in
            Result { () throws(SystemCallError) in
                try systemCall("epoll_wait") { epoll_wait(fd, buffer.baseAddress, Int32(buffer.count), timeoutMilliseconds) }
            }
        }
        guard case .done(let count) = try result.get() else { return }
        for index in 0..<Int(count) {
            let event = events[index]
            let flags = event.events
            let errorFlags = EPOLLERR.rawValue | EPOLLHUP.rawValue | EPOLLRDHUP.rawValue
            events[index] = epoll_event()
            body(Event(fd: event.data.fd,
                       isReadable: flags & (EPOLLIN.rawValue | errorFlags) != 0,
                       isWritable: flags & EPOLLOUT.rawValue != 0))
        }
    }

    private func control(_ operation: Int32, _ descriptor: Int32, _ interest: Interest) throws(SystemCallError) {
        var event = epoll_event()
        event.events = interest.rawValue
        event.data.fd = descriptor
        try systemCall("epoll_ctl") { epoll_ctl(fd, operation, descriptor, &event) }
    }
}
