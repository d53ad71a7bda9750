@testable import SentenceEncoder
import XCTest

/// Normalisation and splitting into words, before word pieces.
final class BasicTokenizerTests: XCTestCase {
    private func words(_ text: String) -> [String] {
        BasicTokenizer().words(in: text).map { String(String.UnicodeScalarView($0)) }
    }

    func testLowerCasesStripsAccentsAndSplitsPunctuation() {
        XCTAssertEqual(words("Héllo, WORLD!"), ["hello", ",", "world", "!"])
    }

    func testASCIISymbolsAreWordsOfTheirOwn() {
        XCTAssertEqual(words("$5+3=8|x"), ["$", "5", "+", "3", "=", "8", "|", "x"])
    }

    func testEachCJKIdeographIsAWordButHangulIsNot() {
        XCTAssertEqual(words("头发abc"), ["头", "发", "abc"])
        XCTAssertEqual(words("두피").count, 1)
    }

    func testFormatCharactersVanishAndUnicodeSpacesSeparate() {
        XCTAssertEqual(words("a\u{200B}b naïve\u{00A0}café\u{2009}ok"), ["ab", "naive", "cafe", "ok"])
    }

    func testControlCharactersVanishButTabsAndNewlinesSeparate() {
        XCTAssertEqual(words("be\u{7}ll\tnew\nline\r\nend"), ["bell", "new", "line", "end"])
    }

    func testDottedCapitalIBecomesPlainIAfterItsDotIsStripped() {
        // İ decomposes to I + U+0307; the mark goes with the accents, then I is lower-cased.
        XCTAssertEqual(words("İstanbul"), ["istanbul"])
    }

    func testDevanagariVowelSignsStayButNonSpacingMarksGo() {
        // U+093F (vowel sign i, spacing) stays; U+0902 (anusvara, non-spacing) is stripped.
        XCTAssertEqual(words("हिंदी").first.map { $0.unicodeScalars.map(\.value) }, [0x939, 0x93F, 0x926, 0x940])
    }
}
