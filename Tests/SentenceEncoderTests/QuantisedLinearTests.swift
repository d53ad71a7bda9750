@testable import SentenceEncoder
import XCTest

/// The integer product of `QuantisedLinear` against the same product in double precision.
final class QuantisedLinearTests: XCTestCase {
    /// A 6 × 1,536 layer (the widest of the model) with the given weights, one scale and bias per row.
    private func withLayer(weights: (Int, Int) -> Int8, scale: Float, bias: (Int) -> Float,
                           _ body: (QuantisedLinear) throws -> Void) throws {
        let (outputs, inputs) = (6, 1536)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 16384, alignment: 64)
        defer { buffer.deallocate() }
        for row in 0..<outputs {
            for column in 0..<inputs { buffer.storeBytes(of: weights(row, column), toByteOffset: row * inputs + column, as: Int8.self) }
            buffer.storeBytes(of: scale, toByteOffset: 9216 + row * 4, as: Float.self)
            buffer.storeBytes(of: bias(row), toByteOffset: 9280 + row * 4, as: Float.self)
        }
        var reader = try ModelReader(UnsafeRawBufferPointer(buffer))
        try body(try QuantisedLinear(&reader, outputs: outputs, inputs: inputs, "test"))
    }

    /// `tokens` rows of activations through the layer.
    private func apply(_ layer: QuantisedLinear, _ activations: [[Float]]) -> [[Float]] {
        let buffers = ForwardBuffers(tokens: activations.count, hidden: 384, intermediate: layer.inputs)
        defer { buffers.deallocate() }
        var output = [Float](repeating: .nan, count: activations.count * layer.outputs)
        let input = activations.flatMap { $0 }
        output.withUnsafeMutableBufferPointer { target in
            layer.apply(to: input, tokens: activations.count, into: target.baseAddress!, buffers: buffers)
        }
        return (0..<activations.count).map { Array(output[$0 * layer.outputs..<($0 + 1) * layer.outputs]) }
    }

    func testLargestWeightsAndActivationsDoNotOverflowAndZeroTokensGiveTheBias() throws {
        // Every product at its largest magnitude (-128 × the token's largest value): one 32-bit lane
        // sums 192 pairs of them, the whole dot product would exceed 2³¹ as an integer.
        try withLayer(weights: { _, _ in -128 }, scale: 0.01, bias: { Float($0) }) { layer in
            let alternating = (0..<1536).map { $0 % 2 == 0 ? Float(1000) : -1000 }
            let result = apply(layer, [[Float](repeating: 1000, count: 1536), [Float](repeating: 0, count: 1536),
                                       alternating])
            for row in 0..<6 {
                XCTAssertEqual(result[0][row], -128 * 0.01 * 1000 * 1536 + Float(row), accuracy: 1)
                XCTAssertEqual(result[1][row], Float(row))
                XCTAssertEqual(result[2][row], Float(row), accuracy: 1e-3)
            }
        }
    }

    func testProductIsWithinTheRoundingOfTheTokensToSixteenBits() throws {
        try withLayer(weights: { row, column in Int8(truncatingIfNeeded: (row * 31 + column * 17) % 255 - 127) },
                      scale: 0.003, bias: { Float($0) * 0.5 - 1 }) { layer in
            // Five tokens (two pairs and a single one), each with one outlier ten times its other values.
            let activations: [[Float]] = (0..<5).map { token in
                let size = Float(token + 1) * 4
                return (0..<1536).map { (column: Int) -> Float in
                    if column == 7 * token + 3 { return size * 10 }
                    return sin(Float(column * (token + 2))) * size
                }
            }
            let result = apply(layer, activations)
            for (token, values) in activations.enumerated() {
                let largest = values.map(abs).max()!
                for row in 0..<6 {
                    var exact = Double(Float(row) * 0.5 - 1), weightSum = 0.0
                    for column in 0..<1536 {
                        let weight = Double((row * 31 + column * 17) % 255 - 127) * 0.003
                        exact += weight * Double(values[column])
                        weightSum += abs(weight)
                    }
                    // Each activation moves by at most half a step of largest / 32,767.
                    let bound = weightSum * Double(largest) / 32767 / 2 + 1e-4 * abs(exact) + 1e-4
                    XCTAssertEqual(Double(result[token][row]), exact, accuracy: bound, "token \(token), row \(row)")
                }
            }
        }
    }
}
