#if canImport(Glibc)
import Glibc
#endif
import CSystemLinux

/// Turns signals (by default those the server handles: SIGINT and SIGTERM stop it; SIGHUP, SIGUSR1,
/// SIGUSR2 and SIGALRM are logged and ignored) into a readable descriptor (signalfd), so no Swift code
/// runs in a signal handler and none of them kills the process by its default action.
///
/// The signals are blocked in the calling thread; threads started afterwards inherit the mask. Create
/// it before starting any thread, or a signal may be delivered to a thread that does not block it.
public final class SignalNotifier {
    /// The signalfd, readable when a signal is pending.
    public let fd: Int32

    /// Blocks `signals` and opens a non-blocking signalfd for them.
    public init(signals: [Int32] = SignalNotifier.serverSignals) throws(SystemCallError) {
        var set = sigset_t()
        sigemptyset(&set)
        for number in signals { sigaddset(&set, number) }
        // pthread_sigmask returns the error number rather than setting errno.
        let result = pthread_sigmask(SIG_BLOCK, &set, nil)
        if result != 0 { throw SystemCallError(call: "pthread_sigmask", errno: result) }
        fd = try systemCall("signalfd") { signalfd(-1, &set, Int32(SFD_NONBLOCK) | Int32(SFD_CLOEXEC)) }.value
    }

    deinit { Glibc.close(fd) }

    /// The signals the server takes through the descriptor.
    public static let serverSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGUSR1, SIGUSR2, SIGALRM]

    /// "SIGHUP", or "signal 42" for one without a name here.
    public static func name(of number: Int32) -> String {
        switch number {
        case SIGINT: return "SIGINT"
        case SIGTERM: return "SIGTERM"
        case SIGHUP: return "SIGHUP"
        case SIGUSR1: return "SIGUSR1"
        case SIGUSR2: return "SIGUSR2"
        case SIGALRM: return "SIGALRM"
        default: return "signal \(number)"
        }
    }

    /// The pending signal's number, if any.
    public func take() -> Int32? {
        var info = signalfd_siginfo()
        let result = try? systemCall("read(signalfd)") {
            read(fd, &info, MemoryLayout<signalfd_siginfo>.size)
        }
        if case .done(let count)? = result, count == MemoryLayout<signalfd_siginfo>.size {
            return Int32(bitPattern: info.ssi_signo)
        }
        return nil
    }
}
