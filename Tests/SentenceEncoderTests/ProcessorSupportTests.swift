import SentenceEncoder
import XCTest

/// The processor check that guards the first use of the encoder.
final class ProcessorSupportTests: XCTestCase {
    func testThisProjectsMachinesCanRunTheEncoder() {
        // The project's machines have AVX2 and FMA (BENCHMARKS.md); the check must say so, or the
        // cascade would silently never use the encoder.
        XCTAssertTrue(SentenceEncoder.isSupportedByThisProcessor)
    }

    func testUnsupportedProcessorErrorSaysWhatIsNeeded() {
        XCTAssertTrue(SentenceEncoderError.unsupportedProcessor.description.contains("AVX2 and FMA"))
    }
}
