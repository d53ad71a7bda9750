import Foundation
import XCTest
@testable import FAQTransport

final class TerminalSafeTextTests: XCTestCase {
    func testControlAndFormatCharactersAreShownEscaped() {
        XCTAssertEqual(TerminalSafeText.escaped("a\u{1B}[2Jb\u{7}c\u{9B}d\u{85}e\u{7F}f\ng\th"),
                       #"a\u{1B}[2Jb\u{7}c\u{9B}d\u{85}e\u{7F}f\u{A}g\u{9}h"#)
        XCTAssertEqual(TerminalSafeText.escaped("x\u{202E}y\u{2066}z\u{2028}w\u{200B}v\u{E0001}"),
                       #"x\u{202E}y\u{2066}z\u{2028}w\u{200B}v\u{E0001}"#)
        // Ordinary text, accents, emoji with joiners: unchanged.
        let plain = "Zoë O'Neil 👨\u{200D}👩 नमस्ते"
        XCTAssertEqual(TerminalSafeText.escaped(plain), plain)
    }

    func testJSONEscapingKeepsTheSameValue() throws {
        // A tab is JSON white space between values, so it stays.
        let line = "{\"note\":\t\"a\u{1B}b\u{2028}c\u{E0001}d\"}"
        let escaped = TerminalSafeText.escapedJSON(line)
        XCTAssertEqual(escaped, "{\"note\":\t" + #""a\u001bb\u2028c\udb40\udc01d"}"#)
        let value = try JSONSerialization.jsonObject(with: Data(escaped.utf8)) as? [String: String]
        XCTAssertEqual(value?["note"], "a\u{1B}b\u{2028}c\u{E0001}d")
    }

    func testTheServerLogEscapesWhatItWrites() throws {
        var ends: [Int32] = [-1, -1]
        XCTAssertEqual(pipe(&ends), 0)
        defer { close(ends[0]) }
        ServerLog(fd: ends[1]).write("path /tmp/\u{1B}]0;title\u{7}")
        close(ends[1])
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = read(ends[0], &buffer, buffer.count)
        XCTAssertEqual(String(decoding: buffer[0..<max(0, count)], as: UTF8.self),
                       "faqbot serve: path /tmp/\\u{1B}]0;title\\u{7}\n")
    }
}
