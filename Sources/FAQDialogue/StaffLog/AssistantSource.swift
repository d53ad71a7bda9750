import Foundation

/// The assistant sessions answer with now: reloading the knowledge swaps it for a new one built in
/// full, and each session takes the new one before its next line (`Session.assistantSource`).
public final class AssistantSource: @unchecked Sendable {
    // @unchecked: `assistant` is read and written only under `lock`.
    private let lock = NSLock()
    private var assistant: Assistant

    /// A source serving `assistant` until `replace` is called.
    public init(_ assistant: Assistant) {
        self.assistant = assistant
    }

    /// The assistant to use for the next line.
    public var current: Assistant {
        lock.lock()
        defer { lock.unlock() }
        return assistant
    }

    /// Serves `newer` from now on; lines already being answered finish with the one they started with.
    public func replace(with newer: Assistant) {
        lock.lock()
        assistant = newer
        lock.unlock()
    }
}
