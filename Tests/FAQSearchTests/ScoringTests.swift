import FAQSearch
import XCTest

/// Values computed by hand on a three-document corpus:
/// d0 = {a: 1, b: 1}, d1 = {a: 2}, d2 = {c: 1}; N = 3.
final class ScoringTests: XCTestCase {
    let index = InvertedIndex(documents: [["a": 1, "b": 1], ["a": 2], ["c": 1]])

    func testInvertedIndexCountsPostings() {
        XCTAssertEqual(index.documentCount, 3)
        XCTAssertEqual(index.documentFrequency(of: "a"), 2)
        XCTAssertEqual(index.documentFrequency(of: "b"), 1)
        XCTAssertEqual(index.documentFrequency(of: "zzz"), 0)
        XCTAssertEqual(index.documentLengths, [2, 2, 1])
        XCTAssertEqual(index.averageDocumentLength, 5.0 / 3.0, accuracy: 1e-9)
    }

    func testSmoothedIDF() {
        // idf(a) = ln(4/3) + 1 = 1.287682; idf(b) = ln(4/2) + 1 = 1.693147
        XCTAssertEqual(InverseDocumentFrequency.smoothed(documentFrequency: 2, documentCount: 3), 1.287682, accuracy: 1e-6)
        XCTAssertEqual(InverseDocumentFrequency.smoothed(documentFrequency: 1, documentCount: 3), 1.693147, accuracy: 1e-6)
    }

    /// d0: a = 1.287682, b = 1.693147, |d0| = sqrt(1.658125 + 2.866747) = 2.127175
    /// → a = 0.605350, b = 0.795963. d1: a = (1 + ln 2)·1.287682 → normalised 1. d2: c → 1.
    func testTFIDFPostingWeightsAreSublinearAndCosineNormalised() {
        let weights = TFIDFWeighting().postingWeights(for: index)
        func weight(_ term: String, _ document: Int32) -> Double {
            let number = Int(index.termNumbers[term]!)
            let position = index.postingRange(ofNumber: number).first { index.postingDocuments[$0] == document }!
            return Double(weights[position])
        }
        XCTAssertEqual(weight("a", 0), 0.605350, accuracy: 1e-5)
        XCTAssertEqual(weight("b", 0), 0.795963, accuracy: 1e-5)
        XCTAssertEqual(weight("a", 1), 1.0, accuracy: 1e-6)
        XCTAssertEqual(weight("c", 2), 1.0, accuracy: 1e-6)
        XCTAssertEqual(TFIDFWeighting.sublinear(2), 1.693147, accuracy: 1e-6)
    }

    /// idf_bm25(a) = ln(1 + (3 − 2 + 0.5)/(2 + 0.5)) = ln 1.6 = 0.470004.
    /// d1: tf 2, len 2, avg 5/3: 2·2.2 / (2 + 1.2·(0.25 + 0.75·1.2)) = 4.4 / 3.38 = 1.301775 → 0.611839.
    func testBM25PostingWeight() {
        let weights = BM25Weighting().postingWeights(for: index)
        let number = Int(index.termNumbers["a"]!)
        let position = index.postingRange(ofNumber: number).first { index.postingDocuments[$0] == 1 }!
        XCTAssertEqual(Double(weights[position]), 0.611839, accuracy: 1e-5)
    }

    func testCosineScoresOfAQuery() {
        // With answers only, each entry is one of the documents above.
        let entries = [Entry(id: "d0", question: "q0", answer: "alpha beta"),
                       Entry(id: "d1", question: "q1", answer: "alpha alpha"),
                       Entry(id: "d2", question: "q2", answer: "gamma")]
        var configuration = SearchConfiguration(fieldWeights: FieldWeights(question: 0, alternative: 0, answer: 1),
                                                correctsSpelling: false, phrasingShare: 0)
        configuration.genericWordWeight = 1
        let engine = SearchEngine(entries: entries, configuration: configuration)
        // Query "alpha": cosine is d1 = 1, d0 = 0.605350.
        let single = engine.search("alpha").ranked
        XCTAssertEqual(single.map(\.position), [1, 0])
        XCTAssertEqual(single[0].score, 1, accuracy: 1e-6)
        XCTAssertEqual(single[1].score, 0.605350, accuracy: 1e-5)
        // Query "alpha beta": the query vector equals d0's, so d0 = 1 and d1 = 0.605350.
        let pair = engine.search("alpha beta").ranked
        XCTAssertEqual(pair.map(\.position), [0, 1])
        XCTAssertEqual(pair[0].score, 1, accuracy: 1e-5)
        XCTAssertEqual(pair[1].score, 0.605350, accuracy: 1e-5)
        // An unknown word lengthens the query vector: "alpha zeta" against d1 = 1.287682 / sqrt(1.287682² + 2.386294²)
        // where 2.386294 = ln(4/1) + 1 is the idf of a word no document has.
        let withUnknown = engine.search("alpha zeta").ranked
        XCTAssertEqual(withUnknown[0].score, 1.287682 / (1.287682 * 1.287682 + 2.386294 * 2.386294).squareRoot(), accuracy: 1e-5)
        XCTAssertEqual(engine.search("alpha zeta").unknownWords, ["zeta"])
    }

    func testQueryTouchesOnlyDocumentsWithItsTerms() {
        // 10,000 entries: enough for the build to analyse blocks on several threads.
        let entries = (0..<10_000).map { Entry(id: "e\($0)", question: "question \($0)", answer: "filler text number \($0)") }
        let engine = SearchEngine(entries: entries)
        for number in [0, 999, 4096, 8191, 8192, 9999] {
            let result = engine.search("\(number)")
            XCTAssertEqual(result.ranked.first.map { engine.entries[$0.position].id }, "e\(number)")
            XCTAssertEqual(result.ranked.count, 1, "only the entry with that number shares a term")
        }
        XCTAssertTrue(engine.search("nothing-like-this").ranked.isEmpty)
    }

    func testFillerOnlyQuestionsNameATopicOnlyWhenStaffWroteThatPhrasing() {
        let entries = [Entry(id: "normal", question: "Is it normal?", alternatives: ["Will it look normal soon?"],
                             answer: "Redness after a session is normal and fades."),
                       Entry(id: "last", question: "How long does it last?", answer: "Years.")]
        let engine = SearchEngine(entries: entries)
        XCTAssertTrue(engine.search("is it normal").hasKnownWord, "restates the question")
        XCTAssertTrue(engine.search("will it look normal soon?").hasKnownWord, "restates an alternative")
        XCTAssertFalse(engine.search("is it normal soon").hasKnownWord, "filler words that no phrasing has together")
        XCTAssertFalse(engine.search("is it fine").hasKnownWord)
    }

    func testExplainListsTermContributionsSummingToTheEntryScore() {
        let entries = [Entry(id: "x", question: "healing time", answer: "healing takes two weeks"),
                       Entry(id: "y", question: "cost", answer: "it costs money")]
        let engine = SearchEngine(entries: entries, configuration: SearchConfiguration(phrasingShare: 0))
        let parts = engine.explain("healing weeks", position: 0)
        XCTAssertEqual(Set(parts.map(\.term)), ["heal", "week"])
        let total = parts.reduce(0) { $0 + $1.contribution }
        XCTAssertEqual(total, engine.search("healing weeks").ranked[0].score, accuracy: 1e-9)
    }
}
