#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import FAQDialogue
import Foundation

/// Runs the staff's `--on-booking` command after a booking is stored: `/bin/sh -c COMMAND` with the
/// booking's journal line (JSON and a newline) on standard input, standard output discarded, standard
/// error inherited, in its own process group.
///
/// Runs in the background, at most `concurrency` at a time, so the patient's confirmation never
/// waits for it. A command that fails, or is still running after `timeout` seconds (then its process
/// group gets SIGTERM, and SIGKILL a second later), is logged with the booking's reference only; the
/// journal stays the source of truth.
public final class BookingHook: @unchecked Sendable {
    /// The shell command.
    public let command: String
    /// Seconds before the command is stopped.
    public let timeout: Double
    private let log: @Sendable (String) -> Void
    private let queue = DispatchQueue(label: "faqbot.booking-hook", attributes: .concurrent)
    private let slots: DispatchSemaphore
    private let pending = DispatchGroup()

    /// Creates a hook.
    public init(command: String, timeout: Double = 30, concurrency: Int = 4,
                log: @escaping @Sendable (String) -> Void = BookingJournal.standardErrorLog) {
        self.command = command
        self.timeout = timeout
        self.log = log
        slots = DispatchSemaphore(value: concurrency)
    }

    /// Starts the command for `booking` in the background.
    public func run(for booking: Booking) {
        let input = Array((booking.json + "\n").utf8)
        let reference = booking.reference
        pending.enter()
        queue.async { [self] in
            slots.wait()
            defer { slots.signal(); pending.leave() }
            if let problem = execute(input: input) {
                log("booking \(reference): the --on-booking command \(problem); the booking is in the journal")
            }
        }
    }

    /// Waits until every started command has finished or been stopped, at most `limit` seconds;
    /// returns whether all finished.
    @discardableResult
    public func waitUntilIdle(limit: Double) -> Bool {
        pending.wait(timeout: .now() + limit) == .success
    }

    /// Runs the command once; returns what went wrong, or nil when it exited 0.
    func execute(input: [UInt8]) -> String? {
        var pipeEnds: [Int32] = [-1, -1]
        // Glibc does not export pipe2 to Swift; set close-on-exec right away instead.
        guard pipe(&pipeEnds) == 0 else { return "could not start (pipe: errno \(errno))" }
        let (readEnd, writeEnd) = (pipeEnds[0], pipeEnds[1])
        _ = fcntl(readEnd, F_SETFD, FD_CLOEXEC)
        _ = fcntl(writeEnd, F_SETFD, FD_CLOEXEC)
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
        // Its own process group, so a timeout stops the shell's children too; default SIGPIPE
        // (we ignore it) and an empty signal mask.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        var pid: pid_t = 0
        let arguments = ["/bin/sh", "-c", command]
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, environ)
        close(readEnd)
        guard spawned == 0 else {
            close(writeEnd)
            return "could not start (posix_spawn: errno \(spawned))"
        }
        // The line is far smaller than a pipe's buffer; a command that does not read it still gets EOF.
        _ = try? JournalFiles.write(writeEnd, input)
        close(writeEnd)
        return wait(for: pid)
    }

    /// Waits for `pid` until the time limit, then stops its process group.
    private func wait(for pid: pid_t) -> String? {
        let deadline = DispatchTime.now() + timeout
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { return Self.describe(status) }
            if result < 0 && errno != EINTR { return "could not be waited for (errno \(errno))" }
            if DispatchTime.now() >= deadline { break }
            usleep(5_000)
        }
        kill(-pid, SIGTERM)
        let grace = DispatchTime.now() + 1
        while DispatchTime.now() < grace {
            if waitpid(pid, &status, WNOHANG) == pid {
                return "timed out after \(Self.seconds(timeout)) s and was stopped"
            }
            usleep(5_000)
        }
        kill(-pid, SIGKILL)
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return "timed out after \(Self.seconds(timeout)) s and was killed"
    }

    /// "exited with status 3", "was killed by signal 9", or nil for success.
    static func describe(_ status: Int32) -> String? {
        let signal = status & 0x7f
        if signal == 0 {
            let code = (status >> 8) & 0xff
            return code == 0 ? nil : "exited with status \(code)"
        }
        return "was killed by signal \(signal)"
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}

/// The booking store the executables use: the journal, then the hook.
public final class BookingHandOff: BookingStore, Sendable {
    /// Where bookings are stored.
    public let journal: BookingJournal
    /// The `--on-booking` command, if any.
    public let hook: BookingHook?

    /// Creates the hand-off.
    public init(journal: BookingJournal, hook: BookingHook?) {
        self.journal = journal
        self.hook = hook
    }

    /// Stores the booking in the journal (durably), then starts the hook.
    public func store(_ request: BookingRequest, received: Date) throws -> Booking {
        let booking = try journal.store(request, received: received)
        hook?.run(for: booking)
        return booking
    }
}
