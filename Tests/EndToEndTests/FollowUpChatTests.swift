import Foundation
import XCTest

/// Follow-ups read with the previous answer, related entries offered as numbered suggestions, and
/// multi-turn cases of `faqbot eval`, through the real executable and the bundled knowledge.
extension ChatTests {
    func testAFollowUpIsReadWithThePreviousAnswerAndANumberPicksARelatedEntry() throws {
        let outcome = try Executable.run(["--json"] + knowledge, input: """
        can smp be removed?
        how many sessions does it need?
        2
        is that painful?
        """)
        XCTAssertEqual(outcome.status, 0, outcome.standardError)
        let replies = outcome.lines.dropFirst().map { Executable.json($0) }
        XCTAssertEqual(replies.map { $0["id"] as? String }, ["removal", "removal", "side-effects", "pain-and-numbing"],
                       "the removal sessions, not the SMP sessions")
        let suggested = (replies[0]["suggestions"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        XCTAssertEqual(suggested, ["how-long-it-lasts", "side-effects"])
        XCTAssertTrue((replies[0]["text"] as? String ?? "").hasSuffix("You may also want to know:\n"
            + "1. How long does scalp micropigmentation last?\n2. What are the side effects of scalp micropigmentation?"))
    }

    func testEvalReadsMultiTurnCasesAndReportsTheGainOfContext() throws {
        let file = try temporaryFile("""
        question\texpected\tkind\thalf
        can smp be removed? >> how many sessions does it need?\tremoval\tfaq\theld
        how long does it take to heal\thealing-time\tfaq\theld
        """)
        let outcome = try Executable.run(["eval"] + knowledge + [file])
        XCTAssertEqual(outcome.status, 0, outcome.standardError)
        XCTAssertTrue(outcome.standardOutput.contains("follow-ups: 1/1 right read with the previous answer (0 wrong), 0/1 read alone (1 wrong)"),
                      outcome.standardOutput)
        let empty = try temporaryFile("how long to heal >> \thealing-time\n")
        let refused = try Executable.run(["eval"] + knowledge + [empty])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.standardError.contains(":1: an empty turn: write 'first line >> follow-up'"), refused.standardError)
    }

    func testTheFollowUpSetMeetsItsMeasuredLevelOnTheHeldOutHalf() throws {
        let outcome = try Executable.run(["eval"] + knowledge + ["--half", "held", "--min-answered", "0.85",
                                                                  Executable.knowledge + "/eval-followups.tsv"])
        XCTAssertEqual(outcome.status, 0, outcome.standardOutput + outcome.standardError)
    }
}
