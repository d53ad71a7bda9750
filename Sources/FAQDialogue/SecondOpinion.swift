import FAQSearch
import Foundation
import SentenceEncoder

/// The sentence encoder's opinion on a line the words left unsure: which entry's phrasings and which
/// safety intent's example messages it is closest to in meaning.
///
/// The phrasings and examples are encoded once: in the background right after loading when the
/// owner asks for it (`encodeInBackground()`: a server, or a chat in a terminal, so the first unsure
/// line does not wait), else on first use (a one-shot `ask` or `eval` that never meets an unsure line never pays
/// for it). Encoding the bundled knowledge takes about a second of both cores. Safe to share
/// between threads.
public final class SecondOpinion: @unchecked Sendable {
    // @unchecked: `vectors` is written once under `lock`, then only read.
    private let encoder: SentenceEncoder
    private let phrasings: [(text: String, owner: Owner)]
    private let lock = NSLock()
    private var vectors: [Float]? = nil
    private let store: PhrasingVectorStore?
    /// When the opinion counts.
    public let thresholds: Thresholds

    /// When the encoder's opinion counts (cosines of sentence vectors), chosen on the tune halves of
    /// the `knowledge/eval-*.tsv` sets (see BENCHMARKS.md, "Answer quality").
    public struct Thresholds: Sendable, Equatable {
        /// A line the words found nothing for is answered with the closest entry from this cosine on...
        public var entry: Float = 0.6
        /// ...when it is this far ahead of the next entry (and the words found it too).
        public var margin: Float = 0.06
        /// A words' answer from this confidence on stands without the encoder.
        public var wordsSure: Double = 0.93
        /// A line the words answered unsure or half-matched is answered with the entry whose relevance
        /// by words plus cosine by meaning is highest, from this sum on...
        public var fusedAnswer: Double = 1.2
        /// ...when it is this far ahead of the next entry's.
        public var fusedMargin: Double = 0.02
        /// The sum that is enough when that entry is also first by words alone and first by meaning
        /// alone, and the words' coverage of the line by it is at least `agreedCoverage`.
        public var agreedAnswer: Double = 1.0
        /// See `agreedAnswer`.
        public var agreedCoverage: Double = 0.7
        /// From this cosine to a crisis example, the crisis reply, when no entry, other intent or
        /// counter-example (`unlike:`) is closer. Recall first: without the counter-examples and the
        /// other intents a tighter threshold was needed, and it missed crisis messages.
        public var crisis: Float = 0.45
        /// From this cosine to a complication example, the complication reply (when nothing else is
        /// closer, and unless the line only asks what could happen).
        public var complication: Float = 0.55

        /// The defaults.
        public init() {}
    }

    /// Whose phrasing a vector is.
    enum Owner: Equatable {
        /// An FAQ entry, by position.
        case entry(Int)
        /// A safety intent's example message, by intent id.
        case safety(String)
        /// A message that is not that safety intent (its `unlike:` lines), by intent id.
        case counterExample(String)
        /// Another intent's example (booking, greeting, ...), by intent id.
        case intent(String)
    }

    /// How close a line is to the nearest entries and to each safety intent.
    public struct Closeness: Sendable, Equatable {
        /// Entries by their closest phrasing, closest first: position and cosine.
        public let entries: [(position: Int, cosine: Float)]
        /// Each safety intent's closest example, by intent id.
        public let safety: [String: Float]
        /// Each safety intent's closest counter-example (`unlike:`), by intent id.
        public let counterExamples: [String: Float]
        /// The closest example of any other intent (booking, greeting, ...).
        public let otherIntent: Float

        /// How close the line is to anything that is not the safety intent `id`: an entry, another
        /// intent, or one of `id`'s counter-examples.
        public func closestAlternative(to id: String) -> Float {
            max(entries.first?.cosine ?? -1, otherIntent, counterExamples[id] ?? -1)
        }

        public static func == (lhs: Closeness, rhs: Closeness) -> Bool {
            lhs.entries.map(\.position) == rhs.entries.map(\.position) && lhs.safety == rhs.safety
                && lhs.counterExamples == rhs.counterExamples && lhs.otherIntent == rhs.otherIntent
        }
    }

    /// Prepares the opinion over `knowledge`'s entries (question and phrasings) and the example
    /// messages of its safety intents.
    /// With a `store`, vectors saved by an earlier run for the same phrasings and encoder are used
    /// instead of encoding, and newly encoded ones are saved.
    public init(knowledge: KnowledgeBase, encoder: SentenceEncoder = .shared, thresholds: Thresholds = Thresholds(),
                store: PhrasingVectorStore? = nil) {
        self.encoder = encoder
        self.thresholds = thresholds
        self.store = store
        var phrasings: [(String, Owner)] = []
        for (position, entry) in knowledge.entries.enumerated() {
            for text in [entry.question] + entry.alternatives { phrasings.append((text, .entry(position))) }
        }
        for intent in knowledge.intents {
            if KnowledgeBase.safetyIntents.contains(intent.id) {
                for text in intent.alternatives { phrasings.append((text, .safety(intent.id))) }
                for text in knowledge.cueRules[intent.id]?.counterExamples ?? [] {
                    phrasings.append((text, .counterExample(intent.id)))
                }
            } else {
                for text in intent.alternatives { phrasings.append((text, .intent(intent.id))) }
            }
        }
        self.phrasings = phrasings
    }

    /// The encoder's view of `text`.
    public func closeness(of text: String) -> Closeness {
        let all = phrasingVectors()
        let query = encoder.encode(text)
        let dimensions = query.count
        var bestEntry: [Int: Float] = [:]
        var safety: [String: Float] = [:]
        var counterExamples: [String: Float] = [:]
        var otherIntent: Float = -1
        all.withUnsafeBufferPointer { rows in
            for (row, phrasing) in phrasings.enumerated() {
                var dot: Float = 0
                let base = row * dimensions
                for index in 0..<dimensions { dot += rows[base + index] * query[index] }
                switch phrasing.owner {
                case .entry(let position): bestEntry[position] = max(bestEntry[position] ?? -1, dot)
                case .safety(let id): safety[id] = max(safety[id] ?? -1, dot)
                case .counterExample(let id): counterExamples[id] = max(counterExamples[id] ?? -1, dot)
                case .intent: otherIntent = max(otherIntent, dot)
                }
            }
        }
        let entries = bestEntry.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
            .map { (position: $0.key, cosine: $0.value) }
        return Closeness(entries: entries, safety: safety, counterExamples: counterExamples, otherIntent: otherIntent)
    }

    /// Starts encoding the phrasings on another thread and returns at once; a line that needs them
    /// before they are ready waits for them.
    public func encodeInBackground() {
        Thread.detachNewThread { [self] in _ = phrasingVectors() }
    }

    /// Every phrasing's vector, one after another; encoded on first use (or by `encodeInBackground`).
    private func phrasingVectors() -> [Float] {
        lock.lock()
        defer { lock.unlock() }
        if let vectors { return vectors }
        let dimensions = encoder.dimensions
        let count = phrasings.count
        let fingerprint = store == nil ? "" : self.fingerprint()
        if let saved = store?.load(fingerprint: fingerprint, count: count * dimensions) {
            vectors = saved
            return saved
        }
        // Split over the cores: the encoder may encode on any number of threads at once.
        var encoded = [Float](repeating: 0, count: count * dimensions)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        encoded.withUnsafeMutableBufferPointer { buffer in
            let output = SendableBuffer(buffer)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for row in stride(from: worker, to: count, by: workers) {
                    let vector = encoder.encode(phrasings[row].text)
                    for index in 0..<dimensions { output.buffer[row * dimensions + index] = vector[index] }
                }
            }
        }
        vectors = encoded
        store?.save(encoded, fingerprint: fingerprint)
        return encoded
    }

    /// Names the phrasings (owner and text, in order) and the encoder (its vector of a fixed probe
    /// sentence, which changes with the model and the kernel): saved vectors fit only the same.
    /// FNV-1a, 64 bits, in hexadecimal.
    func fingerprint() -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
            hash = (hash ^ 0xff) &* 0x0000_0100_0000_01b3
        }
        for value in encoder.encode("scalp micropigmentation fingerprint") {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { mix($0) }
        }
        for phrasing in phrasings {
            switch phrasing.owner {
            case .entry(let position): mix("entry \(position)".utf8)
            case .safety(let id): mix("safety \(id)".utf8)
            case .counterExample(let id): mix("unlike \(id)".utf8)
            case .intent(let id): mix("intent \(id)".utf8)
            }
            mix(phrasing.text.utf8)
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// A buffer that worker threads fill, each its own rows.
private struct SendableBuffer: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Float>
    init(_ buffer: UnsafeMutableBufferPointer<Float>) { self.buffer = buffer }
}
