import FAQDialogue
import XCTest
@testable import FAQTransport

final class ReplyFormatTests: XCTestCase {
    func testJSONIsOneLine() {
        let encoded = ReplyFormat.json.encode(Reply(type: .answer, text: "two\nlines", id: "x", score: 0.5))
        XCTAssertEqual(encoded, "{\"type\":\"answer\",\"text\":\"two\\nlines\",\"id\":\"x\",\"score\":0.500}\n")
    }

    func testTextIsTheLinesThenAnEmptyLine() {
        XCTAssertEqual(ReplyFormat.text.encode(Reply(type: .answer, text: "one\ntwo")), "one\ntwo\n\n")
    }

    func testEmptyLinesInsideTextBecomeASpaceSoOnlyTheEndIsEmpty() {
        XCTAssertEqual(ReplyFormat.text.encode(Reply(type: .help, text: "a\n\nb\r\n\r\nc\r")), "a\n \nb\n \nc\n \n\n")
        XCTAssertEqual(ReplyFormat.text.encode(Reply(type: .help, text: "")), " \n\n")
    }

    func testBusyIdleAndShutdownRepliesCarryTheirCodes() {
        XCTAssertEqual(Reply.busy.code, "busy")
        XCTAssertEqual(Reply.busy.type, .error)
        XCTAssertEqual(Reply.idleTimeout(seconds: 300).code, "idle_timeout")
        XCTAssertEqual(Reply.idleTimeout(seconds: 300).type, .bye)
        XCTAssertTrue(Reply.idleTimeout(seconds: 300).text.contains("300 seconds"))
        XCTAssertEqual(Reply.shutdown.type, .bye)
        XCTAssertEqual(Reply.shutdown.code, "shutdown")
    }
}
