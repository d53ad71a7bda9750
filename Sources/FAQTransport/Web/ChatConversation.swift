import FAQDialogue

/// A WebSocket conversation that can outlive its connection: the line protocol (and so the session,
/// a booking form in progress included), its resume token and its latest replies for replaying.
///
/// `@unchecked Sendable`: used by one loop thread at a time; it passes between threads only through
/// `ResumeStore`'s lock.
final class ChatConversation: @unchecked Sendable {
    /// The token a client resumes it with (128 random bits, hex).
    let token: String
    /// The conversation's protocol.
    let lineProtocol: LineProtocol
    /// Replies sent so far (the welcome is the first).
    private(set) var replyCount = 0
    /// The last `kept` replies, a ring: reply number `n` (from 0) is at `n % kept`.
    private var recent: [[UInt8]] = []
    private let kept: Int

    /// A new conversation keeping its last `kept` replies.
    init(lineProtocol: LineProtocol, kept: Int, token: String = ChatConversation.makeToken()) {
        self.lineProtocol = lineProtocol
        self.kept = max(1, kept)
        self.token = token
    }

    /// Notes one reply (a JSON object) sent to the client.
    func record<Bytes: Collection>(_ reply: Bytes) where Bytes.Element == UInt8 {
        if recent.count < kept {
            recent.append(Array(reply))
        } else {
            recent[replyCount % kept] = Array(reply)
        }
        replyCount += 1
    }

    /// The replies after the first `seen`, as far as they are kept.
    func replies(after seen: Int) -> [[UInt8]] {
        let first = max(seen, 0, replyCount - recent.count)
        return first < replyCount ? (first..<replyCount).map { recent[$0 % kept] } : []
    }

    /// 128 bits from the system's random source (getrandom), as 32 hex digits.
    static func makeToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef")
        return String((0..<32).map { _ in digits[Int(generator.next() % 16)] })
    }
}
