import FAQSearch
import XCTest

final class SynonymAndSpellingTests: XCTestCase {
    let analyzer = Analyzer(synonyms: Analyzer().synonymTable(from: [
        ["minoxidil", "rogaine", "regaine"],
        ["exercise", "work out", "gym"],
        ["hair loss", "balding"],
    ]))

    func testMemberAddsTheGroupTerm() {
        XCTAssertEqual(analyzer.terms(of: "Is Rogaine ok?"), ["~minoxidil"])
        XCTAssertEqual(analyzer.terms(of: "minoxidil"), ["~minoxidil"])
    }

    func testPhraseMatchesBeforeStopWordsAreRemoved() {
        // "out" is a stop word, yet "work out" still matches as a phrase; its generic "work" is dropped.
        XCTAssertEqual(analyzer.terms(of: "can I work out"), ["~exercis"])
    }

    func testSpecificWordsOfAPhraseAreKeptBesideTheGroupTerm() {
        XCTAssertEqual(analyzer.terms(of: "hair loss"), ["hair", "loss", "~hair_loss"])
        XCTAssertEqual(analyzer.terms(of: "balding"), ["~hair_loss"])
    }

    func testPartOfAPhraseAloneDoesNotMatch() {
        XCTAssertEqual(analyzer.terms(of: "back to work"), ["back", "work"])
    }

    func testPhraseWordsAreMarkedAsKnown() {
        let result = analyzer.analyze("rogaine", spelling: nil)
        XCTAssertTrue(result.terms.allSatisfy(\.isInSynonymGroup))
    }

    let corrector = SpellingCorrector(
        vocabulary: ["micropigmentation": 5, "shampoo": 1, "session": 4, "sessions": 2, "hair": 9, "heal": 3],
        dictionary: ["hail", "shampoo", "hair"])

    func testMisspeltWordsAreCorrected() {
        XCTAssertEqual(corrector.correction(for: "micropigmantation"), "micropigmentation")
        XCTAssertEqual(corrector.correction(for: "shampo"), "shampoo")
        XCTAssertEqual(corrector.correction(for: "sesion"), "session")
        XCTAssertEqual(corrector.correction(for: "sesisons"), "sessions")  // two edits in a long word
    }

    func testTransposedLettersCountAsOneEdit() {
        XCTAssertEqual(corrector.correction(for: "haeling"), nil)  // 7 letters, "healing" not in vocabulary
        XCTAssertEqual(corrector.correction(for: "sessoin"), "session")
    }

    func testRealWordIsNeverCorrected() {
        XCTAssertNil(corrector.correction(for: "hail"))
        XCTAssertNil(corrector.correction(for: "hair"))
    }

    func testShortOrDistantWordsAreLeftAlone() {
        XCTAssertNil(corrector.correction(for: "hea"))
        XCTAssertNil(corrector.correction(for: "pizza"))
    }

    func testEditDistance() {
        XCTAssertEqual(SpellingCorrector.distance("kitten", "sitting"), 3)
        XCTAssertEqual(SpellingCorrector.distance("ab", "ba"), 1)
        XCTAssertEqual(SpellingCorrector.distance("", "abc"), 3)
    }
}
