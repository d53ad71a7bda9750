import FAQDialogue
import FAQSearch
import XCTest

/// A small knowledge base in memory: two near-duplicate entries and some small talk.
enum SampleKnowledge {
    static let base = KnowledgeBase(
        entries: [
            Entry(id: "affects-growth", question: "Does scalp micropigmentation affect hair growth?",
                  answer: "It does not affect hair growth; it has no impact on hair follicles."),
            Entry(id: "promotes-growth", question: "Does SMP promote hair growth?",
                  answer: "The needling can boost collagen and promote hair regrowth."),
            Entry(id: "healing", question: "How long does scalp micropigmentation take to heal?",
                  alternatives: ["What is the recovery time?"],
                  answer: "Most patients recover in 7 to 10 days, completely within 2 weeks."),
            Entry(id: "cost", question: "How much does scalp micropigmentation cost?",
                  answer: "Between INR 15k and one lakh per session."),
        ],
        intents: [
            Entry(id: "greeting", question: "greeting", alternatives: ["hi", "hello", "good morning", "hey there"],
                  answer: "Hello! Ask me about SMP."),
            Entry(id: "thanks", question: "thanks", alternatives: ["thanks", "thank you", "cheers"], answer: "You're welcome."),
            Entry(id: "goodbye", question: "goodbye", alternatives: ["bye", "goodbye", "see you"], answer: "Goodbye!"),
            Entry(id: "booking", question: "booking", alternatives: ["i want to book an appointment", "schedule a consultation"],
                  answer: "Type /book to book."),
        ],
        messages: ["welcome": "Welcome to the clinic.", "fallback": "Sorry, I don't know that.",
                   "clarify": "Did you mean:", "help": "Ask me a question."],
        synonymGroups: [["smp", "scalp micropigmentation"], ["heal", "recover", "recovery"], ["cost", "price", "how much"],
                        ["promote", "boost", "stimulate"], ["hair growth", "regrowth", "grow back"]],
        dictionary: ["weather", "pizza", "today"],
        cueRules: ["booking": rule("booking", cues: ["want|like|need see|meet doctor", "book|schedule consultation|appointment"])])

    static let assistant = Assistant(knowledge: base)

    /// A cue rule as an intent file with these `cue:` lines would give.
    static func rule(_ id: String, cues: [String]) -> CueRule {
        let text = "id: \(id)\nquestion: q\n" + cues.map { "cue: \($0)\n" }.joined() + "\nreply"
        return try! CueRule(record: try! Record.parse(text, file: "\(id).md", allowedKeys: ["id", "question", "cue"]), id: id)
    }
}

final class SessionTests: XCTestCase {
    func session() -> Session { Session(assistant: SampleKnowledge.assistant) }

    func testWelcomeUsesTheMessage() {
        XCTAssertEqual(session().welcome(), Reply(type: .welcome, text: "Welcome to the clinic."))
    }

    func testAnswersWithTheClinicsOwnText() {
        let reply = session().respond(to: "how long does it take to heal?")
        XCTAssertEqual(reply.type, .answer)
        XCTAssertEqual(reply.id, "healing")
        XCTAssertEqual(reply.text, "Most patients recover in 7 to 10 days, completely within 2 weeks.")
        XCTAssertEqual(reply.source, "How long does scalp micropigmentation take to heal?")
        XCTAssertGreaterThan(reply.score ?? 0, 0.5)
    }

    func testSynonymAndTypoStillFindTheEntry() {
        XCTAssertEqual(session().respond(to: "whats the recovry time").id, "healing")
        let price = session().respond(to: "what's the price of smp")
        XCTAssertEqual(price.id, "cost", "\(price)")
    }

    func testNearDuplicatesAreToldApartWhenTheQuestionDoes() {
        XCTAssertEqual(session().respond(to: "does smp affect hair growth").id, "affects-growth")
        XCTAssertEqual(session().respond(to: "can smp boost hair growth").id, "promotes-growth")
    }

    func testNearDuplicatesAreClarifiedWhenTheQuestionDoesNot() {
        let reply = session().respond(to: "smp and hair growth")
        XCTAssertEqual(reply.type, .clarify)
        XCTAssertEqual(Set(reply.suggestions?.map(\.id) ?? []), ["affects-growth", "promotes-growth"])
    }

    func testChoosingASuggestionByNumberAnswersIt() {
        let conversation = session()
        let clarify = conversation.respond(to: "smp and hair growth")
        guard let suggestions = clarify.suggestions, suggestions.count >= 2 else { return XCTFail("expected two suggestions, got \(clarify)") }
        let second = suggestions[1]
        let reply = conversation.respond(to: "2")
        XCTAssertEqual(reply.type, .answer)
        XCTAssertEqual(reply.id, second.id)
    }

    func testANumberBeyondTheSuggestionsAsksAgain() {
        let conversation = session()
        let clarify = conversation.respond(to: "smp and hair growth")
        guard let suggestions = clarify.suggestions, suggestions.count == 2 else { return XCTFail("expected two suggestions, got \(clarify)") }
        let again = conversation.respond(to: "3")
        XCTAssertEqual(again.type, .clarify)
        XCTAssertTrue(again.text.contains("1 to 2"), again.text)
        XCTAssertEqual(again.suggestions, suggestions)
        XCTAssertEqual(conversation.respond(to: "0").type, .clarify, "0 is not a choice either")
        XCTAssertEqual(conversation.respond(to: "1").id, suggestions[0].id, "the choice is still open")
    }

    func testALineThatAsksTwoThingsGetsBothAnswers() {
        let reply = session().respond(to: "How much does SMP cost and how long does it take to heal?")
        XCTAssertEqual(reply.type, .answer)
        XCTAssertEqual(reply.id, "cost")
        XCTAssertEqual(reply.also, [Reply.Suggestion(id: "healing", title: "How long does scalp micropigmentation take to heal?")])
        XCTAssertEqual(reply.text, "Between INR 15k and one lakh per session.\n\nMost patients recover in 7 to 10 days, completely within 2 weeks.")
        // One topic in several words joined by "and" stays one answer; so do near-duplicates.
        XCTAssertNil(session().respond(to: "smp price and cost").also)
        XCTAssertNil(session().respond(to: "smp and hair growth").also)
    }

    func testOffTopicQuestionsFallBack() {
        for question in ["what's the weather today", "best pizza", "what is 2+2", "asdfgh qwerty"] {
            XCTAssertEqual(session().respond(to: question).type, .fallback, question)
        }
    }

    func testSmallTalkIsRecognised() {
        XCTAssertEqual(session().respond(to: "Hello!").type, .smalltalk)
        XCTAssertEqual(session().respond(to: "thank you").text, "You're welcome.")
        XCTAssertEqual(session().respond(to: "bye").type, .bye)
        XCTAssertEqual(session().respond(to: "good morning").id, "greeting")
        XCTAssertNotEqual(session().respond(to: "is it good").id, "greeting", "'good' alone is no greeting")
    }

    func testGreetingWithAQuestionAnswersTheQuestion() {
        XCTAssertEqual(session().respond(to: "hi, how much does smp cost?").id, "cost")
    }

    func testBookingIntentAndCommand() {
        XCTAssertEqual(session().respond(to: "I want to book an appointment").type, .booking)
        XCTAssertEqual(session().respond(to: "/book").type, .booking)
    }

    func testYesAfterAFallbackStartsBooking() {
        let conversation = session()
        XCTAssertEqual(conversation.respond(to: "best pizza").type, .fallback)
        XCTAssertEqual(conversation.respond(to: "yes please").type, .booking)
    }

    func testDecliningIsNotLookedUp() {
        let conversation = session()
        XCTAssertEqual(conversation.respond(to: "best pizza").type, .fallback)
        for input in ["no", "no thanks", "maybe later", "not now"] {
            let reply = session().respond(to: input)
            XCTAssertEqual(reply.type, .smalltalk, input)
            XCTAssertEqual(reply.id, "decline", input)
        }
        XCTAssertEqual(conversation.respond(to: "no thank you").id, "decline")
    }

    func testGenericWordsAloneOrNumbersGetNoConfidentAnswer() {
        for input in ["is it bad", "really bad", "2", "4-6"] {
            let reply = session().respond(to: input)
            XCTAssertEqual(reply.type, .fallback, input)
            XCTAssertEqual(reply.score, 0, input)
        }
    }

    func testCommands() {
        XCTAssertEqual(session().respond(to: "/help").type, .help)
        XCTAssertEqual(session().respond(to: "/quit").type, .bye)
        XCTAssertEqual(session().respond(to: "/reset").type, .reset)
        let unknown = session().respond(to: "/frobnicate")
        XCTAssertEqual(unknown.type, .error)
        XCTAssertEqual(unknown.code, "unknown_command")
    }

    func testEmptyAndWhitespaceLinesGetAnError() {
        XCTAssertEqual(session().respond(to: "").code, "empty_line")
        XCTAssertEqual(session().respond(to: "   \t").code, "empty_line")
    }

    func testArbitraryInputNeverCrashes() {
        let conversation = session()
        for input in ["\u{0}", "🙂🙂", String(repeating: "a ", count: 5000), "%%%", "1", "yes", "/", "'''", "4-6-8"] {
            _ = conversation.respond(to: input)
        }
    }

    func testPolicyUsesMarginOverRunnerUp() {
        let policy = AnswerPolicy(answerThreshold: 0.5, clarifyThreshold: 0.2, margin: 0.1)
        func result(_ scores: [(Double, Double)]) -> SearchEngine.Result {
            SearchEngine.Result(ranked: scores.enumerated().map { SearchEngine.RankedEntry(position: $0.offset, score: $0.element.0, coverage: $0.element.1) },
                                analysis: Analyzer.Result(terms: [], corrections: []), unknownWords: [], hasKnownWord: true)
        }
        XCTAssertEqual(policy.decide(result([(0.8, 1), (0.3, 1)])), .answer(position: 0, score: 1))
        guard case .clarify(let positions, _) = policy.decide(result([(0.8, 1), (0.75, 1)])) else {
            return XCTFail("close scores must be clarified")
        }
        XCTAssertEqual(positions, [0, 1])
        guard case .fallback = policy.decide(result([(0.8, 0.1)])) else { return XCTFail("low coverage must fall back") }
    }

    func testPolicyMarginWithMeaning() {
        let policy = AnswerPolicy(answerThreshold: 0.5, clarifyThreshold: 0.2, margin: 0.1)
        func result(_ entries: [(score: Double, relevance: Double)]) -> SearchEngine.Result {
            SearchEngine.Result(ranked: entries.enumerated().map {
                                    SearchEngine.RankedEntry(position: $0.offset, score: $0.element.score, coverage: 1,
                                                             relevance: $0.element.relevance)
                                },
                                analysis: Analyzer.Result(terms: [], corrections: []), unknownWords: [], hasKnownWord: true)
        }
        // Meaning brings the runner-up close in relevance, but words alone clearly pick the best: answer.
        XCTAssertEqual(policy.decide(result([(0.60, 0.90), (0.42, 0.85), (0.40, 0.80)])), .answer(position: 0, score: 1))
        // Meaning put an entry first that words ranked lower, and the two are close: ask.
        guard case .clarify(let positions, _) = policy.decide(result([(0.50, 0.95), (0.60, 0.94)])) else {
            return XCTFail("a close call between meaning and words must be clarified")
        }
        XCTAssertEqual(positions, [0, 1])
        // The best by words was pushed out of the list by meaning: words alone do not decide.
        let pushedOut = SearchEngine.Result(
            ranked: [SearchEngine.RankedEntry(position: 0, score: 0.60, coverage: 1, relevance: 0.90),
                     SearchEngine.RankedEntry(position: 1, score: 0.42, coverage: 1, relevance: 0.85)],
            analysis: Analyzer.Result(terms: [], corrections: []), unknownWords: [], hasKnownWord: true,
            wordLeader: (position: 7, lead: 0.05))
        guard case .clarify = policy.decide(pushedOut) else { return XCTFail("the word leader is another entry: ask") }
        // Meaning put first an entry that fails the coverage test: the plausible one behind it decides.
        let implausibleFirst = SearchEngine.Result(
            ranked: [SearchEngine.RankedEntry(position: 0, score: 0.10, coverage: 0.2, relevance: 0.70),
                     SearchEngine.RankedEntry(position: 1, score: 0.60, coverage: 1, relevance: 0.65)],
            analysis: Analyzer.Result(terms: [], corrections: []), unknownWords: [], hasKnownWord: true)
        XCTAssertEqual(policy.decide(implausibleFirst), .answer(position: 1, score: 1))
        // Meaning put it first by a clear margin in relevance: answer.
        XCTAssertEqual(policy.decide(result([(0.50, 1.30), (0.60, 0.90)])), .answer(position: 0, score: 1))
    }
}
