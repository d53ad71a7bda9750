/// The working memory of one forward pass, sized for its number of tokens: one allocation, freed
/// when the pass ends. Each pass has its own, so passes on several threads share nothing mutable.
struct ForwardBuffers {
    let hidden: UnsafeMutablePointer<Float>
    let query: UnsafeMutablePointer<Float>
    let key: UnsafeMutablePointer<Float>
    let value: UnsafeMutablePointer<Float>
    let context: UnsafeMutablePointer<Float>
    let projected: UnsafeMutablePointer<Float>
    let intermediate: UnsafeMutablePointer<Float>
    let attentionWeights: UnsafeMutablePointer<Float>
    /// The rows of weights a `QuantisedLinear` widens to 16 bits at a time.
    let scratch: UnsafeMutablePointer<Int16>
    /// The input tokens of a `QuantisedLinear`, rounded to 16 bits, and their scales.
    let quantised: UnsafeMutablePointer<Int16>
    let tokenScales: UnsafeMutablePointer<Float>
    private let storage: UnsafeMutableRawPointer

    init(tokens: Int, hidden hiddenSize: Int, intermediate intermediateSize: Int) {
        let sizes = [tokens * hiddenSize, tokens * hiddenSize, tokens * hiddenSize, tokens * hiddenSize,
                     tokens * hiddenSize, tokens * hiddenSize, tokens * intermediateSize, tokens,
                     (QuantisedLinear.rowBlock * max(hiddenSize, intermediateSize) + 1) / 2,
                     (tokens * max(hiddenSize, intermediateSize) + 1) / 2, tokens]
        // Each buffer starts on a 64-byte boundary.
        let padded = sizes.map { ($0 + 15) / 16 * 16 }
        storage = UnsafeMutableRawPointer.allocate(byteCount: padded.reduce(0, +) * 4, alignment: 64)
        var pointers: [UnsafeMutablePointer<Float>] = []
        var offset = 0
        for size in padded {
            pointers.append((storage + offset * 4).bindMemory(to: Float.self, capacity: size))
            offset += size
        }
        hidden = pointers[0]
        query = pointers[1]
        key = pointers[2]
        value = pointers[3]
        context = pointers[4]
        projected = pointers[5]
        intermediate = pointers[6]
        attentionWeights = pointers[7]
        scratch = UnsafeMutableRawPointer(pointers[8]).bindMemory(to: Int16.self, capacity: padded[8] * 2)
        quantised = UnsafeMutableRawPointer(pointers[9]).bindMemory(to: Int16.self, capacity: padded[9] * 2)
        tokenScales = pointers[10]
    }

    /// Frees the memory; the buffers must not be used after.
    func deallocate() { storage.deallocate() }
}
