#if canImport(Glibc)
import Glibc
#endif
import CSystemLinux

/// An eventfd that one thread signals to wake another thread's epoll wait.
public final class EventNotifier: @unchecked Sendable {
    // @unchecked: holds only an immutable descriptor; eventfd reads and writes are thread-safe.
    /// The descriptor to watch for readability.
    public let fd: Int32

    /// Creates a non-blocking eventfd.
    public init() throws(SystemCallError) {
        fd = try systemCall("eventfd") { eventfd(0, Int32(EFD_NONBLOCK) | Int32(EFD_CLOEXEC)) }.value
    }

    deinit { Glibc.close(fd) }

    /// Wakes the watcher.
    public func signal() {
        var one: UInt64 = 1
        _ = try? systemCall("write(eventfd)") { write(fd, &one, 8) }
    }

    /// Clears pending wake-ups (call when woken).
    public func drain() {
        var value: UInt64 = 0
        _ = try? systemCall("read(eventfd)") { read(fd, &value, 8) }
    }
}
