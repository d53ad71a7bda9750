import FAQDialogue
import FAQSearch
import XCTest

/// Short follow-ups read with the previous answer, and related entries offered after an answer.
final class FollowUpTests: XCTestCase {
    static let assistant = Assistant(knowledge: KnowledgeBase(
        entries: [
            Entry(id: "removal", question: "Can scalp micropigmentation be removed?",
                  alternatives: ["How many laser sessions does it take to remove?", "Is it reversible?"],
                  answer: "Yes, with laser tattoo removal; a small area needs a single session.", related: ["lasts", "cost"]),
            Entry(id: "sessions", question: "How many sessions of SMP will I need?", alternatives: ["Is one session enough?"],
                  answer: "Between 2 and 4 sessions of SMP."),
            Entry(id: "pain", question: "Does SMP hurt?", alternatives: ["Is the procedure painful?"],
                  answer: "A numbing agent is applied first."),
            Entry(id: "cost", question: "How much does scalp micropigmentation cost?", answer: "INR 15k to one lakh."),
            Entry(id: "lasts", question: "How long does scalp micropigmentation last?", answer: "4 to 6 years."),
        ],
        intents: SampleKnowledge.base.intents, messages: SampleKnowledge.base.messages,
        synonymGroups: [["smp", "scalp micropigmentation"], ["hurt", "painful", "pain"], ["cost", "price", "how much"],
                        ["session", "sessions", "sitting"]],
        cueRules: SampleKnowledge.base.cueRules))

    func conversation(_ lines: [String], followingUp: Bool = true) -> [Reply] {
        let session = Session(assistant: Self.assistant)
        session.followsUp = followingUp
        return lines.map { session.respond(to: $0) }
    }

    func testAFollowUpThatPointsBackIsReadWithThePreviousAnswer() {
        let removal = ["Can SMP be removed?", "how many sessions does it need?"]
        XCTAssertEqual(conversation(removal).map(\.id), ["removal", "removal"])
        XCTAssertEqual(conversation(removal, followingUp: false).last?.id, "sessions", "alone it is about SMP sessions")
        XCTAssertEqual(conversation(["how many sessions of SMP will I need?"]).last?.id, "sessions", "a first line is read alone")
    }

    func testAFollowUpAboutAnotherTopicIsReadAlone() {
        XCTAssertEqual(conversation(["Can SMP be removed?", "is that painful?"]).last?.id, "pain")
        XCTAssertEqual(conversation(["Can SMP be removed?", "and the cost?"]).last?.id, "cost")
        XCTAssertEqual(conversation(["Does SMP hurt?", "how long does scalp micropigmentation last?"]).last?.id, "lasts")
    }

    func testAFollowUpWithoutATopicOfItsOwnTakesThePreviousOne() {
        let replies = conversation(["How much does SMP cost?", "and how long does it last?"])
        XCTAssertEqual(replies.last?.id, "lasts")
        XCTAssertEqual(conversation(["Does SMP hurt?", "is it reversible?"]).last?.id, "removal")
    }

    func testRelatedEntriesAreOfferedAsNumberedSuggestionsAndANumberPicksOne() {
        let session = Session(assistant: Self.assistant)
        let answer = session.respond(to: "Can SMP be removed?")
        XCTAssertEqual(answer.type, .answer)
        XCTAssertEqual(answer.text, "Yes, with laser tattoo removal; a small area needs a single session.\n\nYou may also want to know:\n"
                       + "1. How long does scalp micropigmentation last?\n2. How much does scalp micropigmentation cost?")
        XCTAssertEqual(answer.answerText, "Yes, with laser tattoo removal; a small area needs a single session.")
        XCTAssertEqual(answer.suggestions?.map(\.id), ["lasts", "cost"])
        let picked = session.respond(to: "2")
        XCTAssertEqual(picked.id, "cost")
        XCTAssertNil(picked.suggestions, "an entry without related lines offers none")
        XCTAssertEqual(session.respond(to: "2").type, .fallback, "the choice is used once")
    }

    func testInsideTheBookingFormAnAnswerOffersNoRelatedEntries() {
        let session = Session(assistant: Self.assistant,
                              booking: BookingConfiguration(store: MemoryBookingStore(), clock: { BookingSample.now }))
        _ = session.respond(to: "/book")
        let reply = session.respond(to: "can SMP be removed?")
        XCTAssertEqual(reply.id, "removal")
        XCTAssertNil(reply.suggestions)
        XCTAssertFalse(reply.text.contains(Reply.relatedHeading))
        XCTAssertTrue(reply.text.contains("Back to your booking"))
    }
}
