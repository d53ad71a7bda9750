#if canImport(Glibc)
import Glibc
#endif
import FAQDialogue
import FAQSearch
import Foundation

/// The staff's log (`--log-dir`): lines the assistant could not simply answer, masked, with their
/// closest entries and the patient's next step, and each day's counts; JSON lines, one file per day.
///
/// `record` only appends to a queue under a lock (the answering thread never waits for a disk); a
/// writer thread of its own masks, ranks, encodes and appends in batches, and writes the counts since
/// the last counts line every `countsInterval` seconds and at `close`. The writer runs at idle
/// priority (`SCHED_IDLE`): on a busy machine it takes only CPU time the event loops leave, and
/// catches up when the load drops. When the queue is full (the disk stalls, or the machine stays
/// saturated for minutes), events are dropped and counted in the server's log, never waited for.
public final class StaffLogWriter: ConversationLog, @unchecked Sendable {
    // @unchecked: `queue`, `dropped` and `stopping` are guarded by `condition`; everything else is
    // touched by the writer thread only (or before it starts / after it is joined).
    /// Where and how the log is written.
    public struct Configuration: Sendable {
        /// The directory.
        public var directory: String
        /// Keep the files of this many days (today included); nil keeps all.
        public var keepDays: Int?
        /// A day's file is continued in a new part past this many bytes.
        public var maximumFileBytes = 8 << 20
        /// The clinic's time zone: a day is the clinic's day.
        public var timeZone = TimeZone(identifier: "UTC")!
        /// The current instant (tests inject a fixed one).
        public var clock: @Sendable () -> Date = { Date() }
        /// Seconds between counts lines.
        public var countsInterval = 10.0
        /// Events held at most while the writer is behind.
        public var queueLimit = 100_000

        /// A configuration for `directory`.
        public init(directory: String, keepDays: Int? = nil) {
            self.directory = directory
            self.keepDays = keepDays
        }
    }

    private let configuration: Configuration
    private let condition = NSCondition()
    private var queue: [(instant: Date, event: ConversationEvent)] = []
    private var dropped = 0
    private var stopping = false
    private var thread: PosixThread?
    private let report: @Sendable (String) -> Void

    // Writer thread only.
    private var counts: [String: DayCounts] = [:]
    private var masks: (assistant: ObjectIdentifier, mask: PersonalDataMask)?
    private var file: (fd: Int32, day: String, part: Int, size: Int)?
    private var lastRetentionDay = ""
    /// The day last computed and the instants it spans (`day(of:)` is asked for every event).
    private var cachedDay: (name: String, start: Date, end: Date)?

    /// Opens the log: creates the directory (0700), deletes days past `keepDays`, starts the writer.
    /// `report` gets a line for each problem (a failed write), for the server's log or standard error.
    public init(configuration: Configuration, report: @escaping @Sendable (String) -> Void) throws(StaffLogError) {
        self.configuration = configuration
        self.report = report
        try StaffLogFiles.prepareDirectory(configuration.directory)
        try applyRetention(today: StaffLogFiles.day(of: configuration.clock(), in: configuration.timeZone))
        do {
            thread = try PosixThread { [unowned self] in self.runWriter() }
        } catch {
            throw .systemCall(path: configuration.directory, error: error)
        }
    }

    /// Takes one event (any thread; never blocks on the disk).
    public func record(_ event: ConversationEvent) {
        let instant = configuration.clock()
        condition.lock()
        if stopping {
            // After `close` (a connection ending while the server stops): nothing is written any more.
        } else if queue.count < configuration.queueLimit {
            queue.append((instant, event))
        } else {
            dropped += 1
        }
        condition.unlock()
    }

    /// Writes what is queued and the counts, then stops the writer. Call once, after the last session.
    public func close() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
        thread?.join()
        thread = nil
    }

    // MARK: - Writer thread

    private func runWriter() {
        // SCHED_IDLE (5 in <sched.h>, not exported to Swift): runs only on CPU time nobody else wants.
        var parameters = sched_param(sched_priority: 0)
        _ = pthread_setschedparam(pthread_self(), 5, &parameters)
        var lastCounts = MonotonicClock.now()
        while true {
            condition.lock()
            if queue.isEmpty && !stopping { _ = condition.wait(until: Date().addingTimeInterval(0.2)) }
            let batch = queue
            queue.removeAll(keepingCapacity: true)
            let stop = stopping
            let lost = dropped
            dropped = 0
            condition.unlock()
            if lost > 0 { report("staff log: \(lost) events dropped (the writer fell behind)") }
            write(batch)
            if stop || MonotonicClock.now() - lastCounts >= configuration.countsInterval {
                writeCounts()
                lastCounts = MonotonicClock.now()
            }
            if stop { break }
        }
        if let file { Glibc.close(file.fd) }
        file = nil
    }

    private func write(_ batch: [(instant: Date, event: ConversationEvent)]) {
        var lines: [(day: String, text: String)] = []
        for (instant, event) in batch {
            let day = day(of: instant)
            switch event {
            case .counted(let line):
                counts[day, default: DayCounts(day: day)].add(line)
            case .unanswered(let line):
                lines.append((day, encode(record(for: line, at: instant))))
            }
        }
        for (day, text) in lines { append(text, day: day) }
    }

    /// The clinic's day of `instant` (`YYYY-MM-DD`), from the last one computed when it falls in it.
    private func day(of instant: Date) -> String {
        if let cachedDay, instant >= cachedDay.start && instant < cachedDay.end { return cachedDay.name }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = configuration.timeZone
        let start = calendar.startOfDay(for: instant)
        let end = calendar.date(byAdding: .day, value: 1, to: start) ?? start
        let name = StaffLogFiles.day(of: instant, in: configuration.timeZone)
        cachedDay = (name, start, end)
        return name
    }

    private func writeCounts() {
        for day in counts.keys.sorted() where !counts[day]!.isEmpty {
            append(encode(counts[day]!), day: day)
        }
        counts.removeAll()
    }

    /// The record to write for `line`: its question masked, its closest entries ranked by words.
    private func record(for line: UnansweredLine, at instant: Date) -> UnansweredRecord {
        let engine = line.assistant.engine
        // A fallback with confidence 0 shares no known word with any entry: nothing to rank.
        let ranked = line.kind == .fallback && (line.score ?? 0) == 0 ? [] : engine.search(line.question, limit: 3).ranked
        var record = UnansweredRecord(
            time: Booking.timestamp(instant), question: mask(for: line.assistant).masked(line.question),
            reply: line.kind.rawValue, score: line.score.map(Self.rounded),
            candidates: ranked.map { .init(id: engine.entries[$0.position].id, confidence: Self.rounded(AnswerPolicy.confidence($0))) },
            next: line.next.name)
        if case .picked(let number) = line.next { record.picked = number }
        if case .rephrased(let kind) = line.next { record.then = kind.rawValue }
        return record
    }

    /// The mask for lines read by `assistant`: the words of its knowledge are never names.
    private func mask(for assistant: Assistant) -> PersonalDataMask {
        if let masks, masks.assistant == ObjectIdentifier(assistant) { return masks.mask }
        let knowledge = assistant.knowledge
        let text = (knowledge.entries + knowledge.intents).map { $0.question + " " + $0.alternatives.joined(separator: " ") + " " + $0.answer }
        let mask = PersonalDataMask(knownWords: Set(text.flatMap { Tokenizer().tokens(in: $0) }))
        masks = (ObjectIdentifier(assistant), mask)
        return mask
    }

    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    private func encode<T: Encodable>(_ value: T) -> String {
        return String(decoding: (try? encoder.encode(value)) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// Appends one line to `day`'s file, opening (or continuing in a new part) as needed.
    private func append(_ text: String, day: String) {
        let bytes = Array((text + "\n").utf8)
        do {
            if file == nil || file!.day != day || file!.size + bytes.count > configuration.maximumFileBytes {
                try open(day: day, adding: bytes.count)
            }
            try writeAll(file!.fd, bytes)
            file!.size += bytes.count
        } catch {
            report("staff log: cannot write \(configuration.directory)/\(file.map { StaffLogFiles.name(day: $0.day, part: $0.part) } ?? day): \(error)")
        }
    }

    private func open(day: String, adding count: Int) throws(StaffLogError) {
        if day > lastRetentionDay { try applyRetention(today: day) }
        var part = try StaffLogFiles.list(configuration.directory).filter { $0.day == day }.map(\.part).max() ?? 1
        if let file, file.day == day { part = max(part, file.part) }
        if let file { Glibc.close(file.fd) }
        file = nil
        while true {
            let path = configuration.directory + "/" + StaffLogFiles.name(day: day, part: part)
            do {
                let (fd, created) = try JournalFiles.openAppending(path)
                if !created { try systemCall("fchmod") { fchmod(fd, 0o600) } }
                var status = stat()
                try systemCall("fstat") { fstat(fd, &status) }
                let size = Int(status.st_size)
                if size > 0 && size + count > configuration.maximumFileBytes {
                    Glibc.close(fd)
                    part += 1
                    continue
                }
                file = (fd, day, part, size)
                return
            } catch {
                throw .systemCall(path: path, error: error)
            }
        }
    }

    private func applyRetention(today: String) throws(StaffLogError) {
        lastRetentionDay = today
        guard let keepDays = configuration.keepDays,
              let instant = Booking.instant(fromTimestamp: today + "T12:00:00Z") else { return }
        let firstKept = StaffLogFiles.day(of: instant.addingTimeInterval(-Double(keepDays - 1) * 86_400),
                                          in: TimeZone(identifier: "UTC")!)
        try StaffLogFiles.deleteDays(before: firstKept, in: configuration.directory)
    }

    private static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}
