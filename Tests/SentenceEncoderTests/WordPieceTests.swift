import SentenceEncoder
import XCTest

/// Word pieces and the special tokens, with ids read from the reference tokenizer.
final class WordPieceTests: XCTestCase {
    private let encoder = SentenceEncoder.shared

    func testWordIsSplitIntoLongestPiecesWithContinuationMarks() {
        // una ##ffa ##ble
        XCTAssertEqual(encoder.tokenize("unaffable"), [101, 14477, 20961, 3468, 102])
    }

    func testEmptyTextIsClassificationAndSeparatorOnly() {
        XCTAssertEqual(encoder.tokenize(""), [101, 102])
        XCTAssertEqual(encoder.tokenize(" \t\n"), [101, 102])
    }

    func testWordWithNoPiecesIsOneUnknown() {
        XCTAssertEqual(encoder.tokenize("头发"), [101, 100, 100, 102])
    }

    func testWordOverAHundredCharactersIsOneUnknown() {
        XCTAssertEqual(encoder.tokenize(String(repeating: "b", count: 101)), [101, 100, 102])
        XCTAssertNotEqual(encoder.tokenize(String(repeating: "b", count: 100)), [101, 100, 102])
    }

    func testPriceSentenceMatchesTheReference() {
        XCTAssertEqual(encoder.tokenize("SMP costs $1,299!"), [101, 15488, 2361, 5366, 1002, 1015, 1010, 25926, 999, 102])
    }
}
