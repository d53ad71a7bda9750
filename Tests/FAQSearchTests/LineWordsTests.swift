import FAQSearch
import XCTest

/// A line tokenized once (`LineWords`) is searched by another engine exactly as that engine would
/// search the text itself.
final class LineWordsTests: XCTestCase {
    func testAnotherEnginesWordsGiveTheSameSearch() {
        let entries = [
            Entry(id: "healing", question: "How long does scalp micropigmentation take to heal?",
                  alternatives: ["What is the recovery time?"], answer: "Most patients recover in 7 to 10 days."),
            Entry(id: "cost", question: "How much does SMP cost?", answer: "Between INR 15k and one lakh per session."),
            Entry(id: "swim", question: "Can I swim after the treatment?", answer: "Wait 4-6 weeks before swimming."),
        ]
        let groups = [["smp", "scalp micropigmentation"], ["heal", "recover", "recovery"], ["cost", "price", "how much"]]
        let faq = SearchEngine(entries: entries, synonymGroups: groups, dictionary: ["hail", "pricey"])
        // Like the assistant's intent engine: other stop words, other vocabulary, its own stem table.
        let intents = SearchEngine(entries: [Entry(id: "greeting", question: "hi", alternatives: ["hello there", "good morning"], answer: "")],
                                   synonymGroups: groups, extraVocabulary: entries.map(\.answer), stopWords: .english)
        let questions = ["how long to heal", "wat is the pricee of smp??", "hello, can I swim after 4-6 weeks",
                         "Recovery time after scalp micro pigmentation", "hiii good morning", "Café ½ price 0.3",
                         "", "it's a killer price!", "swimming pool healing recover hail"]
        for question in questions {
            for (engine, other) in [(faq, intents), (intents, faq)] {
                let own = engine.search(question, limit: 5)
                let shared = engine.search(other.words(of: question), limit: 5)
                XCTAssertEqual(shared.ranked, own.ranked, question)
                XCTAssertEqual(shared.analysis, own.analysis, question)
                XCTAssertEqual(shared.unknownWords, own.unknownWords, question)
                XCTAssertEqual(shared.hasKnownWord, own.hasKnownWord, question)
            }
        }
        XCTAssertEqual(faq.words(of: "Pricee of SMP").words, ["pricee", "of", "smp"])
        XCTAssertEqual(faq.words(of: "healing sessions").stems, ["heal", "session"])
    }

    /// `CueText` keeps the line's words when tokenizing it clause by clause gives what tokenizing it
    /// whole gives, and leaves them to `LineWords` when a "." may join two clauses' words.
    func testCueTextKeepsTheLineWordsWhenTheClausesDoNotChangeThem() {
        let stems = ["healing": "heal", "pills": "pill"]
        let kept = ["Hi. How long is healing?", "no fever, but the bleeding won't stop", "took 20 pills; 4-6 weeks!",
                    "Café… ok.\nbye\r\n", "so sad... really", "it's over.", "hiii, 3 sessions. then? done", "", "."]
        for message in kept {
            let text = CueText(message, dictionary: [], knownStems: stems)
            XCTAssertEqual(text.lineWords, LineWords(message, knownStems: stems), message)
            XCTAssertEqual(text.lineWords?.words, text.clauses.flatMap { $0.map(\.text) }, message)
        }
        // "3.5" is one word of the line but "3" and "5" in two clauses; after a "." a non-ASCII
        // character may be a combining mark before a digit.
        for message in ["I am 3.5 weeks in", "v2.0 of it", "ok.\u{301}5", "done.é"] {
            XCTAssertNil(CueText(message, dictionary: []).lineWords, message)
        }
        XCTAssertNotEqual(LineWords("I am 3.5 weeks in").words, CueText("I am 3.5 weeks in", dictionary: []).clauses.flatMap { $0.map(\.text) })
    }
}
