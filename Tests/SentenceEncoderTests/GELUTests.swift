#if canImport(Glibc)
import Glibc
#endif
@testable import SentenceEncoder
import XCTest

/// The exact-erf GELU and its vectorised error function.
final class GELUTests: XCTestCase {
    func testErfIsWithinOneMillionthOfTheCLibraryFromMinusSixToSix() {
        var worst: Float = 0
        for step in stride(from: -6000, through: 6000, by: 8) {
            let lanes = SIMD8<Float>((0..<8).map { Float(step + $0) / 1000 })
            let approximated = GELU.erf(lanes)
            for lane in 0..<8 { worst = max(worst, abs(approximated[lane] - erff(lanes[lane]))) }
        }
        XCTAssertLessThan(worst, 1e-6)
    }

    func testGELUOfOneMinusOneAndThreeAreTheNormalDistributionProducts() {
        // x · Φ(x): Φ(1) = 0.8413447, Φ(-1) = 0.1586553, Φ(3) = 0.9986501.
        var values: [Float] = [1, -1, 3, 0, 0, 0, 0, 0]
        values.withUnsafeMutableBufferPointer { GELU.apply(to: $0.baseAddress!, count: 8) }
        XCTAssertEqual(values[0], 0.8413447, accuracy: 1e-6)
        XCTAssertEqual(values[1], -0.1586553, accuracy: 1e-6)
        XCTAssertEqual(values[2], 2.9959503, accuracy: 1e-6)
        XCTAssertEqual(values[3], 0)
    }
}
