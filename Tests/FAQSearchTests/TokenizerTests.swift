import FAQSearch
import XCTest

final class TokenizerTests: XCTestCase {
    let tokenizer = Tokenizer()

    func testFoldsCaseAndDiacritics() {
        XCTAssertEqual(tokenizer.tokens(in: "Café NAÏVE Crème"), ["cafe", "naive", "creme"])
    }

    func testEmojiOfOnePlainMeaningReadAsWords() {
        XCTAssertEqual(Tokenizer().tokens(in: "🔪🩸 me tonight"), ["knife", "blood", "me", "tonight"])
        XCTAssertEqual(Tokenizer().tokens(in: "since the session🤒"), ["since", "the", "session", "fever"])
        XCTAssertEqual(Tokenizer().tokens(in: "great work 👍💀"), ["great", "work"], "other emoji still separate")
        XCTAssertEqual(Tokenizer().tokens(in: "📅 tmrw? 👨‍⚕️ free"), ["appointment", "tmrw", "doctor", "free"],
                       "the doctor emoji is a man, a joiner and the staff of Aesculapius")
    }

    func testApostropheInsideWordIsDropped() {
        XCTAssertEqual(tokenizer.tokens(in: "Don't scratch the patient’s scalp"), ["dont", "scratch", "the", "patients", "scalp"])
    }

    func testQuotesAroundWordsSeparate() {
        XCTAssertEqual(tokenizer.tokens(in: "'hello' world'"), ["hello", "world"])
    }

    func testDecimalsStayOneToken() {
        XCTAssertEqual(tokenizer.tokens(in: "from 0.3 to 1 mm."), ["from", "0.3", "to", "1", "mm"])
    }

    func testRangeKeepsRangeAndItsEnds() {
        XCTAssertEqual(tokenizer.tokens(in: "4-6 years"), ["4-6", "4", "6", "years"])
    }

    func testNumbersWithUnitsAreKept() {
        XCTAssertEqual(tokenizer.tokens(in: "INR 15k to one lakh"), ["inr", "15k", "to", "one", "lakh"])
    }

    func testHyphenatedWordsSplitIntoParts() {
        XCTAssertEqual(tokenizer.tokens(in: "non-surgical, hair-loss"), ["non", "surgical", "hair", "loss"])
    }

    func testPunctuationAndSymbolsSeparate() {
        XCTAssertEqual(tokenizer.tokens(in: "what is 2+2?!smp/scalp"), ["what", "is", "2", "2", "smp", "scalp"])
    }

    func testEmptyAndSymbolOnlyTextHaveNoTokens() {
        XCTAssertEqual(tokenizer.tokens(in: ""), [])
        XCTAssertEqual(tokenizer.tokens(in: " ?! \u{0} \t "), [])
    }

    func testVeryLongWordIsCut() {
        let word = String(repeating: "ab", count: 500)
        XCTAssertEqual(tokenizer.tokens(in: word).first?.count, Tokenizer.maximumTokenLength)
    }

    func testNonLatinLettersAreKept() {
        XCTAssertEqual(tokenizer.tokens(in: "Привет мир"), ["привет", "мир"])
    }

    func testLettersTypedThreeTimesOrMoreCountOnce() {
        XCTAssertEqual(tokenizer.tokens(in: "hiii pleaseee tell me, sooo good 1000"), ["hi", "please", "tell", "me", "so", "good", "1000"])
        XCTAssertEqual(tokenizer.tokens(in: "all good, see you soon"), ["all", "good", "see", "you", "soon"], "doubles stay")
    }
}
