/// The model's word pieces and their ids (the line number in the model's vocabulary, from 0).
///
/// Looked up by UTF-8 bytes, not by `String`: Swift's `String` equality is canonical equivalence
/// ("é" equals "e" + U+0301), while the reference tokenizer compares exact code points.
struct Vocabulary {
    private let ids: [[UInt8]: Int32]
    /// The longest piece in bytes: longer candidates are never looked up.
    let longestPiece: Int
    /// How many pieces.
    let count: Int

    /// Reads `count` pieces, each UTF-8 followed by a newline; `consumed` gets the bytes read.
    init(newlineSeparated bytes: UnsafeRawBufferPointer, count: Int, consumed: inout Int) throws(SentenceEncoderError) {
        var ids = [[UInt8]: Int32](minimumCapacity: count)
        var longest = 0
        var start = 0
        var position = 0
        while ids.count < count {
            guard position < bytes.count else { throw .truncated(reason: "vocabulary") }
            if bytes[position] == UInt8(ascii: "\n") {
                let piece = [UInt8](UnsafeRawBufferPointer(rebasing: bytes[start..<position]))
                // A duplicate would shift every later id: refused (BERT's vocabulary has none).
                guard ids[piece] == nil else {
                    throw .unsupportedShape(reason: "vocabulary piece \(ids.count) is a duplicate")
                }
                ids[piece] = Int32(ids.count)
                longest = max(longest, piece.count)
                start = position + 1
            }
            position += 1
        }
        consumed = position
        self.ids = ids
        self.count = count
        longestPiece = longest
    }

    /// The id of the piece spelt by these UTF-8 bytes, if the vocabulary has it.
    func id(of piece: [UInt8]) -> Int32? {
        piece.count <= longestPiece ? ids[piece] : nil
    }

    /// The id of a special token such as `[CLS]`.
    func specialID(_ token: String) throws(SentenceEncoderError) -> Int32 {
        guard let id = id(of: Array(token.utf8)) else { throw .missingSpecialToken(token) }
        return id
    }
}
