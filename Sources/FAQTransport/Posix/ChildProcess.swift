#if canImport(Glibc)
import Glibc
#endif
import CSystemLinux

/// A child process started with `posix_spawn` in its own process group, watched through a pidfd so
/// waiting for it with a time limit is one `poll`, not a polling loop. Every call goes through
/// `systemCall`.
public final class ChildProcess: @unchecked Sendable {
    // @unchecked: `pid` and `pidfd` are set once; `reaped` is only touched by the one thread that
    // waits (kill may come from any thread: it only sends a signal).
    /// The process id (also its process group id).
    public let pid: pid_t
    private let pidfd: Int32
    private var reaped = false

    /// Runs `/bin/sh -c command` with `input` on its standard input (a pipe, closed after writing),
    /// standard output on /dev/null, standard error inherited, default signal dispositions for
    /// SIGPIPE and an empty signal mask.
    public init(shellCommand command: String, input: [UInt8]) throws(SystemCallError) {
        var ends: [Int32] = [-1, -1]
        try systemCall("pipe2") { csystem_pipe_cloexec(&ends) }
        let (readEnd, writeEnd) = (ends[0], ends[1])
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        posix_spawn_file_actions_adddup2(&actions, readEnd, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        var child: pid_t = 0
        let arguments = ["/bin/sh", "-c", command]
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        // posix_spawn returns the error number instead of setting errno.
        let spawned = posix_spawn(&child, "/bin/sh", &actions, &attributes, argv, environ)
        Glibc.close(readEnd)
        guard spawned == 0 else {
            Glibc.close(writeEnd)
            throw SystemCallError(call: "posix_spawn", errno: spawned)
        }
        pid = child
        do {
            pidfd = try systemCall("pidfd_open") { csystem_pidfd_open(child) }.value
        } catch {
            Glibc.close(writeEnd)
            _ = try? systemCall("kill") { Glibc.kill(-child, SIGKILL) }
            _ = try? Self.reap(child)
            throw error
        }
        // The line is far smaller than a pipe's buffer; a command that does not read it still gets EOF.
        _ = try? writeAll(writeEnd, input)
        Glibc.close(writeEnd)
    }

    deinit {
        Glibc.close(pidfd)
    }

    /// Waits up to `seconds` for the process to exit; returns its wait status, or nil if it is still
    /// running then.
    public func wait(seconds: Double) throws(SystemCallError) -> Int32? {
        if !reaped {
            var poller = pollfd(fd: pidfd, events: Int16(POLLIN), revents: 0)
            let deadline = MonotonicClock.now() + seconds
            while true {
                let remaining = max(0, deadline - MonotonicClock.now())
                let ready = try systemCall("poll") { poll(&poller, 1, Int32(min(remaining * 1000, 86_400_000).rounded(.up))) }
                if case .done(let count) = ready, count > 0 { break }
                if MonotonicClock.now() >= deadline { return nil }
            }
        }
        return try Self.reap(pid)
    }

    /// Sends `signal` to the whole process group (the shell and its children).
    public func signalGroup(_ signal: Int32) {
        _ = try? systemCall("kill") { Glibc.kill(-pid, signal) }
    }

    private static func reap(_ pid: pid_t) throws(SystemCallError) -> Int32 {
        var status: Int32 = 0
        _ = try systemCall("waitpid") { waitpid(pid, &status, 0) }
        return status
    }
}
