import SentenceEncoder
import XCTest

/// The tokenizer against the reference tokenizer's ids on 1,000 varied sentences.
final class TokenizerReferenceTests: XCTestCase {
    func testTokenIDsEqualTheReferenceOnAllThousandSentences() throws {
        let fixture = try ReferenceFixture.load()
        XCTAssertEqual(fixture.sentences.count, 1000)
        XCTAssertEqual(fixture.tokenIDs.count, 1000)
        var mismatches = 0
        for (sentence, expected) in zip(fixture.sentences, fixture.tokenIDs) {
            let actual = SentenceEncoder.shared.tokenize(sentence)
            if actual != expected {
                mismatches += 1
                if mismatches <= 10 {
                    XCTFail("\(sentence.debugDescription): got \(actual), the reference has \(expected)")
                }
            }
        }
        XCTAssertEqual(mismatches, 0, "sentences whose ids differ")
        print("token ids equal to the reference: \(1000 - mismatches) of 1000")
    }

    func testLongTextIsTruncatedToTheMaximumWithSeparatorLast() {
        let ids = SentenceEncoder.shared.tokenize(String(repeating: "hair ", count: 400))
        XCTAssertEqual(ids.count, 256)
        XCTAssertEqual(ids.first, 101)
        XCTAssertEqual(ids.last, 102)
        XCTAssertEqual(Set(ids.dropFirst().dropLast()), [2606])
    }
}
