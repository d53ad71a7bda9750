import Foundation

/// The reference written once by tools/sentence-encoder/make_fixture.py with sentence-transformers:
/// 1,000 sentences, their token ids, and the sentence vectors of the first 200.
struct ReferenceFixture {
    let sentences: [String]
    let tokenIDs: [[Int32]]
    let vectors: [[Float]]

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let dimensions = 384

    static func load() throws -> ReferenceFixture {
        let sentenceLines = try String(contentsOf: directory.appendingPathComponent("sentences.jsonl"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        let sentences = try sentenceLines.map { try JSONDecoder().decode(String.self, from: Data($0.utf8)) }
        let tokenIDs = try String(contentsOf: directory.appendingPathComponent("token-ids.txt"), encoding: .utf8)
            .split(separator: "\n").map { line in line.split(separator: " ").map { Int32($0)! } }
        let vectorBytes = try Data(contentsOf: directory.appendingPathComponent("vectors.f16"))
        let halves = vectorBytes.withUnsafeBytes { raw in
            (0..<(raw.count / 2)).map { Float(Float16(bitPattern: UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 2, as: UInt16.self)))) }
        }
        let vectors = stride(from: 0, to: halves.count, by: dimensions).map { Array(halves[$0..<($0 + dimensions)]) }
        return ReferenceFixture(sentences: sentences, tokenIDs: tokenIDs, vectors: vectors)
    }
}
