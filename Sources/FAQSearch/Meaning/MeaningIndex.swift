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

    /// Appends the next entry's meaning (a sum; normalised here). An entry without any known word gets
    /// the zero vector, similar to nothing.
    mutating func append(_ sum: [Float]) {
        let length = Self.length(sum)
        let largest = sum.reduce(0) { max($0, abs($1)) }
        guard length > 0, largest > 0 else {
            values.append(contentsOf: repeatElement(0, count: vectors.dimensions))
            scales.append(0)
            return
        }
        let scale = largest / length / 127
        values.append(contentsOf: sum.map { Int8(($0 / length / scale).rounded()) })
        scales.append(scale)
    }

    /// The unit vector of a question's words, or nil when none of them has a vector.
    func query(_ words: [String]) -> [Float]? {
        var sum = emptySum()
        guard vectors.add(words, to: &sum) > 0 else { return nil }
        let length = Self.length(sum)
        guard length > 0 else { return nil }
        return sum.map { $0 / length }
    }

    /// The cosine similarity, in [-1, 1], of the unit `query` vector and the entry at `position`.
    func similarity(_ query: [Float], entry position: Int) -> Double {
        let dimensions = vectors.dimensions
        let start = position * dimensions
        var dot: Float = 0
        values.withUnsafeBufferPointer { values in
            query.withUnsafeBufferPointer { query in
                for index in 0..<dimensions { dot += Float(values[start + index]) * query[index] }
            }
        }
        return Double(dot * scales[position])
    }

    private static func length(_ vector: [Float]) -> Float {
        vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
    }
}
