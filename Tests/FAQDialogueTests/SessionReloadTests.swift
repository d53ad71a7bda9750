import FAQDialogue
import FAQSearch
import XCTest

/// A session taking a reloaded assistant from its `AssistantSource` between lines.
final class SessionReloadTests: XCTestCase {
    /// The sample knowledge with `entries` in front and the cost answer changed to `costAnswer`.
    func assistant(adding entries: [Entry] = [], removing removed: String? = nil, costAnswer: String) -> Assistant {
        var knowledge = SampleKnowledge.base
        knowledge.entries = entries + knowledge.entries.filter { $0.id != removed }.map { entry in
            entry.id == "cost" ? Entry(id: "cost", question: entry.question, alternatives: entry.alternatives, answer: costAnswer) : entry
        }
        return Assistant(knowledge: knowledge)
    }

    func testTheNextLineIsAnsweredWithTheNewAssistant() {
        let source = AssistantSource(assistant(costAnswer: "old"))
        let session = Session(assistant: source.current)
        session.assistantSource = source
        XCTAssertEqual(session.respond(to: "how much does smp cost").text, "old")
        source.replace(with: assistant(costAnswer: "new"))
        XCTAssertEqual(session.respond(to: "how much does smp cost").text, "new")
    }

    func testAPendingDidYouMeanStillPicksWhatItShowedWhenPositionsMove() {
        let source = AssistantSource(assistant(costAnswer: "old"))
        let session = Session(assistant: source.current)
        session.assistantSource = source
        let clarify = session.respond(to: "smp and hair growth")
        XCTAssertEqual(clarify.type, .clarify)
        let shown = clarify.suggestions!.map(\.id)
        source.replace(with: assistant(adding: [Entry(id: "aaa", question: "Parking?", answer: "Yes.")], costAnswer: "new"))
        XCTAssertEqual(session.respond(to: "2").id, shown[1])
        XCTAssertEqual(session.respond(to: "how much does smp cost").text, "new")
    }

    func testAPendingDidYouMeanWhoseEntryIsGoneKeepsTheOldAssistantUntilAnswered() {
        let source = AssistantSource(assistant(costAnswer: "old"))
        let session = Session(assistant: source.current)
        session.assistantSource = source
        let shown = session.respond(to: "smp and hair growth").suggestions!.map(\.id)
        source.replace(with: assistant(removing: shown[0], costAnswer: "new"))
        XCTAssertEqual(session.respond(to: "1").id, shown[0])
        XCTAssertEqual(session.respond(to: "how much does smp cost").text, "new")
    }
}
