#if canImport(Glibc)
import Glibc
#endif
import CSystemLinux

/// A terminal in raw input mode, with bracketed paste on, for as long as this value lives (or until `restore()`).
///
/// The saved settings are put back by `restore()`, by `deinit`, and by the signal handlers it
/// installs: SIGINT, SIGTERM, SIGHUP and SIGQUIT (then the process ends by the signal) and SIGTSTP
/// (then it stops; SIGCONT enters raw mode again). SIGCONT and SIGWINCH make `notifications`
/// readable, so the driver redraws. Only one may exist at a time.
final class RawTerminal {
    /// Readable after SIGCONT or SIGWINCH; read it with `takeNotifications()`.
    let notifications: Int32
    private let notifyWrite: Int32
    private var active = true

    /// Saves the settings of `fd` and enters raw mode, with bracketed paste on through `output`.
    init(fd: Int32, output: Int32) throws(SystemCallError) {
        var fds: [Int32] = [-1, -1]
        try systemCall("pipe2") { csystem_pipe_cloexec(&fds) }
        notifications = fds[0]
        notifyWrite = fds[1]
        for end in fds {
            let flags = fcntl(end, F_GETFL)
            _ = fcntl(end, F_SETFL, flags | O_NONBLOCK)
        }
        do {
            try systemCall("tcsetattr") { csystem_terminal_enter_raw(fd, output, notifyWrite) }
        } catch {
            Glibc.close(notifications)
            Glibc.close(notifyWrite)
            throw error
        }
    }

    deinit {
        restore()
        Glibc.close(notifications)
        Glibc.close(notifyWrite)
    }

    /// Puts the saved settings and the default signal actions back.
    func restore() {
        guard active else { return }
        active = false
        _ = try? systemCall("tcsetattr") { csystem_terminal_restore() }
    }

    /// Stops the process as Ctrl-Z would; the terminal is restored while stopped.
    func suspend() {
        csystem_terminal_suspend()
    }

    /// Empties the notification pipe.
    func takeNotifications() {
        var bytes = [UInt8](repeating: 0, count: 64)
        while case .done(let count)? = try? systemCall("read", { read(notifications, &bytes, bytes.count) }), count > 0 {}
    }
}
