/// BERT's WordPiece: a word becomes the longest vocabulary piece that starts it, then the longest
/// `##`-prefixed piece that continues it, and so on; a word that cannot be covered this way, or that
/// is longer than 100 characters, becomes one `[UNK]`.
struct WordPieceTokenizer {
    let vocabulary: Vocabulary
    let unknown: Int32
    static let maximumCharactersPerWord = 100
    private static let continuation: [UInt8] = [UInt8(ascii: "#"), UInt8(ascii: "#")]

    /// Appends the ids of `word`'s pieces to `ids`.
    func appendPieces(of word: [Unicode.Scalar], to ids: inout [Int32]) {
        guard word.count <= WordPieceTokenizer.maximumCharactersPerWord else {
            ids.append(unknown)
            return
        }
        var bytes: [UInt8] = []
        var boundaries = [0]
        for scalar in word {
            bytes.append(contentsOf: UTF8.encode(scalar)!)
            boundaries.append(bytes.count)
        }
        var pieces: [Int32] = []
        var start = 0
        while start < word.count {
            // A piece of more characters than the longest piece has bytes cannot match: start there.
            var end = min(word.count, start + vocabulary.longestPiece)
            var found: Int32?
            while end > start {
                var candidate = start > 0 ? WordPieceTokenizer.continuation : []
                candidate.append(contentsOf: bytes[boundaries[start]..<boundaries[end]])
                if let id = vocabulary.id(of: candidate) {
                    found = id
                    break
                }
                end -= 1
            }
            guard let id = found else {
                ids.append(unknown)
                return
            }
            pieces.append(id)
            start = end
        }
        ids.append(contentsOf: pieces)
    }
}
