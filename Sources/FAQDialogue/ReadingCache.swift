import Foundation

/// Remembers how recent lines were read, so a question many patients ask ("how much does it cost")
/// is analysed and searched once, not once per patient.
///
/// Reading a line is a pure function of its text and the read-only knowledge, so a cached
/// result is exactly what a new search would return. Bounded in entries and in key length; evicts
/// in two generations (entries used since the last turnover survive it), which costs O(1) per
/// lookup and approximates least-recently-used. Safe to share between threads.
final class ReadingCache<Value: Sendable>: @unchecked Sendable {
    /// Lines longer than this many UTF-8 bytes are not cached (they are rarely repeated).
    static var longestKey: Int { 256 }

    private let generationSize: Int
    private let lock = NSLock()
    private var current: [String: Value] = [:]
    private var previous: [String: Value] = [:]
    /// Whether a result may be remembered (never a line about an emergency or self-harm).
    private let remembers: @Sendable (Value) -> Bool

    /// A cache of at most `capacity` lines; 0 caches nothing. Only results that `remembers` accepts
    /// are kept.
    init(capacity: Int, remembers: @escaping @Sendable (Value) -> Bool) {
        generationSize = max(0, capacity / 2)
        self.remembers = remembers
    }

    /// The cached reading of `text`, or `compute(text)`, remembered for next time.
    func reading(of text: String, compute: (String) -> Value) -> Value {
        guard generationSize > 0, text.utf8.count <= Self.longestKey else { return compute(text) }
        if let hit = lookUp(text) { return hit }
        let result = compute(text)   // outside the lock: other threads keep going
        // A hit is faster than a search, so a client could time a line to learn whether somebody typed
        // it lately: lines about an emergency or self-harm are never remembered.
        if remembers(result) { store(result, for: text) }
        return result
    }

    /// Remembers `result` as the reading of `text` (unless caching is off, the line is too long, or the
    /// reading is sensitive), as `reading(of:compute:)` does after computing it.
    func remember(_ result: Value, for text: String) {
        guard generationSize > 0, text.utf8.count <= Self.longestKey, remembers(result) else { return }
        store(result, for: text)
    }

    /// Whether the reading of `text` is remembered (without refreshing it).
    func contains(_ text: String) -> Bool {
        guard generationSize > 0, text.utf8.count <= Self.longestKey else { return false }
        lock.lock()
        defer { lock.unlock() }
        return current[text] != nil || previous[text] != nil
    }

    private func lookUp(_ text: String) -> Value? {
        lock.lock()
        defer { lock.unlock() }
        if let hit = current[text] { return hit }
        guard let hit = previous[text] else { return nil }
        insertLocked(hit, for: text)   // used again: keep it through the next turnover
        return hit
    }

    private func store(_ result: Value, for text: String) {
        lock.lock()
        defer { lock.unlock() }
        insertLocked(result, for: text)
    }

    private func insertLocked(_ result: Value, for text: String) {
        if current.count >= generationSize {
            previous = current
            current = Dictionary(minimumCapacity: generationSize)
        }
        current[text] = result
    }

    /// How many lines are remembered now (for tests).
    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return Set(current.keys).union(previous.keys).count
    }
}

extension ReadingCache where Value == Assistant.Reading {
    /// A cache of readings that never remembers a sensitive one (crisis, complication).
    convenience init(capacity: Int) {
        self.init(capacity: capacity) { !$0.isSensitive }
    }
}
