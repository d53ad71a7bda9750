import CWordVectors

/// Static word vectors: for each of about 38,000 English words, a short vector such that words of
/// similar meaning ("cost", "price", "expensive") point the same way.
///
/// The table is distilled once, offline, from the all-MiniLM-L6-v2 sentence encoder (each word
/// encoded alone, reduced to 128 whitened principal components, weighted down for frequent words)
/// and compiled into the binary; see `tools/word-vectors/README.md`. A text's vector is the sum of
/// its words' vectors. Nothing runs a neural network at query time.
///
/// File layout (`FAQVEC01`, little-endian): the 8-byte magic, `UInt32` word count N, `UInt32`
/// dimensions D, the N words as UTF-8 each followed by a newline, N×D `Int8` values row by row, then N
/// `Float32` row scales (a value is its `Int8` times its row's scale).
public struct WordVectors: Sendable {
    /// Values per vector.
    public let dimensions: Int
    private let rows: WordRowTable
    private let values: [Int8]
    private let scales: [Float]

    /// How many words have a vector.
    public var count: Int { scales.count }

    /// The table compiled into the binary (an empty table if it were ever unreadable: the engine then
    /// ranks by words alone, and a test guards against that).
    public static let builtIn: WordVectors = {
        let bytes = UnsafeRawBufferPointer(start: faqbot_word_vectors_bytes(), count: faqbot_word_vectors_count())
        return (try? WordVectors(bytes)) ?? WordVectors()
    }()

    /// An empty table: no word has a vector.
    public init() {
        dimensions = 0
        rows = WordRowTable()
        values = []
        scales = []
    }

    /// Reads a table in the `FAQVEC01` layout.
    public init(_ bytes: UnsafeRawBufferPointer) throws(WordVectorsError) {
        guard bytes.count >= 16, bytes.prefix(8).elementsEqual("FAQVEC01".utf8) else {
            throw WordVectorsError("not a FAQVEC01 table")
        }
        let count = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt32.self)))
        let dimensions = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 12, as: UInt32.self)))
        guard dimensions > 0, dimensions <= 4096, count > 0, count <= 10_000_000 else {
            throw WordVectorsError("implausible size: \(count) words of \(dimensions) values")
        }
        var offset = 16
        var wordBytes = 0
        guard let rows = WordRowTable(newlineSeparated: UnsafeRawBufferPointer(rebasing: bytes[offset...]), count: count,
                                      consumed: &wordBytes) else {
            throw WordVectorsError("the word list ends before \(count) words")
        }
        offset += wordBytes
        guard bytes.count - offset == count * dimensions + count * 4 else {
            throw WordVectorsError("expected \(count)×\(dimensions) values and \(count) scales, the size differs")
        }
        self.dimensions = dimensions
        self.rows = rows
        // Bulk copies: this runs at every start, also in debug builds.
        values = [Int8](unsafeUninitializedCapacity: count * dimensions) { buffer, initialized in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count * dimensions)]))
            initialized = count * dimensions
        }
        offset += count * dimensions
        scales = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count * 4)]))
            #if _endian(big)
            for index in 0..<count { buffer[index] = Float(bitPattern: UInt32(littleEndian: buffer[index].bitPattern)) }
            #endif
            initialized = count
        }
        // Sums of a few hundred rows must stay finite: each value is at most 127 × its scale.
        guard scales.allSatisfy({ $0.isFinite && abs($0) <= 1e6 }) else {
            throw WordVectorsError("a row scale is not a finite number of at most 1e6")
        }
    }

    /// Adds `weight` times the vector of each of `words` that has one to `sum` (of `dimensions`
    /// values); returns how many words had a vector.
    @discardableResult
    public func add(_ words: [String], weight: Float = 1, to sum: inout [Float]) -> Int {
        guard dimensions > 0 else { return 0 }
        var found = 0
        values.withUnsafeBufferPointer { values in
            sum.withUnsafeMutableBufferPointer { sum in
                for word in words {
                    guard let row = rows.row(of: word) else { continue }
                    found += 1
                    let scale = scales[Int(row)] * weight
                    let start = Int(row) * dimensions
                    // The word's row as its own buffer, so the loop runs in vector registers (as in
                    // `MeaningIndex.similarity`).
                    let vector = UnsafeBufferPointer(rebasing: values[start..<(start + dimensions)])
                    for index in 0..<dimensions { sum[index] += Float(vector[index]) * scale }
                }
            }
        }
        return found
    }

    /// Whether `word` has a vector.
    public func contains(_ word: String) -> Bool { rows.row(of: word) != nil }
}

/// A word-vector table that cannot be read.
public struct WordVectorsError: Error, CustomStringConvertible, Equatable {
    /// What is wrong with it.
    public let description: String

    init(_ description: String) { self.description = "word-vector table: " + description }
}
