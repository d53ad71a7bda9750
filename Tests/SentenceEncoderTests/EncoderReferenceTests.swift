import Foundation
import SentenceEncoder
import XCTest

/// Sentence vectors against sentence-transformers' on 200 sentences.
final class EncoderReferenceTests: XCTestCase {
    func testCosineWithTheReferenceIsAtLeast099OnAllTwoHundredSentences() throws {
        let fixture = try ReferenceFixture.load()
        XCTAssertEqual(fixture.vectors.count, 200)
        var cosines: [Float] = []
        for (sentence, reference) in zip(fixture.sentences, fixture.vectors) {
            let vector = SentenceEncoder.shared.encode(sentence)
            let referenceLength = reference.reduce(0) { $0 + $1 * $1 }.squareRoot()
            let cosine = zip(vector, reference).reduce(0) { $0 + $1.0 * $1.1 } / referenceLength
            cosines.append(cosine)
            XCTAssertGreaterThanOrEqual(cosine, 0.99, sentence.debugDescription)
        }
        let sorted = cosines.sorted()
        print("cosine with the reference on \(sorted.count) sentences: min \(sorted[0]), median \(sorted[sorted.count / 2])")
    }

    func testVectorHasTheModelDimensionsAndUnitLength() {
        for text in ["How much does SMP cost?", "", "🙂"] {
            let vector = SentenceEncoder.shared.encode(text)
            XCTAssertEqual(vector.count, 384)
            XCTAssertEqual(vector.reduce(0) { $0 + $1 * $1 }, 1, accuracy: 1e-4)
        }
    }

    func testEncodingOnSeveralThreadsAtOnceGivesTheSameVectorsAsOneAtATime() {
        let texts = ["how long does it take to heal", "does it hurt", "can I swim after smp", "what does it cost"]
        let expected = texts.map { SentenceEncoder.shared.encode($0) }
        let results = ResultBox(count: texts.count * 4)
        DispatchQueue.concurrentPerform(iterations: texts.count * 4) { index in
            results.set(index, SentenceEncoder.shared.encode(texts[index % texts.count]))
        }
        for index in 0..<(texts.count * 4) { XCTAssertEqual(results.get(index), expected[index % texts.count]) }
    }

    func testParaphrasesAreCloserThanAnUnrelatedQuestion() {
        let encoder = SentenceEncoder.shared
        func cosine(_ a: String, _ b: String) -> Float {
            zip(encoder.encode(a), encoder.encode(b)).reduce(0) { $0 + $1.0 * $1.1 }
        }
        let paraphrase = cosine("how long does it take to heal", "what is the recovery time after the procedure")
        let unrelated = cosine("how long does it take to heal", "what is the capital of france")
        XCTAssertGreaterThan(paraphrase, unrelated + 0.2)
    }
}

/// Results written by concurrent iterations, each to its own slot, under a lock.
private final class ResultBox: @unchecked Sendable {
    private var vectors: [[Float]]
    private let lock = NSLock()

    init(count: Int) { vectors = Array(repeating: [], count: count) }

    func set(_ index: Int, _ vector: [Float]) { lock.lock(); vectors[index] = vector; lock.unlock() }

    func get(_ index: Int) -> [Float] { lock.lock(); defer { lock.unlock() }; return vectors[index] }
}
