@testable import FAQSearch
import XCTest

/// The word-vector table and re-ranking by similarity of meaning.
final class MeaningTests: XCTestCase {
    /// A table in the FAQVEC01 layout from words, rows of Int8 values and row scales.
    static func table(_ words: [String], rows: [[Int8]], scales: [Float], dimensions: UInt32? = nil) -> [UInt8] {
        var bytes = Array("FAQVEC01".utf8)
        func append(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
        append(UInt32(words.count))
        append(dimensions ?? UInt32(rows.first?.count ?? 0))
        for word in words { bytes += Array(word.utf8) + [0x0A] }
        for row in rows { bytes += row.map { UInt8(bitPattern: $0) } }
        for scale in scales { append(scale.bitPattern) }
        return bytes
    }

    static func read(_ bytes: [UInt8]) throws(WordVectorsError) -> WordVectors {
        do {
            return try bytes.withUnsafeBytes { buffer in try WordVectors(buffer) }
        } catch let error as WordVectorsError {
            throw error
        } catch {
            fatalError("only WordVectorsError is thrown")
        }
    }

    func testReadsATableAndSumsScaledRows() throws {
        let vectors = try Self.read(Self.table(["cost", "price"], rows: [[2, -4], [10, 0]], scales: [0.5, 0.25]))
        XCTAssertEqual(vectors.count, 2)
        XCTAssertEqual(vectors.dimensions, 2)
        var sum: [Float] = [0, 0]
        // cost = (1, -2), price = (2.5, 0); weight 2 doubles both; "hair" has no vector.
        XCTAssertEqual(vectors.add(["cost", "hair", "price"], weight: 2, to: &sum), 2)
        XCTAssertEqual(sum, [7, -4])
        XCTAssertTrue(vectors.contains("price"))
        XCTAssertFalse(vectors.contains("hair"))
    }

    func testMalformedTablesAreRefusedWithAReason() {
        let good = Self.table(["a", "b"], rows: [[1, 2], [3, 4]], scales: [1, 1])
        var badMagic = good
        badMagic[0] = UInt8(ascii: "X")
        let cases: [([UInt8], String)] = [
            ([], "not a FAQVEC01 table"),
            (badMagic, "not a FAQVEC01 table"),
            (Self.table(["a"], rows: [[1]], scales: [1], dimensions: 0), "implausible size"),
            (Array(good.prefix(17)), "the word list ends before 2 words"),
            (Array(good.dropLast()), "the size differs"),
            (good + [0], "the size differs"),
            (Self.table(["a", "b"], rows: [[1, 2], [3, 4]], scales: [1, .infinity]), "not a finite number"),
            (Self.table(["a", "b"], rows: [[1, 2], [3, 4]], scales: [1, 1e19]), "not a finite number"),
            (Self.table(["a", "b"], rows: [[1, 2], [3, 4]], scales: [.nan, 1]), "not a finite number"),
        ]
        for (bytes, reason) in cases {
            XCTAssertThrowsError(try Self.read(bytes)) { error in
                XCTAssertTrue("\(error)".hasPrefix("word-vector table: "), "\(error)")
                XCTAssertTrue("\(error)".contains(reason), "\(error) should say \(reason)")
            }
        }
    }

    func testTheBuiltInTableIsCompiledIn() {
        let vectors = WordVectors.builtIn
        XCTAssertGreaterThan(vectors.count, 30_000)
        XCTAssertEqual(vectors.dimensions, 128)
        for word in ["price", "cost", "heal", "tattoo", "hair"] { XCTAssertTrue(vectors.contains(word), word) }
    }

    func testWordsOfSimilarMeaningPointTheSameWay() {
        let vectors = WordVectors.builtIn
        func vector(_ word: String) -> [Float] {
            var sum = [Float](repeating: 0, count: vectors.dimensions)
            vectors.add([word], to: &sum)
            return sum
        }
        func cosine(_ a: [Float], _ b: [Float]) -> Float {
            let dot = zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
            return dot / (a.reduce(0) { $0 + $1 * $1 }.squareRoot() * b.reduce(0) { $0 + $1 * $1 }.squareRoot())
        }
        XCTAssertGreaterThan(cosine(vector("price"), vector("cost")), cosine(vector("price"), vector("hair")))
        XCTAssertGreaterThan(cosine(vector("heal"), vector("recover")), cosine(vector("heal"), vector("expensive")))
    }

    static let entries = [
        Entry(id: "bold", question: "How do I make text bold?", answer: "Put two asterisks around the text."),
        Entry(id: "strike", question: "How do I make text strikethrough?", answer: "Put two tildes around the text."),
    ]

    func testMeaningBreaksATieBetweenWordMatches() {
        // "cross out" shares no word with "strikethrough": by words alone both entries tie on "text".
        let question = "how do I cross out text"
        var wordsOnly = SearchConfiguration()
        wordsOnly.meaningWeight = 0
        let tie = SearchEngine(entries: Self.entries, configuration: wordsOnly).search(question).ranked
        XCTAssertEqual(tie.map(\.position), [0, 1])
        XCTAssertEqual(tie[0].score, tie[1].score)
        XCTAssertEqual(tie[0].relevance, tie[0].score, "without meaning, relevance is the score")

        let ranked = SearchEngine(entries: Self.entries).search(question).ranked
        XCTAssertEqual(ranked.map(\.position), [1, 0], "meaning puts strikethrough first")
        XCTAssertEqual(ranked[0].score, tie[0].score, "the word score itself is unchanged")
        XCTAssertGreaterThan(ranked[0].relevance, ranked[1].relevance)
        XCTAssertGreaterThan(ranked[1].relevance, ranked[1].score)
    }

    func testMeaningsStayWithTheirEntriesInAParallelBuild() {
        // 10,000 entries are analysed in blocks on several threads; each entry's meaning must be its own.
        let topics = ["price and payment", "healing and recovery", "pain and discomfort", "colour of the ink", "removal by laser"]
        let entries = (0..<10_000).map {
            Entry(id: "e\($0)", question: "entry \($0) about \(topics[$0 % 5])", answer: "answer \($0) on \(topics[($0 / 5) % 5])")
        }
        let large = SearchEngine(entries: entries)
        for number in [0, 4095, 4096, 8191, 8192, 9999] {
            let question = "\(number) \((number + 1) % entries.count) price"
            let ranked = large.search(question).ranked
            XCTAssertEqual(ranked.count, 2, "the two numbered entries")
            guard let inLarge = ranked.first(where: { $0.position == number }) else { return XCTFail("no match for \(number)") }
            // The same entry beside one other, built on one thread: the same similarity of meaning.
            let small = SearchEngine(entries: [entries[number], entries[(number + 1) % entries.count]])
            guard let inSmall = small.search(question).ranked.first(where: { $0.position == 0 }) else { return XCTFail() }
            XCTAssertEqual(inLarge.relevance - inLarge.score, inSmall.relevance - inSmall.score, accuracy: 1e-6, "e\(number)")
            XCTAssertGreaterThan(inLarge.relevance, inLarge.score)
        }
    }

    func testADepthBelowTwoLeavesTheWordOrder() {
        // Re-ranking needs at least two entries to reorder; a negative depth is no depth.
        for depth in [-1, 0, 1] {
            var configuration = SearchConfiguration()
            configuration.meaningDepth = depth
            let ranked = SearchEngine(entries: Self.entries, configuration: configuration).search("how do I cross out text").ranked
            XCTAssertEqual(ranked.map(\.position), [0, 1], "depth \(depth)")
        }
    }

    func testAnEmptyTableRanksByWordsAlone() {
        var configuration = SearchConfiguration()
        configuration.wordVectors = WordVectors()
        let ranked = SearchEngine(entries: Self.entries, configuration: configuration).search("how do I cross out text").ranked
        XCTAssertEqual(ranked.map(\.position), [0, 1])
    }

    func testAQuerysValuesRoundAsTheStandardLibraryDoes() {
        var values: [Float] = [0, -0, 0.5, -0.5, 1.5, -1.5, 2.5, 126.5, -127.5, 127, -128, 0.49999997, -0.49999997,
                               0.50000006, 1.4999999, Float.leastNonzeroMagnitude, -Float.leastNonzeroMagnitude]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 { values.append(Float.random(in: -127.4...127.4, using: &generator)) }
        for step in 0...2540 { values.append(Float(step) / 10 - 127) }
        for value in values {
            XCTAssertEqual(MeaningIndex.rounded(value), Int8(value.rounded()), "\(value)")
        }
    }
}
