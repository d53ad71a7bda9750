/// WebSocket conversations whose connection ended without a bye, kept for `--resume-window` so a
/// reloaded page or a dropped connection continues them. Shared by all loops, under a lock.
final class ResumeStore: @unchecked Sendable {
    // @unchecked: `parked` is only touched under `lock`.
    private let lock = PosixLock()
    private var parked: [String: (conversation: ChatConversation, expires: Double)] = [:]
    private let window: Double
    private let maximum: Int
    private var nextPurge = -Double.infinity

    /// A store keeping conversations `window` seconds, at most `maximum` at once.
    init(window: Double, maximum: Int) {
        self.window = window
        self.maximum = maximum
    }

    /// Keeps `conversation` until `now + window`.
    func park(_ conversation: ChatConversation, at now: Double) {
        guard window > 0 else { return }
        lock.withLock {
            if now >= nextPurge {
                parked = parked.filter { $0.value.expires > now }
                nextPurge = now + 10
            }
            if parked.count >= maximum {
                parked = parked.filter { $0.value.expires > now }
                if parked.count >= maximum, let oldest = parked.min(by: { $0.value.expires < $1.value.expires }) {
                    parked.removeValue(forKey: oldest.key)
                }
            }
            parked[conversation.token] = (conversation, now + window)
        }
    }

    /// Takes the conversation of `token` if it is parked and not expired (a token resumes once per
    /// park: a second client with the same token gets a new conversation).
    func take(_ token: String, at now: Double) -> ChatConversation? {
        lock.withLock {
            guard let entry = parked.removeValue(forKey: token), entry.expires > now else { return nil }
            return entry.conversation
        }
    }

    /// Conversations parked now (expired ones included until they are taken or pushed out).
    var count: Int { lock.withLock { parked.count } }
}
