@testable import FAQDialogue
import FAQSearch
import XCTest

/// How the encoder's closeness to the safety intents' examples turns an unsure line into a safety
/// reply: only when nothing else (an entry, another intent, a counter-example) is closer.
final class SecondOpinionFuseTests: XCTestCase {
    let thresholds = SecondOpinion.Thresholds()
    let safety = SafetyCheck(rules: [], dictionary: [])
    let unsure = AnswerPolicy.Decision.fallback(score: 0.1)

    func closeness(crisis: Float, complication: Float = 0, entry: Float = 0.2, otherIntent: Float = 0,
                   unlikeCrisis: Float = 0, unlikeComplication: Float = 0) -> SecondOpinion.Closeness {
        SecondOpinion.Closeness(entries: [(position: 0, cosine: entry)], safety: ["crisis": crisis, "complication": complication],
                                counterExamples: ["crisis": unlikeCrisis, "complication": unlikeComplication],
                                otherIntent: otherIntent)
    }

    func fused(_ view: SecondOpinion.Closeness) -> Assistant.Understanding {
        Assistant.fuse(unsure, candidates: [0], with: view, thresholds: thresholds, text: "a line", safety: safety)
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
