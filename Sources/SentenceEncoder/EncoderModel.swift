/// all-MiniLM-L6-v2 as stored in a `FAQENC01` model (layout in tools/sentence-encoder/make_encoder.py):
/// the vocabulary, the embeddings, and the transformer layers, all read in place.
struct EncoderModel {
    let vocabulary: Vocabulary
    let hidden: Int
    let intermediate: Int
    let maximumTokens: Int
    let wordEmbeddings: UnsafePointer<Int8>
    let wordScales: UnsafePointer<Float>
    let positions: UnsafePointer<Float>
    let tokenType: UnsafePointer<Float>
    let embeddingNorm: LayerNorm
    let layers: [TransformerLayer]

    init(_ bytes: UnsafeRawBufferPointer) throws(SentenceEncoderError) {
        guard bytes.count >= 40, bytes.prefix(8).elementsEqual("FAQENC01".utf8) else { throw .notAnEncoderModel }
        var reader = try ModelReader(bytes)
        reader.skip(8)
        let vocabularySize = try reader.uint32(), hidden = try reader.uint32(), layerCount = try reader.uint32()
        let heads = try reader.uint32(), intermediate = try reader.uint32(), positionCount = try reader.uint32()
        let maximumTokens = try reader.uint32()
        _ = try reader.uint32()
        guard vocabularySize > 0, vocabularySize < 1 << 24, hidden > 0, hidden % 8 == 0, hidden <= 8192,
              intermediate > 0, intermediate <= 65536, (1...64).contains(layerCount),
              (3...positionCount).contains(maximumTokens), positionCount <= 8192 else {
            throw .unsupportedShape(reason: "vocabulary \(vocabularySize), hidden \(hidden), intermediate \(intermediate), "
                + "\(layerCount) layers, \(positionCount) positions, \(maximumTokens) tokens at most")
        }
        var consumed = 0
        vocabulary = try Vocabulary(newlineSeparated: reader.remaining, count: vocabularySize, consumed: &consumed)
        reader.skip(consumed)
        self.hidden = hidden
        self.intermediate = intermediate
        self.maximumTokens = maximumTokens
        wordEmbeddings = try reader.int8s(vocabularySize * hidden, "word embeddings")
        wordScales = try reader.floats(vocabularySize, "word embedding scales")
        positions = try reader.floats(positionCount * hidden, "position embeddings")
        tokenType = try reader.floats(hidden, "token type embedding")
        embeddingNorm = try LayerNorm(&reader, size: hidden, "embedding")
        var layers: [TransformerLayer] = []
        for index in 0..<layerCount {
            layers.append(try TransformerLayer(&reader, hidden: hidden, intermediate: intermediate, heads: heads,
                                               "layer \(index)"))
        }
        self.layers = layers
    }

    /// The sentence vector of a tokenized text (ids with `[CLS]` and `[SEP]`, at most
    /// `maximumTokens`): the mean of the last layer's token vectors, scaled to unit length.
    func encode(ids: [Int32]) -> [Float] {
        let tokens = ids.count
        precondition(tokens > 0 && tokens <= maximumTokens, "between 1 and \(maximumTokens) tokens")
        let buffers = ForwardBuffers(tokens: tokens, hidden: hidden, intermediate: intermediate)
        defer { buffers.deallocate() }
        embed(ids, into: buffers.hidden)
        for layer in layers { layer.apply(tokens: tokens, buffers: buffers) }
        return meanPooledUnitVector(buffers.hidden, tokens: tokens)
    }

    /// Word (dequantised) + position + token type embeddings, layer-normalised.
    private func embed(_ ids: [Int32], into hiddenRows: UnsafeMutablePointer<Float>) {
        for (position, id) in ids.enumerated() {
            let row = Int(id)
            precondition(row >= 0 && row < vocabulary.count, "token id \(id) outside the vocabulary")
            let word = wordEmbeddings + row * hidden, scale = wordScales[row]
            let target = hiddenRows + position * hidden
            var index = 0
            while index < hidden {
                let wordValues = SIMD8<Float>(UnsafeRawPointer(word + index).loadUnaligned(as: SIMD8<Int8>.self))
                let positionValues = UnsafeRawPointer(positions + position * hidden + index).loadUnaligned(as: SIMD8<Float>.self)
                let sum = wordValues * scale + positionValues
                    + UnsafeRawPointer(tokenType + index).loadUnaligned(as: SIMD8<Float>.self)
                UnsafeMutableRawPointer(target + index).storeBytes(of: sum, as: SIMD8<Float>.self)
                index += 8
            }
        }
        embeddingNorm.apply(to: hiddenRows, rows: ids.count)
    }

    private func meanPooledUnitVector(_ rows: UnsafeMutablePointer<Float>, tokens: Int) -> [Float] {
        var mean = [Float](repeating: 0, count: hidden)
        for token in 0..<tokens {
            for index in 0..<hidden { mean[index] += rows[token * hidden + index] }
        }
        let length = mean.reduce(0) { $0 + $1 * $1 }.squareRoot()
        // sentence-transformers' Normalize divides by max(length, 1e-12), and so do we.
        let divisor = max(length, 1e-12)
        return mean.map { $0 / divisor }
    }
}
