import FAQDialogue
@testable import FAQTransport
import XCTest

final class ChatConversationTests: XCTestCase {
    private func conversation(kept: Int = 3) -> ChatConversation {
        ChatConversation(lineProtocol: LineProtocol(session: TestAssistant.session(), format: .json, maximumLineLength: 100), kept: kept)
    }

    func testTokensAre128RandomBitsInHex() {
        let tokens = (0..<1000).map { _ in ChatConversation.makeToken() }
        XCTAssertEqual(Set(tokens).count, tokens.count)
        XCTAssertTrue(tokens.allSatisfy { $0.count == 32 && $0.allSatisfy(\.isHexDigit) })
    }

    func testRepliesAfterWhatTheClientSawAreReplayedAsFarAsKept() {
        let chat = conversation()
        for reply in ["a", "b", "c", "d"] { chat.record(ArraySlice(reply.utf8)) }
        XCTAssertEqual(chat.replyCount, 4)
        XCTAssertEqual(chat.replies(after: 2).map { String(decoding: $0, as: UTF8.self) }, ["c", "d"])
        XCTAssertEqual(chat.replies(after: 4), [])
        XCTAssertEqual(chat.replies(after: 9), [])
        XCTAssertEqual(chat.replies(after: 0).map { String(decoding: $0, as: UTF8.self) }, ["b", "c", "d"], "only the last 3 are kept")
    }

    func testAParkedConversationIsTakenOnceWithinTheWindow() {
        let store = ResumeStore(window: 10, maximum: 100)
        let chat = conversation()
        store.park(chat, at: 100)
        XCTAssertNil(store.take("other", at: 101))
        XCTAssertTrue(store.take(chat.token, at: 109.9) === chat)
        XCTAssertNil(store.take(chat.token, at: 109.9), "a token resumes once")
        store.park(chat, at: 200)
        XCTAssertNil(store.take(chat.token, at: 210), "expired")
    }

    func testTheStoreIsBoundedAndDropsTheFirstToExpire() {
        let store = ResumeStore(window: 10, maximum: 2)
        let first = conversation(), second = conversation(), third = conversation()
        store.park(first, at: 1)
        store.park(second, at: 2)
        store.park(third, at: 3)
        XCTAssertEqual(store.count, 2)
        XCTAssertNil(store.take(first.token, at: 4))
        XCTAssertNotNil(store.take(third.token, at: 4))
        let off = ResumeStore(window: 0, maximum: 2)
        off.park(first, at: 0)
        XCTAssertEqual(off.count, 0, "--resume-window 0 keeps nothing")
    }
}
