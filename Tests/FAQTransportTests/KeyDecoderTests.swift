import FAQTransport
import XCTest

final class KeyDecoderTests: XCTestCase {
    /// The keys `bytes` decode to, fed one byte at a time.
    private func keys(_ bytes: String) -> [TerminalKey] {
        var decoder = KeyDecoder()
        return Array(bytes.utf8).compactMap { decoder.feed($0) }
    }

    func testArrowsInBothForms() {
        XCTAssertEqual(keys("\u{1B}[A\u{1B}[B\u{1B}[C\u{1B}[D"), [.up, .down, .right, .left])
        XCTAssertEqual(keys("\u{1B}OA\u{1B}OB\u{1B}OC\u{1B}OD"), [.up, .down, .right, .left])
        XCTAssertEqual(keys("\u{1B}[1;5C"), [.right], "modifiers are ignored")
    }

    func testEditingKeysAndPasteMarkers() {
        XCTAssertEqual(keys("\u{1B}[3~\u{7F}\u{08}\r\n\t"), [.delete, .backspace, .backspace, .enter, .control("j"), .tab])
        XCTAssertEqual(keys("\u{1B}[200~x\u{1B}[201~"), [.pasteStart, .text("x"), .pasteEnd])
        XCTAssertEqual(keys("\u{01}\u{05}\u{17}"), [.control("a"), .control("e"), .control("w")])
    }

    func testUnknownSequencesYieldNothingAndDecodingGoesOn() {
        XCTAssertEqual(keys("\u{1B}[15~\u{1B}OP\u{1B}[?25h\u{1B}[<0;3;4Ma"), [.text("a")])
        var decoder = KeyDecoder()
        _ = decoder.feed(0x1B)
        XCTAssertTrue(decoder.isInsideSequence)
        XCTAssertNil(decoder.feed(UInt8(ascii: "[")))
        XCTAssertEqual(decoder.feed(UInt8(ascii: "H")), .home)
        XCTAssertFalse(decoder.isInsideSequence)
    }

    func testALoneEscapeThatTimesOutDoesNotSwallowTheNextKey() {
        var decoder = KeyDecoder()
        XCTAssertNil(decoder.feed(0x1B))
        XCTAssertTrue(decoder.isAfterEscape)
        decoder.endLoneEscape()   // nothing followed within the wait: it was the Esc key
        XCTAssertFalse(decoder.isAfterEscape)
        XCTAssertEqual(decoder.feed(UInt8(ascii: "a")), .text("a"))
        XCTAssertNil(decoder.feed(0x1B))
        XCTAssertNil(decoder.feed(UInt8(ascii: "a")), "ESC then a at once is Alt-a: ignored")
        _ = decoder.feed(0x1B)
        _ = decoder.feed(UInt8(ascii: "["))
        decoder.endLoneEscape()   // only a lone ESC ends so
        XCTAssertEqual(decoder.feed(UInt8(ascii: "D")), .left)
    }

    func testUTF8ScalarsAcrossBytes() {
        XCTAssertEqual(keys("é日😀"), [.text("é"), .text("日"), .text("😀")])
    }
}
