import XCTest
@testable import FAQTransport

final class LineFramerTests: XCTestCase {
    private func events(_ text: String, limit: Int = 64, chunk: Int = .max) -> [LineFramer.Event] {
        events(Array(text.utf8), limit: limit, chunk: chunk)
    }

    private func events(_ bytes: [UInt8], limit: Int = 64, chunk: Int = .max) -> [LineFramer.Event] {
        var framer = LineFramer(maximumLineLength: limit)
        var result: [LineFramer.Event] = []
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + chunk)
            result += framer.feed(Array(bytes[start..<end]))
            start = end
        }
        return result + framer.finish()
    }

    func testLFCRLFAndBareCREachEndALine() {
        XCTAssertEqual(events("a\nb\r\nc\rd"), [.line("a"), .line("b"), .line("c"), .line("d")])
    }

    func testByteAtATimeGivesTheSameEventsAsOneChunk() {
        let text = "how much\r\ncosts\rhealing?\n\n" + String(repeating: "x", count: 100) + "\nok\n"
        XCTAssertEqual(events(text, chunk: 1), events(text))
        XCTAssertEqual(events(text, chunk: 1), [.line("how much"), .line("costs"), .line("healing?"), .line(""),
                                                .lineTooLong, .line("ok")])
    }

    func testCRLFSplitAcrossChunksIsOneTerminator() {
        var framer = LineFramer(maximumLineLength: 16)
        XCTAssertEqual(framer.feed(Array("a\r".utf8)), [.line("a")])
        XCTAssertEqual(framer.feed(Array("\nb\n".utf8)), [.line("b")])
    }

    func testEmptyLinesAreLines() {
        XCTAssertEqual(events("\n\r\n"), [.line(""), .line("")])
    }

    func testLineLongerThanLimitGivesOneErrorAndTheNextLineIsRead() {
        var framer = LineFramer(maximumLineLength: 8)
        XCTAssertEqual(framer.feed(Array("123456789012".utf8)), [.lineTooLong])
        XCTAssertEqual(framer.feed(Array("3456\nnext\n".utf8)), [.line("next")])
        XCTAssertLessThanOrEqual(framer.bufferedByteCount, 8)
    }

    func testOneMegabyteWithoutNewlineKeepsTheBufferBounded() {
        var framer = LineFramer(maximumLineLength: 4096)
        let block = [UInt8](repeating: 0x61, count: 65536)
        var all: [LineFramer.Event] = []
        for _ in 0..<16 {
            all += framer.feed(block)
            XCTAssertLessThanOrEqual(framer.bufferedByteCount, 4096)
        }
        XCTAssertEqual(all, [.lineTooLong])
        XCTAssertEqual(framer.feed(Array("\nhi\n".utf8)), [.line("hi")])
    }

    func testInvalidUTF8IsReportedAndTheNextLineIsRead() {
        XCTAssertEqual(events([0x66, 0xFF, 0xFE, 0x0A, 0x6F, 0x6B, 0x0A]), [.invalidUTF8, .line("ok")])
        XCTAssertEqual(events([0xC3, 0x0A]), [.invalidUTF8])
    }

    func testNULAndControlCharactersPassThroughAsText() {
        XCTAssertEqual(events([0x61, 0x00, 0x62, 0x1B, 0x0A]), [.line("a\u{0}b\u{1B}")])
    }

    func testMultibyteCharacterSplitAcrossChunks() {
        XCTAssertEqual(events("prix: 15€ ça va\n", chunk: 1), [.line("prix: 15€ ça va")])
    }
}
