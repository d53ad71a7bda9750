import CSentenceEncoder
import SentenceEncoder
import XCTest

/// Reading a model in the FAQENC01 layout, and refusing what is not one.
final class ModelReadingTests: XCTestCase {
    /// `count` bytes on a 64-byte boundary: the first of the built-in model's, or `replacement`.
    private func read(prefixOfBuiltIn count: Int, replacingMagicWith replacement: String? = nil) throws(SentenceEncoderError) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: count, alignment: 64)
        defer { buffer.deallocate() }
        buffer.copyMemory(from: UnsafeRawBufferPointer(start: faqbot_sentence_encoder_bytes(), count: count))
        if let replacement { Array(replacement.utf8).withUnsafeBytes { buffer.copyMemory(from: $0) } }
        _ = try SentenceEncoder(model: UnsafeRawBufferPointer(buffer))
    }

    func testBuiltInModelReadsWithTheModelsShape() {
        XCTAssertEqual(SentenceEncoder.shared.dimensions, 384)
        XCTAssertEqual(SentenceEncoder.shared.maximumTokens, 256)
    }

    func testOtherMagicIsNotAnEncoderModel() {
        XCTAssertThrowsError(try read(prefixOfBuiltIn: 4096, replacingMagicWith: "FAQVEC01")) { error in
            XCTAssertEqual(error as? SentenceEncoderError, .notAnEncoderModel)
        }
    }

    func testModelCutInTheVocabularyIsTruncated() {
        XCTAssertThrowsError(try read(prefixOfBuiltIn: 4096)) { error in
            XCTAssertEqual(error as? SentenceEncoderError, .truncated(reason: "vocabulary"))
        }
    }

    func testModelCutInTheLastLayerIsTruncated() {
        XCTAssertThrowsError(try read(prefixOfBuiltIn: faqbot_sentence_encoder_count() - 4096)) { error in
            guard case .truncated(let reason)? = error as? SentenceEncoderError else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.hasPrefix("layer 5"), reason)
        }
    }
}
