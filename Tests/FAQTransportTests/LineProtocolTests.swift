import FAQDialogue
import Foundation
import XCTest
@testable import FAQTransport

final class LineProtocolTests: XCTestCase {
    private func makeProtocol(_ format: ReplyFormat = .json, limit: Int = 4096) -> LineProtocol {
        LineProtocol(session: TestAssistant.session(), format: format, maximumLineLength: limit)
    }

    /// Feeds `text`, returns the JSON replies it produced.
    private func replies(_ lineProtocol: LineProtocol, _ text: String, chunk: Int = .max) -> [[String: Any]] {
        var output: [UInt8] = []
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + chunk)
            _ = lineProtocol.receive(Array(bytes[start..<end]), into: &output)
            start = end
        }
        return decode(output)
    }

    private func decode(_ output: [UInt8]) -> [[String: Any]] {
        String(decoding: output, as: UTF8.self).split(separator: "\n").map { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? ["invalid": String(line)]
        }
    }

    func testGreetingIsOneWelcomeLine() {
        var output: [UInt8] = []
        makeProtocol().greet(into: &output)
        XCTAssertEqual(decode(output).map { $0["type"] as? String }, ["welcome"])
        XCTAssertEqual(output.last, 0x0A)
        XCTAssertEqual(output.filter { $0 == 0x0A }.count, 1)
    }

    func testPipelinedLinesGetOneReplyEachInOrder() {
        let result = replies(makeProtocol(), "/reset\nhow much does it cost\n\n/help\n/reset\n")
        XCTAssertEqual(result.map { $0["type"] as? String }, ["reset", "answer", "error", "help", "reset"])
        XCTAssertEqual(result[2]["code"] as? String, "empty_line")
    }

    func testByteAtATimeGivesTheSameReplies() {
        let text = "how long does it last\r\n/reset\rwhat is aftercare\n"
        let whole = replies(makeProtocol(), text).map { $0["text"] as? String }
        let bytewise = replies(makeProtocol(), text, chunk: 1).map { $0["text"] as? String }
        XCTAssertEqual(whole.count, 3)
        XCTAssertEqual(bytewise, whole)
    }

    func testOverlongLineGetsLineTooLongAndTheNextLineIsAnswered() {
        let result = replies(makeProtocol(limit: 32), String(repeating: "a", count: 100) + "\n/reset\n")
        XCTAssertEqual(result.map { $0["code"] as? String }, ["line_too_long", nil])
        XCTAssertEqual(result.last?["type"] as? String, "reset")
    }

    func testInvalidUTF8GetsInvalidUTF8() {
        var output: [UInt8] = []
        _ = makeProtocol().receive([0xFF, 0x41, 0x0A], into: &output)
        XCTAssertEqual(decode(output).first?["code"] as? String, "invalid_utf8")
    }

    func testNULBytesGetAValidJSONReply() {
        var output: [UInt8] = []
        _ = makeProtocol().receive([0x68, 0x00, 0x69, 0x0A], into: &output)
        XCTAssertEqual(decode(output).count, 1)
        XCTAssertNil(decode(output).first?["invalid"])
    }

    func testFormatSwitchesThisConnectionOnlyAndItsReplyIsInTheNewFormat() {
        let lineProtocol = makeProtocol(.json)
        var output: [UInt8] = []
        _ = lineProtocol.receive(Array("/format text\n/reset\n".utf8), into: &output)
        XCTAssertEqual(lineProtocol.format, .text)
        let text = String(decoding: output, as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("Replies are now plain text.\n\n"), text)
        XCTAssertTrue(text.hasSuffix("Let's start again. What would you like to know?\n\n"), text)
        XCTAssertEqual(makeProtocol(.json).format, .json)
    }

    func testUnknownFormatIsAnError() {
        let result = replies(makeProtocol(), "/format xml\n/FORMAT\n")
        XCTAssertEqual(result.map { $0["code"] as? String }, ["unknown_format", "unknown_format"])
    }

    func testAPipelinedFloodIsFramedOnlyAsItIsAnsweredAndEveryLineGetsItsReplyInOrder() {
        let lineProtocol = makeProtocol()
        var output: [UInt8] = []
        // 1,000 lines in one read, CRLF ends among them, answered 7 per turn as the event loop does.
        let lines = (0..<1000).map { $0 % 3 == 0 ? "/reset" : $0 % 3 == 1 ? "/format json" : "" }
        let stream = lines.enumerated().map { $0.element + ($0.offset % 2 == 0 ? "\r\n" : "\n") }.joined()
        var turns = 1
        XCTAssertEqual(lineProtocol.receive(Array(stream.utf8), into: &output, lineBudget: 7), .open)
        XCTAssertEqual(output.split(separator: 0x0A).count, 7, "only one turn's lines are answered")
        while lineProtocol.hasPendingLines {
            XCTAssertEqual(lineProtocol.continueReplying(into: &output, lineBudget: 7), .open)
            turns += 1
        }
        let types = output.split(separator: 0x0A).map { String(decoding: $0, as: UTF8.self) }
            .map { (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["type"] as? String }
        XCTAssertEqual(types, lines.map { $0 == "/reset" ? "reset" : $0.isEmpty ? "error" : "help" })
        XCTAssertEqual(turns, 143)  // ceil(1000 / 7)
        XCTAssertFalse(lineProtocol.isInsideLine)
    }

    func testAnHTTPRequestIsToldOffAndClosed() {
        let lineProtocol = makeProtocol()
        var output: [UInt8] = []
        let request = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n"
        XCTAssertEqual(lineProtocol.receive(Array(request.utf8), into: &output), .closeAfterFlush)
        XCTAssertEqual(decode(output).map { $0["code"] as? String }, ["http_not_supported"])
        XCTAssertTrue(lineProtocol.isFinished)
        for line in ["POST / HTTP/1.0", "HEAD /x HTTP/1.1", "OPTIONS * HTTP/1.1", "PRI * HTTP/2.0"] {
            XCTAssertTrue(LineProtocol.isHTTPRequestLine(line), line)
        }
        for line in ["get / http/1.1", "GET /", "GET  HTTP/1.1", "what does GET / HTTP/1.1 mean", "GET / HTTP/2"] {
            XCTAssertFalse(LineProtocol.isHTTPRequestLine(line), line)
        }
        // Only a first line can be a request line: later, the same text is a question like any other.
        XCTAssertEqual(replies(makeProtocol(), "/reset\nGET / HTTP/1.1\n").map { $0["type"] as? String }, ["reset", "fallback"])
    }

    func testQuitSaysByeAndIgnoresTheRest() {
        let lineProtocol = makeProtocol()
        var output: [UInt8] = []
        XCTAssertEqual(lineProtocol.receive(Array("/quit\n/help\n".utf8), into: &output), .closeAfterFlush)
        XCTAssertEqual(decode(output).map { $0["type"] as? String }, ["bye"])
        XCTAssertTrue(lineProtocol.isFinished)
        XCTAssertEqual(lineProtocol.receive(Array("/help\n".utf8), into: &output), .closeAfterFlush)
        XCTAssertEqual(decode(output).count, 1)
    }

    func testLineBudgetAnswersATurnAtATimeInOrder() {
        let lineProtocol = makeProtocol()
        var output: [UInt8] = []
        let lines = (0..<10).map { $0 % 2 == 0 ? "/reset\n" : "/help\n" }.joined()
        XCTAssertEqual(lineProtocol.receive(Array(lines.utf8), into: &output, lineBudget: 4), .open)
        XCTAssertEqual(decode(output).count, 4)
        XCTAssertTrue(lineProtocol.hasPendingLines)
        XCTAssertEqual(lineProtocol.continueReplying(into: &output, lineBudget: 4), .open)
        XCTAssertEqual(decode(output).count, 8)
        // Lines arriving meanwhile queue behind the pending ones.
        XCTAssertEqual(lineProtocol.receive(Array("/quit\n".utf8), into: &output, lineBudget: 0), .open)
        XCTAssertEqual(lineProtocol.continueReplying(into: &output, lineBudget: 4), .closeAfterFlush)
        XCTAssertFalse(lineProtocol.hasPendingLines)
        XCTAssertEqual(decode(output).map { $0["type"] as? String },
                       ["reset", "help", "reset", "help", "reset", "help", "reset", "help", "reset", "help", "bye"])
    }

    func testEndOfInputAnswersPendingLinesFirst() {
        let lineProtocol = makeProtocol()
        var output: [UInt8] = []
        _ = lineProtocol.receive(Array("/reset\n/help\n/reset".utf8), into: &output, lineBudget: 1)
        lineProtocol.endOfInput(into: &output)
        XCTAssertEqual(decode(output).map { $0["type"] as? String }, ["reset", "help", "reset"])
        XCTAssertFalse(lineProtocol.hasPendingLines)
    }

    func testEndOfInputAnswersTheUnfinishedLine() {
        let lineProtocol = makeProtocol()
        var output: [UInt8] = []
        _ = lineProtocol.receive(Array("/reset".utf8), into: &output)
        XCTAssertTrue(output.isEmpty)
        lineProtocol.endOfInput(into: &output)
        XCTAssertEqual(decode(output).map { $0["type"] as? String }, ["reset"])
        XCTAssertTrue(lineProtocol.isFinished)
    }

    func testOutputOverLimitStopsWithOverflow() {
        var output: [UInt8] = []
        let flood = String(repeating: "/help\n", count: 1000)
        XCTAssertEqual(makeProtocol().receive(Array(flood.utf8), into: &output, outputLimit: 10_000), .overflow)
        XCTAssertLessThan(output.count, 20_000)
    }

    func testTransportByeEndsTheConversation() {
        let lineProtocol = makeProtocol()
        var output: [UInt8] = []
        lineProtocol.finish(with: .idleTimeout(seconds: 300), into: &output)
        lineProtocol.finish(with: .shutdown, into: &output)
        XCTAssertEqual(decode(output).map { $0["code"] as? String }, ["idle_timeout"])
    }
}
