import FAQTransport
import XCTest

final class LineRendererTests: XCTestCase {
    func testLayoutPutsWideCharactersOnTheNextRowWhenTheyDoNotFit() {
        let renderer = LineRenderer(prompt: "> ", width: 5)
        let (starts, end) = renderer.layout(["a", "日", "本"])
        XCTAssertEqual(starts, [.init(row: 0, column: 2), .init(row: 0, column: 3), .init(row: 1, column: 0)])
        XCTAssertEqual(end, .init(row: 1, column: 2))
    }

    func testRedrawPutsTheCursorAfterWideCharacters() {
        var renderer = LineRenderer(prompt: "> ", width: 80)
        let out = renderer.redraw(["日", "本", "x"], cursor: 2)
        XCTAssertEqual(out, "\r\u{1B}[J> 日本x\r\u{1B}[6C")
        XCTAssertEqual(renderer.cursorRow, 0)
    }

    func testRedrawOfAWrappedLineGoesBackToThePromptFirst() {
        var renderer = LineRenderer(prompt: "> ", width: 4)
        let first = renderer.redraw(Array("abcdef"), cursor: 6)   // "> ab" / "cdef" / cursor on row 2.
        XCTAssertEqual(first, "\r\u{1B}[J> abcdef\r\n\r")
        XCTAssertEqual(renderer.cursorRow, 2)
        let second = renderer.redraw(Array("abcdef"), cursor: 1)
        XCTAssertEqual(second, "\u{1B}[2A\r\u{1B}[J> abcdef\r\n\u{1B}[2A\r\u{1B}[3C")
        XCTAssertEqual(renderer.cursorRow, 0)
        XCTAssertEqual(renderer.finish(Array("abcdef")), "\u{1B}[2B\r")
    }
}
