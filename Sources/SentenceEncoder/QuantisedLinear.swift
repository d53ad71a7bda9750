import CSentenceEncoder

/// A linear layer y = W x + b whose matrix W is stored as signed bytes with one scale per row
/// (per output), read in place from the model: W[o][i] = values[o · inputs + i] · scales[o].
///
/// The product for all tokens at once is the hot loop of the encoder (about 10.6 million
/// multiply-adds per token over the 6 layers). It takes the rows six at a time, converts those six
/// rows to floats once into a small scratch buffer that stays in cache, and multiplies them with the
/// tokens two at a time: twelve 8-lane accumulators, enough independent fused multiply-adds to hide
/// their latency, and with the two token vectors and one row vector they fit the 16 vector registers
/// (four rows × three tokens did not: the spilled accumulators made it slower than 4 × 2). The row
/// scale is applied once per dot product, with the bias.
///
/// Vectors are loaded with the standard library's `loadUnaligned` spelt out in place, in every file
/// of this module: debug builds compile file by file, and a shared helper would stay a call per
/// vector there (ten times slower tests).
struct QuantisedLinear {
    let outputs: Int
    let inputs: Int
    let values: UnsafePointer<Int8>
    let scales: UnsafePointer<Float>
    let bias: UnsafePointer<Float>

    /// Rows converted to floats at a time; the scratch buffer holds `rowBlock × inputs` floats.
    static let rowBlock = 6

    /// Columns multiplied at a time: six rows and two tokens of 512 floats (16 KB) stay in the 32 KB
    /// L1 cache while every pair of tokens passes; whole rows of 1,536 (48 KB) would not.
    static let columnBlock = 512

    /// How far ahead of the conversion the weights are prefetched, in bytes. The hardware's own
    /// prefetcher left the product 10 to 20 % slower when the 10 MB of weights come from memory
    /// (microbenchmark: 1 KB and 2 KB ahead best, 4 KB and 8 KB worse, one block ahead no gain).
    static let prefetchDistance = 1024

    init(_ reader: inout ModelReader, outputs: Int, inputs: Int, _ name: String) throws(SentenceEncoderError) {
        guard outputs % QuantisedLinear.rowBlock == 0, inputs % 32 == 0 else {
            throw .unsupportedShape(reason: "\(name) is \(outputs)×\(inputs): rows must be a multiple of 6, columns of 32")
        }
        self.outputs = outputs
        self.inputs = inputs
        values = try reader.int8s(outputs * inputs, name + " weights")
        scales = try reader.floats(outputs, name + " scales")
        bias = try reader.floats(outputs, name + " bias")
    }

    /// Writes `output[t][o] = Σ_i W[o][i] · input[t][i] + b[o]` for the `tokens` rows of `input`
    /// (each `inputs` long) into the rows of `output` (each `outputs` long). `scratch` holds at least
    /// `rowBlock × inputs` floats.
    func apply(to input: UnsafePointer<Float>, tokens: Int, into output: UnsafeMutablePointer<Float>,
               scratch: UnsafeMutablePointer<Float>) {
        var row = 0
        while row < outputs {
            for offset in 0..<QuantisedLinear.rowBlock {
                convert(values + (row + offset) * inputs, into: scratch + offset * inputs)
            }
            var start = 0
            while start < inputs {
                let columns = start..<min(start + QuantisedLinear.columnBlock, inputs)
                var token = 0
                while token + 2 <= tokens {
                    multiplySixRowsByTwoTokens(scratch, input + token * inputs, output + token * outputs + row, row, columns)
                    token += 2
                }
                while token < tokens {
                    multiplySixRowsByOneToken(scratch, input + token * inputs, output + token * outputs + row, row, columns)
                    token += 1
                }
                start = columns.upperBound
            }
            row += QuantisedLinear.rowBlock
        }
    }

    /// Converts one row to floats, 32 values per step (`inputs` is a multiple of 32 here; the
    /// loop's own bookkeeping costs as much as a conversion of 8).
    @inline(__always)
    private func convert(_ source: UnsafePointer<Int8>, into target: UnsafeMutablePointer<Float>) {
        let from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(target)
        var index = 0
        while index < inputs {
            let a = SIMD8<Float>(from.loadUnaligned(fromByteOffset: index, as: SIMD8<Int8>.self))
            let b = SIMD8<Float>(from.loadUnaligned(fromByteOffset: index &+ 8, as: SIMD8<Int8>.self))
            let c = SIMD8<Float>(from.loadUnaligned(fromByteOffset: index &+ 16, as: SIMD8<Int8>.self))
            let d = SIMD8<Float>(from.loadUnaligned(fromByteOffset: index &+ 24, as: SIMD8<Int8>.self))
            to.storeBytes(of: a, toByteOffset: index &* 4, as: SIMD8<Float>.self)
            to.storeBytes(of: b, toByteOffset: (index &+ 8) &* 4, as: SIMD8<Float>.self)
            to.storeBytes(of: c, toByteOffset: (index &+ 16) &* 4, as: SIMD8<Float>.self)
            to.storeBytes(of: d, toByteOffset: (index &+ 24) &* 4, as: SIMD8<Float>.self)
            faqbot_prefetch(from + (index &+ QuantisedLinear.prefetchDistance))
            index &+= 32
        }
    }

    @inline(__always)
    private func multiplySixRowsByTwoTokens(_ rows: UnsafeMutablePointer<Float>, _ tokens: UnsafePointer<Float>,
                                            _ output: UnsafeMutablePointer<Float>, _ row: Int, _ columns: Range<Int>) {
        let (w0, w1, w2, w3, w4, w5) = (rows, rows + inputs, rows + 2 * inputs, rows + 3 * inputs, rows + 4 * inputs,
                                        rows + 5 * inputs)
        let (x0, x1) = (tokens, tokens + inputs)
        var (a00, a01, a10, a11) = (SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>())
        var (a20, a21, a30, a31) = (SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>())
        var (a40, a41, a50, a51) = (SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>())
        var index = columns.lowerBound
        while index < columns.upperBound {
            let v0 = UnsafeRawPointer(x0 + index).loadUnaligned(as: SIMD8<Float>.self)
            let v1 = UnsafeRawPointer(x1 + index).loadUnaligned(as: SIMD8<Float>.self)
            let u0 = UnsafeRawPointer(w0 + index).loadUnaligned(as: SIMD8<Float>.self)
            a00.addProduct(u0, v0); a01.addProduct(u0, v1)
            let u1 = UnsafeRawPointer(w1 + index).loadUnaligned(as: SIMD8<Float>.self)
            a10.addProduct(u1, v0); a11.addProduct(u1, v1)
            let u2 = UnsafeRawPointer(w2 + index).loadUnaligned(as: SIMD8<Float>.self)
            a20.addProduct(u2, v0); a21.addProduct(u2, v1)
            let u3 = UnsafeRawPointer(w3 + index).loadUnaligned(as: SIMD8<Float>.self)
            a30.addProduct(u3, v0); a31.addProduct(u3, v1)
            let u4 = UnsafeRawPointer(w4 + index).loadUnaligned(as: SIMD8<Float>.self)
            a40.addProduct(u4, v0); a41.addProduct(u4, v1)
            let u5 = UnsafeRawPointer(w5 + index).loadUnaligned(as: SIMD8<Float>.self)
            a50.addProduct(u5, v0); a51.addProduct(u5, v1)
            index &+= 8
        }
        finish(a00, a10, a20, a30, a40, a50, output, row, adding: columns.lowerBound > 0)
        finish(a01, a11, a21, a31, a41, a51, output + outputs, row, adding: columns.lowerBound > 0)
    }

    @inline(__always)
    private func multiplySixRowsByOneToken(_ rows: UnsafeMutablePointer<Float>, _ token: UnsafePointer<Float>,
                                           _ output: UnsafeMutablePointer<Float>, _ row: Int, _ columns: Range<Int>) {
        var (a0, a1, a2) = (SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>())
        var (a3, a4, a5) = (SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>())
        var index = columns.lowerBound
        while index < columns.upperBound {
            let v = UnsafeRawPointer(token + index).loadUnaligned(as: SIMD8<Float>.self)
            a0.addProduct(UnsafeRawPointer(rows + index).loadUnaligned(as: SIMD8<Float>.self), v)
            a1.addProduct(UnsafeRawPointer(rows + inputs + index).loadUnaligned(as: SIMD8<Float>.self), v)
            a2.addProduct(UnsafeRawPointer(rows + 2 * inputs + index).loadUnaligned(as: SIMD8<Float>.self), v)
            a3.addProduct(UnsafeRawPointer(rows + 3 * inputs + index).loadUnaligned(as: SIMD8<Float>.self), v)
            a4.addProduct(UnsafeRawPointer(rows + 4 * inputs + index).loadUnaligned(as: SIMD8<Float>.self), v)
            a5.addProduct(UnsafeRawPointer(rows + 5 * inputs + index).loadUnaligned(as: SIMD8<Float>.self), v)
            index &+= 8
        }
        finish(a0, a1, a2, a3, a4, a5, output, row, adding: columns.lowerBound > 0)
    }

    /// Stores six finished dot products (rows `row` to `row + 5`), scaled and with their bias, or
    /// `adding` them scaled to the sums of the earlier columns.
    @inline(__always)
    private func finish(_ a0: SIMD8<Float>, _ a1: SIMD8<Float>, _ a2: SIMD8<Float>, _ a3: SIMD8<Float>,
                        _ a4: SIMD8<Float>, _ a5: SIMD8<Float>, _ output: UnsafeMutablePointer<Float>, _ row: Int,
                        adding: Bool) {
        store(a0.sum(), output, row, 0, adding: adding)
        store(a1.sum(), output, row, 1, adding: adding)
        store(a2.sum(), output, row, 2, adding: adding)
        store(a3.sum(), output, row, 3, adding: adding)
        store(a4.sum(), output, row, 4, adding: adding)
        store(a5.sum(), output, row, 5, adding: adding)
    }

    @inline(__always)
    private func store(_ sum: Float, _ output: UnsafeMutablePointer<Float>, _ row: Int, _ offset: Int, adding: Bool) {
        let scaled = sum * scales[row + offset]
        output[offset] = adding ? output[offset] + scaled : scaled + bias[row + offset]
    }
}
