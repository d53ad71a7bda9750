@testable import FAQDialogue
import FAQSearch
import XCTest

/// How the encoder's closeness to the safety intents' examples turns an unsure line into a safety
/// reply (only when nothing else, an entry, another intent or a counter-example, is closer), and how
/// its closeness to the entries and the words' relevance make an answer together.
final class SecondOpinionFuseTests: XCTestCase {
    let thresholds = SecondOpinion.Thresholds()
    let safety = SafetyCheck(rules: [])
    let cues = CueMarker(rules: []).mark(CueText("a line", dictionary: []))
    let unsure = AnswerPolicy.Decision.fallback(score: 0.1)

    func closeness(crisis: Float, complication: Float = 0, entry: Float = 0.2, otherIntent: Float = 0,
                   unlikeCrisis: Float = 0, unlikeComplication: Float = 0) -> SecondOpinion.Closeness {
        SecondOpinion.Closeness(entries: [(position: 0, cosine: entry)], safety: ["crisis": crisis, "complication": complication],
                                counterExamples: ["crisis": unlikeCrisis, "complication": unlikeComplication],
                                otherIntent: otherIntent)
    }

    func fused(_ view: SecondOpinion.Closeness) -> Assistant.Understanding {
        Assistant.fuse(unsure, ranked: [], with: view, thresholds: thresholds, cues: cues, safety: safety)
    }

    /// The fused decision for `decision`, the words' `relevance` of entries 0, 1, 2 and the
    /// encoder's `cosines` of the same entries.
    func fused(_ decision: AnswerPolicy.Decision, relevance: [Double], cosines: [Float],
               nearSafety: Float = 0) -> Assistant.Understanding {
        let ranked = relevance.enumerated().map { SearchEngine.RankedEntry(position: $0.offset, score: $0.element, coverage: 0.5) }
        let view = SecondOpinion.Closeness(entries: cosines.enumerated().map { (position: $0.offset, cosine: $0.element) },
                                           safety: ["crisis": nearSafety, "complication": nearSafety], counterExamples: [:], otherIntent: 0)
        return Assistant.fuse(decision, ranked: ranked, with: view, thresholds: thresholds, cues: cues, safety: safety)
    }

    func testTheWordsAndTheEncoderTogetherAnswerWithAnEntryNeitherPutFirst() {
        // The words prefer entry 0 a little, the encoder entry 1 a little; entry 1 is ahead in sum.
        let decision = fused(.clarify(positions: [0, 1], score: 0.5), relevance: [0.6, 0.55, 0.1], cosines: [0.55, 0.7, 0.2])
        // Its confidence is the words' for it (coverage 0.5), as for any answer.
        XCTAssertEqual(decision, .question(.answer(position: 1, score: 0.5)))
    }

    func testAnUnsureWordAnswerTheEncoderDoesNotBackBecomesADidYouMean() {
        let decision = fused(.answer(position: 0, score: 0.8), relevance: [0.6, 0.58, 0.1], cosines: [0.4, 0.41, 0.2])
        XCTAssertEqual(decision, .question(.clarify(positions: [0, 1, 2], score: 0.8)))
    }

    func testAnUnsureWordAnswerIsNotTurnedIntoASafetyReply() {
        // Near the safety examples, but the words answered: the encoder's safety verdict is for lines
        // they did not answer ("I'd like to consult the doctor about my hair loss").
        let decision = fused(.answer(position: 0, score: 0.8), relevance: [0.9, 0.2, 0.1], cosines: [0.5, 0.3, 0.2],
                             nearSafety: 0.9)
        XCTAssertEqual(decision, .question(.answer(position: 0, score: 0.5)))
    }

    func testAWordsFallbackIsAnsweredOnlyWhenTheEncoderIsSureOfAnEntryTheWordsFound() {
        // Entry 2 is the closest in meaning, but the words did not find it.
        XCTAssertEqual(fused(unsure, relevance: [0.3, 0.1], cosines: [0.5, 0.45, 0.9]), .question(unsure))
        // The words found entry 0, and it is close (0.6 on) and clearly ahead (0.06) in meaning.
        XCTAssertEqual(fused(unsure, relevance: [0.3, 0.1], cosines: [0.7, 0.45, 0.3]),
                       .question(.answer(position: 0, score: Double(Float(0.7)))))
        XCTAssertEqual(fused(unsure, relevance: [0.3, 0.1], cosines: [0.7, 0.67, 0.3]), .question(unsure))
    }

    func testCrisisWhenItsExamplesAreTheClosest() {
        XCTAssertEqual(fused(closeness(crisis: 0.6, entry: 0.5, otherIntent: 0.4, unlikeCrisis: 0.55)),
                       .intent(id: "crisis", score: Double(Float(0.6))))
    }

    func testNotCrisisWhenACounterExampleAnotherIntentOrAnEntryIsCloser() {
        XCTAssertEqual(fused(closeness(crisis: 0.6, unlikeCrisis: 0.65)), .question(unsure), "ugh I hate my bald spot")
        XCTAssertEqual(fused(closeness(crisis: 0.6, otherIntent: 0.7)), .question(unsure), "can I come in tomorrow")
        XCTAssertEqual(fused(closeness(crisis: 0.55, entry: 0.58)), .question(unsure))
    }

    func testNotCrisisBelowTheThresholdEvenWhenClosest() {
        XCTAssertEqual(fused(closeness(crisis: thresholds.crisis - 0.01, entry: 0.1)), .question(unsure))
    }

    func testComplicationNeedsItsOwnExamplesClosestToo() {
        XCTAssertEqual(fused(closeness(crisis: 0.1, complication: 0.7, entry: 0.5)),
                       .intent(id: "complication", score: Double(Float(0.7))))
        XCTAssertEqual(fused(closeness(crisis: 0.1, complication: 0.7, entry: 0.5, unlikeComplication: 0.75)), .question(unsure))
    }
}
