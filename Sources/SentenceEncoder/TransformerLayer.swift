/// One BERT encoder layer: self-attention, then a feed-forward block (hidden → intermediate with
/// GELU → hidden), each followed by adding its input back and a layer normalisation (post-norm).
struct TransformerLayer {
    let query: QuantisedLinear
    let key: QuantisedLinear
    let value: QuantisedLinear
    let attentionOutput: QuantisedLinear
    let attentionNorm: LayerNorm
    let intermediate: QuantisedLinear
    let output: QuantisedLinear
    let outputNorm: LayerNorm
    let attention: SelfAttention

    init(_ reader: inout ModelReader, hidden: Int, intermediate intermediateSize: Int, heads: Int,
         _ name: String) throws(SentenceEncoderError) {
        query = try QuantisedLinear(&reader, outputs: hidden, inputs: hidden, name + " query")
        key = try QuantisedLinear(&reader, outputs: hidden, inputs: hidden, name + " key")
        value = try QuantisedLinear(&reader, outputs: hidden, inputs: hidden, name + " value")
        attentionOutput = try QuantisedLinear(&reader, outputs: hidden, inputs: hidden, name + " attention output")
        attentionNorm = try LayerNorm(&reader, size: hidden, name + " attention")
        intermediate = try QuantisedLinear(&reader, outputs: intermediateSize, inputs: hidden, name + " intermediate")
        output = try QuantisedLinear(&reader, outputs: hidden, inputs: intermediateSize, name + " output")
        outputNorm = try LayerNorm(&reader, size: hidden, name + " output")
        attention = try SelfAttention(hidden: hidden, heads: heads)
    }

    /// Replaces the `tokens` rows of `buffers.hidden` by this layer's output.
    func apply(tokens: Int, buffers: ForwardBuffers) {
        let hidden = buffers.hidden
        query.apply(to: hidden, tokens: tokens, into: buffers.query, buffers: buffers)
        key.apply(to: hidden, tokens: tokens, into: buffers.key, buffers: buffers)
        value.apply(to: hidden, tokens: tokens, into: buffers.value, buffers: buffers)
        attention.apply(query: buffers.query, key: buffers.key, value: buffers.value, tokens: tokens,
                        into: buffers.context, weights: buffers.attentionWeights)
        attentionOutput.apply(to: buffers.context, tokens: tokens, into: buffers.projected, buffers: buffers)
        addInPlace(hidden, buffers.projected, count: tokens * query.outputs)
        attentionNorm.apply(to: hidden, rows: tokens)
        intermediate.apply(to: hidden, tokens: tokens, into: buffers.intermediate, buffers: buffers)
        GELU.apply(to: buffers.intermediate, count: tokens * intermediate.outputs)
        output.apply(to: buffers.intermediate, tokens: tokens, into: buffers.projected, buffers: buffers)
        addInPlace(hidden, buffers.projected, count: tokens * output.outputs)
        outputNorm.apply(to: hidden, rows: tokens)
    }

    private func addInPlace(_ target: UnsafeMutablePointer<Float>, _ addend: UnsafeMutablePointer<Float>, count: Int) {
        var index = 0
        while index < count {
            let current = UnsafeRawPointer(target + index).loadUnaligned(as: SIMD8<Float>.self)
            let sum = current + UnsafeRawPointer(addend + index).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(target + index).storeBytes(of: sum, as: SIMD8<Float>.self)
            index += 8
        }
    }
}
