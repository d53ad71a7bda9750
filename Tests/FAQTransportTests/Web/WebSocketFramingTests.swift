import FAQDialogue
@testable import FAQTransport
import XCTest

/// How a WebSocket connection turns the line protocol's reply lines into text messages, without a
/// socket (the descriptor is never used by framing).
final class WebSocketFramingTests: XCTestCase {
    private func connection() -> (Connection, ChatConversation) {
        let lineProtocol = LineProtocol(session: TestAssistant.session(), format: .json, maximumLineLength: 100)
        lineProtocol.isOverWebSocket = true
        let conversation = ChatConversation(lineProtocol: lineProtocol, kept: 8)
        let connection = Connection(fd: -1, state: ConnectionState(lineProtocol: lineProtocol, at: 0, limits: .init()))
        connection.webSocket = WebSocketProtocol(maximumMessageBytes: 1000)
        connection.conversation = conversation
        return (connection, conversation)
    }

    func testEachReplyLineBecomesOneTextMessageAndIsKeptForResuming() {
        let (connection, conversation) = connection()
        connection.state.lineProtocol!.greet(into: &connection.output, resumeToken: conversation.token)
        _ = connection.state.lineProtocol!.receive(Array("/help\n\n".utf8), into: &connection.output)
        connection.frameReplies()
        var messages: [String] = []
        var index = 0
        while index < connection.output.count {
            XCTAssertEqual(connection.output[index], 0x81, "FIN and text")
            var length = Int(connection.output[index + 1])
            var start = index + 2
            if length == 126 { length = Int(connection.output[index + 2]) << 8 | Int(connection.output[index + 3]); start += 2 }
            messages.append(String(decoding: connection.output[start..<(start + length)], as: UTF8.self))
            index = start + length
        }
        XCTAssertEqual(messages.count, 3)
        XCTAssertTrue(messages[0].hasPrefix(#"{"type":"welcome""#) && messages[0].hasSuffix(#","resume":"\#(conversation.token)"}"#))
        XCTAssertTrue(messages[1].hasPrefix(#"{"type":"help""#))
        XCTAssertTrue(messages[2].contains(#""code":"empty_line""#))
        XCTAssertEqual(conversation.replyCount, 3)
        XCTAssertEqual(conversation.replies(after: 1).map { String(decoding: $0, as: UTF8.self) }, Array(messages[1...]))
        XCTAssertEqual(connection.framedEnd, connection.output.count)
        let before = connection.output
        connection.frameReplies()
        XCTAssertEqual(connection.output, before, "framing twice changes nothing")
    }

    func testNothingIsFramedAfterTheCloseFrameButRepliesAreStillKept() {
        let (connection, conversation) = connection()
        connection.closeWebSocket(.goingAway, reason: "idle")
        let closed = connection.output
        connection.state.lineProtocol!.finish(with: .shutdown, into: &connection.output)
        connection.frameReplies()
        XCTAssertEqual(connection.output, closed)
        XCTAssertEqual(conversation.replyCount, 1)
    }
}
