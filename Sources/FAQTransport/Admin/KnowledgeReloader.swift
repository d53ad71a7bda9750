import FAQDialogue
import FAQSearch
import Foundation

/// Reloads the knowledge while the server runs (SIGHUP, `faqbot reload`): builds a new assistant in
/// full on the calling thread (never an event loop), checks it, then swaps it into the
/// `AssistantSource` at once. Sessions take it before their next line; their conversations go on.
/// A broken edit is rejected with its file and line, and the old knowledge keeps serving. Reloads
/// run one at a time: a second request waits for the first and then reads the files again.
public final class KnowledgeReloader: @unchecked Sendable {
    // @unchecked: `build` and `source` are thread-safe; `generation` is guarded by `lock`.
    private let source: AssistantSource
    private let build: @Sendable () throws -> Assistant
    private let log: @Sendable (String) -> Void
    private let lock = NSLock()
    private var generation = 0

    /// A reloader that builds with `build` (load, parse, index) and swaps into `source`; `log` gets
    /// one line per reload, success or failure.
    public init(source: AssistantSource, log: @escaping @Sendable (String) -> Void, build: @escaping @Sendable () throws -> Assistant) {
        self.source = source
        self.build = build
        self.log = log
    }

    /// What a reload did.
    public enum Outcome: Sendable, Equatable {
        /// The new knowledge serves: how many entries and intents, how long it took.
        case reloaded(entries: Int, intents: Int, milliseconds: Int, generation: Int)
        /// The edit was rejected (the message names the file and line); the old knowledge serves.
        case rejected(String)

        /// One line for the log and for `faqbot reload`.
        public var message: String {
            switch self {
            case .reloaded(let entries, let intents, let milliseconds, let generation):
                return "reloaded the knowledge (\(entries) entries, \(intents) intents) in \(milliseconds) ms; reply cache emptied (reload \(generation))"
            case .rejected(let reason):
                return "reload rejected, the previous knowledge keeps serving: \(reason)"
            }
        }
    }

    /// Reloads now (blocking the calling thread while the knowledge is built).
    @discardableResult
    public func reload() -> Outcome {
        lock.lock()
        defer { lock.unlock() }
        let started = MonotonicClock.now()
        let outcome: Outcome
        do {
            let assistant = try build()
            // Touch both engines once, and have the sentence encoder encode the new phrasings now (about
            // a second), so the first patient after the swap pays for nothing.
            _ = assistant.engine.search("scalp micropigmentation", limit: 1)
            _ = assistant.intentEngine.search("hello", limit: 1)
            _ = assistant.secondOpinion?.closeness(of: "scalp micropigmentation")
            source.replace(with: assistant)
            generation += 1
            outcome = .reloaded(entries: assistant.knowledge.entries.count, intents: assistant.knowledge.intents.count,
                                milliseconds: Int(((MonotonicClock.now() - started) * 1000).rounded()), generation: generation)
        } catch let error as KnowledgeError {
            outcome = .rejected(error.description)
        } catch {
            outcome = .rejected("\(error)")
        }
        log(outcome.message)
        return outcome
    }

    /// Reloads on a new thread of its own (for SIGHUP, which arrives on the server's main thread).
    public func reloadInBackground() {
        Thread.detachNewThread { [self] in self.reload() }
    }
}
