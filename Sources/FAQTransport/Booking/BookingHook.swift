#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import FAQDialogue
import Foundation

/// Runs the staff's `--on-booking` command after a booking is stored: `/bin/sh -c COMMAND` with the
/// booking's journal line (JSON and a newline) on standard input, standard output discarded, standard
/// error inherited, in its own process group (`ChildProcess`).
///
/// Runs in the background, at most `concurrency` at a time, so the patient's confirmation never
/// waits for it. A command that fails, or is still running after `timeout` seconds (then its process
/// group gets SIGTERM, and SIGKILL a second later), is logged with the booking's reference only; the
/// journal stays the source of truth. A command that exits 0 is recorded in the `HandOffRecord`, if
/// any; `finish(within:)` bounds the wait when the program stops.
public final class BookingHook: @unchecked Sendable {
    // @unchecked: `running` and `closing` are only touched under `lock`; the rest is immutable.
    /// The shell command.
    public let command: String
    /// Seconds before the command is stopped.
    public let timeout: Double
    /// Where confirmed hand-offs are recorded.
    public let record: HandOffRecord?
    private let log: @Sendable (String) -> Void
    private let queue = DispatchQueue(label: "faqbot.booking-hook", attributes: .concurrent)
    private let slots: DispatchSemaphore
    private let pending = DispatchGroup()
    private let lock = PosixLock()
    /// References started and not finished, with their process once it runs.
    private var running: [String: ChildProcess?] = [:]
    private var closing = false

    /// Creates a hook.
    public init(command: String, timeout: Double = 30, concurrency: Int = 4, record: HandOffRecord? = nil,
                log: @escaping @Sendable (String) -> Void = BookingJournal.standardErrorLog) {
        self.command = command
        self.timeout = timeout
        self.record = record
        self.log = log
        slots = DispatchSemaphore(value: concurrency)
    }

    /// Starts the command for `booking` in the background.
    public func run(for booking: Booking) {
        run(reference: booking.reference, line: booking.json)
    }

    /// Starts the command for the booking `reference` whose journal line (without newline) is `line`.
    public func run(reference: String, line: String) {
        let input = Array((line + "\n").utf8)
        let accepted = lock.withLock { () -> Bool in
            guard !closing, running[reference] == nil else { return false }
            running[reference] = .some(nil)
            return true
        }
        guard accepted else { return }
        pending.enter()
        queue.async { [self] in
            slots.wait()
            defer { slots.signal(); pending.leave() }
            let problem = execute(reference: reference, input: input)
            let stillWanted = lock.withLock { () -> Bool in
                running[reference] = nil
                return !closing
            }
            if problem == nil {
                record?.confirm(reference)
            } else if let problem, stillWanted {
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

    /// For stopping: waits at most `limit` seconds for started commands, then stops the ones still
    /// running (their process groups get SIGKILL) and starts no more. Logs and returns the references
    /// whose hand-off did not finish; with a `record` they are retried at the next start.
    @discardableResult
    public func finish(within limit: Double) -> [String] {
        let idle = waitUntilIdle(limit: limit)
        let unfinished = lock.withLock { () -> [(String, ChildProcess?)] in
            closing = true
            return running.map { ($0.key, $0.value) }.sorted { $0.0 < $1.0 }
        }
        guard !idle, !unfinished.isEmpty else { return [] }
        for (_, child) in unfinished { child?.signalGroup(SIGKILL) }
        let retry = record == nil ? "" : "; it will be handed off again at the next start"
        for (reference, _) in unfinished {
            log("booking \(reference): the --on-booking command did not finish before stopping\(retry)")
        }
        return unfinished.map(\.0)
    }

    /// Runs the command once; returns what went wrong, or nil when it exited 0.
    func execute(reference: String, input: [UInt8]) -> String? {
        let child: ChildProcess
        do {
            child = try ChildProcess(shellCommand: command, input: input)
        } catch {
            return "could not start (\(error))"
        }
        let keep = lock.withLock { () -> Bool in
            guard !closing else { return false }
            running[reference] = child
            return true
        }
        if !keep { child.signalGroup(SIGKILL) }
        do {
            if let status = try child.wait(seconds: timeout) { return Self.describe(status) }
            child.signalGroup(SIGTERM)
            if try child.wait(seconds: 1) != nil { return "timed out after \(Self.seconds(timeout)) s and was stopped" }
            child.signalGroup(SIGKILL)
            _ = try child.wait(seconds: .infinity)
            return "timed out after \(Self.seconds(timeout)) s and was killed"
        } catch {
            return "could not be waited for (\(error))"
        }
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
