import FAQDialogue
import FAQSearch
import XCTest

final class QuestionGroupTests: XCTestCase {
    let analyzer = Analyzer(stopWords: .english, synonyms: Analyzer().synonymTable(from: [["cost", "price", "how much"], ["emi", "instalment", "installment"]]))

    func record(_ question: String, reply: String = "fallback", next: String = "left", closest: String? = nil,
                confidence: Double = 0.2) -> UnansweredRecord {
        UnansweredRecord(time: "2026-12-01T10:00:00Z", question: question, reply: reply, score: nil,
                         candidates: closest.map { [.init(id: $0, confidence: confidence)] } ?? [], next: next)
    }

    func testSameNormalisedTermsGroupTogetherMostFrequentFirst() {
        let records = [
            record("Can I pay in instalments?", closest: "cost", confidence: 0.3),
            record("can i pay in installments", next: "rephrased", closest: "cost", confidence: 0.35),
            record("can I pay by EMI", closest: "cost", confidence: 0.25),
            record("what is the capital of France"),
            record("Is there parking?"),
            record("parking at the clinic", reply: "clarify", closest: "location"),
            record("parking at the clinic?", reply: "clarify", closest: "location"),
            record("parking at the clinic", reply: "clarify", closest: "location"),
        ]
        let groups = QuestionGroup.groups(records, analyzer: analyzer)
        XCTAssertEqual(groups.map(\.count), [4, 3, 1])
        XCTAssertEqual(groups[0].count, 4)   // the parking questions: "is there parking" holds a subset of the terms
        XCTAssertEqual(groups[0].examples.first, "parking at the clinic")
        XCTAssertEqual(groups[0].closest, UnansweredRecord.Candidate(id: "location", confidence: 0.2))
        XCTAssertEqual(groups[0].replies, ["clarify": 3, "fallback": 1])
        XCTAssertEqual(groups[1].count, 3)   // instalments, installments and EMI are one synonym group
        XCTAssertEqual(groups[1].closest, UnansweredRecord.Candidate(id: "cost", confidence: 0.35))
        XCTAssertEqual(groups[1].nextSteps, ["left": 2, "rephrased": 1])
        XCTAssertEqual(groups[2].examples, ["what is the capital of France"])
        XCTAssertEqual(Set(groups.map(\.id)).count, groups.count)
        XCTAssertTrue(groups.allSatisfy { $0.status == .new && $0.id.count == 8 })
    }

    func testWordsCloseInMeaningGroupTogetherWithTheBuiltInVectors() {
        let records = [record("can i dye my hair after"), record("can i colour my hair"), record("what is the capital of france"),
                       record("capital city of germany")]
        let groups = QuestionGroup.groups(records, analyzer: analyzer, meaning: .builtIn)
        XCTAssertEqual(groups.map(\.count), [2, 1, 1])
        XCTAssertEqual(Set(groups[0].examples), ["can i dye my hair after", "can i colour my hair"])
        XCTAssertEqual(QuestionGroup.groups(records, analyzer: analyzer).count, 4, "without vectors, by words alone")
    }

    func testMaskedDataDoesNotSplitAGroup() {
        let groups = QuestionGroup.groups([record("I am [name], what is the price"), record("what is the price, call [phone]")],
                                          analyzer: analyzer)
        XCTAssertEqual(groups.count, 1)
    }

    func testAStatusRecordedForAnyFormMarksTheWholeGroup() {
        let first = QuestionGroup.groups([record("what is the capital of France")], analyzer: analyzer)[0]
        let later = QuestionGroup.groups([record("What is the capital of france??"), record("capital of france")],
                                         analyzer: analyzer, statuses: [first.key: .ignored])
        XCTAssertEqual(later.map(\.status), [.ignored])
        XCTAssertEqual(later[0].id, first.id)
    }
}
