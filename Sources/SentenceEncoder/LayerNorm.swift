/// Layer normalisation of one token's features: centred, divided by the standard deviation (biased,
/// with ε = 1e-12 as BERT's config says), then scaled and shifted per feature.
struct LayerNorm {
    let weight: UnsafePointer<Float>
    let bias: UnsafePointer<Float>
    let size: Int
    static let epsilon: Float = 1e-12

    init(_ reader: inout ModelReader, size: Int, _ name: String) throws(SentenceEncoderError) {
        weight = try reader.floats(size, name + " LayerNorm weight")
        bias = try reader.floats(size, name + " LayerNorm bias")
        self.size = size
    }

    /// Normalises each of the `rows` rows of `values` (each `size` long) in place.
    func apply(to values: UnsafeMutablePointer<Float>, rows: Int) {
        for row in 0..<rows { normalise(values + row * size) }
    }

    private func normalise(_ x: UnsafeMutablePointer<Float>) {
        var sum = SIMD8<Float>()
        var index = 0
        while index < size { sum += UnsafeRawPointer(x + index).loadUnaligned(as: SIMD8<Float>.self); index += 8 }
        let mean = sum.sum() / Float(size)
        var squares = SIMD8<Float>()
        index = 0
        while index < size {
            let centred = UnsafeRawPointer(x + index).loadUnaligned(as: SIMD8<Float>.self) - mean
            squares += centred * centred
            index += 8
        }
        let inverseDeviation = 1 / (squares.sum() / Float(size) + LayerNorm.epsilon).squareRoot()
        index = 0
        while index < size {
            let normalised = (UnsafeRawPointer(x + index).loadUnaligned(as: SIMD8<Float>.self) - mean) * inverseDeviation
            let featureWeight = UnsafeRawPointer(weight + index).loadUnaligned(as: SIMD8<Float>.self)
            let featureBias = UnsafeRawPointer(bias + index).loadUnaligned(as: SIMD8<Float>.self)
            let scaled = normalised * featureWeight + featureBias
            UnsafeMutableRawPointer(x + index).storeBytes(of: scaled, as: SIMD8<Float>.self)
            index += 8
        }
    }
}
