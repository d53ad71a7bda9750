import FAQTransport
import XCTest

/// The line editor fed byte by byte, as a terminal in raw mode sends them.
final class LineEditorTests: XCTestCase {
    let left = "\u{1B}[D", right = "\u{1B}[C", up = "\u{1B}[A", down = "\u{1B}[B"

    /// Feeds `input` one byte at a time and collects the actions.
    func type(_ input: String, into editor: inout LineEditor) -> [LineEditor.Action] {
        Array(input.utf8).flatMap { editor.feed([$0]) }
    }

    func testTypedLineIsSubmittedOnEnterAndTheEditorEmpties() {
        var editor = LineEditor()
        XCTAssertEqual(type("how long\r", into: &editor), [.submit("how long")])
        XCTAssertEqual(editor.text, "")
        XCTAssertEqual(editor.cursor, 0)
    }

    func testLeftAndRightMoveTheCursorAndTypingInsertsThere() {
        var editor = LineEditor()
        _ = type("how lng" + left + left + "o", into: &editor)
        XCTAssertEqual(editor.text, "how long")
        XCTAssertEqual(editor.cursor, 6)
        _ = type(right + right + right + "?", into: &editor)   // The third Right rings the bell at the end.
        XCTAssertEqual(editor.text, "how long?")
    }

    func testEveryHomeAndEndSequenceMovesToTheEnds() {
        for (home, end) in [("\u{1B}[H", "\u{1B}[F"), ("\u{1B}OH", "\u{1B}OF"), ("\u{1B}[1~", "\u{1B}[4~"),
                            ("\u{1B}[7~", "\u{1B}[8~"), ("\u{01}", "\u{05}")] {
            var editor = LineEditor()
            _ = type("bc" + home + "a", into: &editor)
            XCTAssertEqual(editor.text, "abc", home.debugDescription)
            _ = type(end + "d", into: &editor)
            XCTAssertEqual(editor.text, "abcd", end.debugDescription)
        }
    }

    func testBackspaceAndDeleteRemoveAroundTheCursor() {
        var editor = LineEditor()
        _ = type("abcd" + left + left + "\u{7F}" + "\u{1B}[3~", into: &editor)
        XCTAssertEqual(editor.text, "ad")
        XCTAssertEqual(editor.cursor, 1)
        XCTAssertEqual(type("\u{1B}[H\u{7F}", into: &editor), [.bell])
    }

    func testControlUKAndWDeleteToStartToEndAndTheWordBefore() {
        var editor = LineEditor()
        _ = type("can smp be removed" + left + left + left + "\u{0B}", into: &editor)
        XCTAssertEqual(editor.text, "can smp be remo")
        _ = type("\u{17}", into: &editor)
        XCTAssertEqual(editor.text, "can smp be ")
        _ = type("\u{17}", into: &editor)
        XCTAssertEqual(editor.text, "can smp ")
        _ = type(left + left + "\u{15}", into: &editor)
        XCTAssertEqual(editor.text, "p ")
        XCTAssertEqual(editor.cursor, 0)
    }

    func testControlCClearsTheLineAndSubmitsNothing() {
        var editor = LineEditor()
        XCTAssertEqual(type("half typed\u{03}", into: &editor), [])
        XCTAssertEqual(editor.text, "")
        XCTAssertEqual(type("yes\r", into: &editor), [.submit("yes")])
    }

    func testControlDEndsOnlyOnAnEmptyLine() {
        var editor = LineEditor()
        XCTAssertEqual(type("ab\u{01}\u{04}", into: &editor), [])
        XCTAssertEqual(editor.text, "b")
        XCTAssertEqual(type("\u{0B}\u{04}", into: &editor), [.endOfInput])
    }

    func testUpAndDownWalkTheSessionsHistoryAndKeepTheDraft() {
        var editor = LineEditor()
        _ = type("first\rsecond\r\r", into: &editor)
        XCTAssertEqual(editor.history, ["first", "second"], "blank lines are not kept")
        _ = type("dra", into: &editor)
        _ = type(up, into: &editor)
        XCTAssertEqual(editor.text, "second")
        XCTAssertEqual(editor.cursor, 6)
        _ = type(up, into: &editor)
        XCTAssertEqual(editor.text, "first")
        XCTAssertEqual(type(up, into: &editor), [.bell])
        _ = type(down + down, into: &editor)
        XCTAssertEqual(editor.text, "dra")
        XCTAssertEqual(type(up + "!\r", into: &editor), [.submit("second!")])
        XCTAssertEqual(editor.history, ["first", "second", "second!"])
        _ = type(up + up + "\r", into: &editor)
        XCTAssertEqual(editor.history, ["first", "second", "second!", "second"])
        _ = type(up + "\r", into: &editor)
        XCTAssertEqual(editor.history.count, 4, "an immediate repeat is not kept twice")
    }

    func testHistoryKeepsAtMostItsLimit() {
        var editor = LineEditor(maximumHistory: 2)
        _ = type("a\rb\rc\r", into: &editor)
        XCTAssertEqual(editor.history, ["b", "c"])
    }

    func testBracketedPasteSubmitsEachLineInOrderAndKeepsTheLastForEditing() {
        var editor = LineEditor()
        let actions = type("\u{1B}[200~how much\r\ncan it be removed\rwhen can i sh\u{1B}[201~ower", into: &editor)
        XCTAssertEqual(actions, [.submit("how much"), .submit("can it be removed")])
        XCTAssertEqual(editor.text, "when can i shower")
        XCTAssertFalse(editor.isPasting)
    }

    func testPastedControlCharactersAndTabsAreNotKeys() {
        var editor = LineEditor()
        let actions = type("\u{1B}[200~a\u{04}\u{03}\tb\u{1B}[D\u{1B}[201~", into: &editor)
        XCTAssertEqual(actions, [])
        XCTAssertEqual(editor.text, "a b")
    }

    func testUnknownEscapeSequencesAreIgnoredNeverTyped() {
        var editor = LineEditor()
        // F5, F12, Insert, a mouse report, Alt-x, Ctrl-Left (moves like Left), a private mode report.
        let junk = "\u{1B}[15~\u{1B}[24~\u{1B}[2~\u{1B}[<0;10;5M\u{1B}x\u{1B}OP\u{1B}[?1;2c"
        XCTAssertEqual(type("ok" + junk + "\r", into: &editor), [.submit("ok")])
        _ = type("ab\u{1B}[1;5D!", into: &editor)
        XCTAssertEqual(editor.text, "a!b")
    }

    func testOverlongSequenceIsConsumedWhole() {
        var editor = LineEditor()
        _ = type("a\u{1B}[" + String(repeating: "1;", count: 40) + "Xb", into: &editor)
        XCTAssertEqual(editor.text, "ab")
    }

    func testUTF8ArrivingByteByByteIsOneCharacterAndTheCursorMovesByGrapheme() {
        var editor = LineEditor()
        _ = type("é日😀ह", into: &editor)
        XCTAssertEqual(editor.characters, ["é", "日", "😀", "ह"])
        _ = type(left + left + "\u{7F}", into: &editor)
        XCTAssertEqual(editor.text, "é😀ह")
        XCTAssertEqual(editor.cursor, 1)
    }

    func testCombiningMarkJoinsTheCharacterBeforeTheCursor() {
        var editor = LineEditor()
        _ = type("e\u{0301}x", into: &editor)
        XCTAssertEqual(editor.characters, ["e\u{0301}", "x"])
        _ = type(left + left + right, into: &editor)
        XCTAssertEqual(editor.cursor, 1)
        _ = type("हि", into: &editor)   // ह then the vowel sign i: one grapheme.
        XCTAssertEqual(editor.characters.count, 3)
        XCTAssertEqual(editor.cursor, 2)
    }

    func testInvalidUTF8IsDropped() {
        var editor = LineEditor()
        var actions = editor.feed([0x61, 0xFF, 0xC3, 0x41, 0x80, 0x62])
        actions += editor.feed([0x0D])
        XCTAssertEqual(actions, [.submit("aAb")])
    }

    func testTypingPastTheLimitRingsTheBell() {
        var editor = LineEditor(maximumLineLength: 4)
        XCTAssertEqual(type("abcd", into: &editor), [])
        XCTAssertEqual(type("e", into: &editor), [.bell])
        XCTAssertEqual(editor.text, "abcd")
    }

    func testControlZSuspendsAndControlLClears() {
        var editor = LineEditor()
        XCTAssertEqual(type("\u{1A}\u{0C}", into: &editor), [.suspend, .clearScreen])
    }
}
