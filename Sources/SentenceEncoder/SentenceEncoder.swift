import CSentenceEncoder

/// A sentence encoder: turns a text into a 384-value vector of unit length such that texts of
/// similar meaning ("how long to heal", "recovery time after the procedure") have a high cosine
/// (here simply the dot product).
///
/// It is all-MiniLM-L6-v2 (Apache-2.0), run in pure Swift: BERT's uncased WordPiece tokenizer, a
/// 6-layer transformer with int8 weights compiled into the binary (tools/sentence-encoder), mean
/// pooling and normalisation, as sentence-transformers computes it. An instance holds no mutable
/// state, so any number of threads may encode at once.
public final class SentenceEncoder: @unchecked Sendable {
    // @unchecked: the model's pointers point into constant bytes that live as long as the process
    // (the built-in model) or as long as the caller promised (init(model:)); nothing is ever written.
    private let model: EncoderModel
    private let basicTokenizer = BasicTokenizer()
    private let wordPiece: WordPieceTokenizer
    private let classification: Int32
    private let separator: Int32

    /// The encoder compiled into the binary, read on first use (a few milliseconds: the weights are
    /// used in place). The model is part of the build and checked by the tests, so a model that does
    /// not read is a build defect and stops the process.
    public static let shared: SentenceEncoder = {
        let bytes = UnsafeRawBufferPointer(start: faqbot_sentence_encoder_bytes(), count: faqbot_sentence_encoder_count())
        do {
            return try SentenceEncoder(model: bytes)
        } catch {
            fatalError("the built-in sentence encoder is unreadable: \(error)")
        }
    }()

    /// Reads an encoder in the `FAQENC01` layout. The bytes are used in place and must stay valid and
    /// unchanged for the encoder's lifetime; they must start on a 64-byte boundary.
    public init(model bytes: UnsafeRawBufferPointer) throws(SentenceEncoderError) {
        model = try EncoderModel(bytes)
        wordPiece = WordPieceTokenizer(vocabulary: model.vocabulary, unknown: try model.vocabulary.specialID("[UNK]"))
        classification = try model.vocabulary.specialID("[CLS]")
        separator = try model.vocabulary.specialID("[SEP]")
    }

    /// Values per sentence vector (384).
    public var dimensions: Int { model.hidden }

    /// Tokens per text at most, `[CLS]` and `[SEP]` included (256, sentence-transformers'
    /// `max_seq_length` for this model); the pieces past it are dropped.
    public var maximumTokens: Int { model.maximumTokens }

    /// Returns the model's token ids for `text`: `[CLS]`, the word pieces (at most
    /// `maximumTokens - 2`), `[SEP]`; the same ids as the reference tokenizer.
    public func tokenize(_ text: String) -> [Int32] {
        var ids: [Int32] = [classification]
        for word in basicTokenizer.words(in: text) {
            wordPiece.appendPieces(of: word, to: &ids)
            if ids.count >= maximumTokens - 1 { break }
        }
        if ids.count > maximumTokens - 1 { ids.removeLast(ids.count - (maximumTokens - 1)) }
        ids.append(separator)
        return ids
    }

    /// Returns the sentence vector of `text`: `dimensions` values, unit length (an empty text has one
    /// too, that of `[CLS] [SEP]`).
    public func encode(_ text: String) -> [Float] {
        model.encode(ids: tokenize(text))
    }

    /// Returns the sentence vector of already tokenized text (ids from `tokenize(_:)`).
    ///
    /// - Precondition: 1 to `maximumTokens` ids, each an id of the vocabulary (0 to 30,521).
    public func encode(tokens ids: [Int32]) -> [Float] {
        model.encode(ids: ids)
    }
}
