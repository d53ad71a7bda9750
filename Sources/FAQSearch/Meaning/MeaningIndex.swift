/// The meaning of every entry as one unit vector (the field-weighted sum of its words' vectors), so
/// the engine can tell which of the entries that share words with a question is closest to it in
/// meaning: "how do I strike out text" and "strikethrough formatting" share no stem, but their words'
/// vectors point the same way.
///
/// Stored as 8-bit values with one scale per entry: 128 bytes an entry with the built-in table.
struct MeaningIndex: Sendable {
    let vectors: WordVectors
    private var values: [Int8] = []
    private var scales: [Float] = []

    /// An empty index over `vectors`.
    init(vectors: WordVectors) {
        self.vectors = vectors
    }

    /// The field-weighted meaning of one text's words, not yet normalised.
    func sum(of words: [String], weight: Float, into sum: inout [Float]) {
        vectors.add(words, weight: weight, to: &sum)
    }

    /// A zeroed vector to sum into.
    func emptySum() -> [Float] { [Float](repeating: 0, count: vectors.dimensions) }

    /// One entry's meaning, normalised and quantized, ready to append.
    struct Encoded: Sendable {
        fileprivate let values: [Int8]
        fileprivate let scale: Float
    }

    /// Normalises and quantizes a sum of word vectors (done by the workers that analyse entries). An
    /// entry without any known word gets the zero vector, similar to nothing.
    func encode(_ sum: [Float]) -> Encoded {
        let length = Self.length(sum)
        let largest = sum.reduce(0) { max($0, abs($1)) }
        let scale = largest / length / 127
        guard length.isFinite, length > 0, scale.isNormal else {
            return Encoded(values: [Int8](repeating: 0, count: vectors.dimensions), scale: 0)
        }
        return Encoded(values: sum.map { Int8(($0 / length / scale).rounded()) }, scale: scale)
    }

    /// Appends the next entry's meaning.
    mutating func append(_ encoded: Encoded) {
        values.append(contentsOf: encoded.values)
        scales.append(encoded.scale)
    }

    /// A question's meaning, quantized like the entries' so similarity is an integer dot product.
    struct Query {
        fileprivate let values: [Int8]
        fileprivate let scale: Float
    }

    /// The meaning of a question's words, or nil when none of them has a vector.
    func query(_ words: [String]) -> Query? {
        var sum = emptySum()
        guard vectors.add(words, to: &sum) > 0 else { return nil }
        let length = Self.length(sum)
        let largest = sum.reduce(0) { max($0, abs($1)) }
        let scale = largest / 127
        guard length.isFinite, length > 0, scale.isNormal, (scale / length).isNormal else { return nil }
        return Query(values: sum.map { Self.rounded($0 / scale) }, scale: scale / length)
    }

    /// `Int8(value.rounded())` (to nearest, halves away from zero) without a call into the C
    /// library: `value` and its whole part differ by an exactly representable fraction.
    @inline(__always)
    static func rounded(_ value: Float) -> Int8 {
        let whole = Float(Int32(value))   // toward zero; traps where Int8(value.rounded()) would
        let fraction = value - whole
        if fraction >= 0.5 { return Int8(whole + 1) }
        if fraction <= -0.5 { return Int8(whole - 1) }
        return Int8(whole)
    }

    /// The cosine similarity, in [-1, 1], of the question's and the entry's meanings.
    func similarity(_ query: Query, entry position: Int) -> Double {
        let dimensions = vectors.dimensions
        let start = position * dimensions
        // Integer products: the sum can be reordered, so the compiler vectorizes it.
        var dot: Int32 = 0
        values.withUnsafeBufferPointer { values in
            query.values.withUnsafeBufferPointer { query in
                // The entry's row as its own buffer: an index without an offset to add (and check for
                // overflow) lets the loop run in vector registers.
                let row = UnsafeBufferPointer(rebasing: values[start..<(start + dimensions)])
                for index in 0..<dimensions { dot &+= Int32(row[index]) &* Int32(query[index]) }
            }
        }
        return Double(Float(dot) * scales[position] * query.scale)
    }

    private static func length(_ vector: [Float]) -> Float {
        vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
    }
}
