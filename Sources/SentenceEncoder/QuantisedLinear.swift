/// A linear layer y = W x + b whose matrix W is stored as signed bytes with one scale per row
/// (per output), read in place from the model: W[o][i] = values[o · inputs + i] · scales[o].
///
/// The product for all tokens at once is the hot loop of the encoder (about 21 million
/// multiply-adds per token). It takes the rows four at a time, converts those four rows to floats
/// once into a small scratch buffer that stays in the L1 cache, and multiplies them with the tokens
/// three at a time: twelve 8-lane accumulators, so each loaded row vector serves three tokens and
/// each token vector four rows. The row scale is applied once per dot product, with the bias.
struct QuantisedLinear {
    let outputs: Int
    let inputs: Int
    let values: UnsafePointer<Int8>
    let scales: UnsafePointer<Float>
    let bias: UnsafePointer<Float>

    /// Rows converted to floats at a time; the scratch buffer holds `rowBlock × inputs` floats.
    static let rowBlock = 4

    init(_ reader: inout ModelReader, outputs: Int, inputs: Int, _ name: String) throws(SentenceEncoderError) {
        guard outputs % QuantisedLinear.rowBlock == 0, inputs % 8 == 0 else {
            throw .unsupportedShape(reason: "\(name) is \(outputs)×\(inputs): rows must be a multiple of 4, columns of 8")
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
            var token = 0
            while token + 3 <= tokens {
                multiplyFourRowsByThreeTokens(scratch, input + token * inputs, output + token * outputs + row, row)
                token += 3
            }
            while token < tokens {
                multiplyFourRowsByOneToken(scratch, input + token * inputs, output + token * outputs + row, row)
                token += 1
            }
            row += QuantisedLinear.rowBlock
        }
    }

    @inline(__always)
    private func convert(_ source: UnsafePointer<Int8>, into target: UnsafeMutablePointer<Float>) {
        var index = 0
        while index < inputs {
            Vector.store(Vector.load(source + index), target + index)
            index += 8
        }
    }

    @inline(__always)
    private func multiplyFourRowsByThreeTokens(_ rows: UnsafeMutablePointer<Float>, _ tokens: UnsafePointer<Float>,
                                               _ output: UnsafeMutablePointer<Float>, _ row: Int) {
        let (w0, w1, w2, w3) = (rows, rows + inputs, rows + 2 * inputs, rows + 3 * inputs)
        let (x0, x1, x2) = (tokens, tokens + inputs, tokens + 2 * inputs)
        var (a00, a01, a02) = (SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>())
        var (a10, a11, a12) = (SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>())
        var (a20, a21, a22) = (SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>())
        var (a30, a31, a32) = (SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>())
        var index = 0
        while index < inputs {
            let v0 = Vector.load(x0 + index), v1 = Vector.load(x1 + index), v2 = Vector.load(x2 + index)
            let u0 = Vector.load(w0 + index)
            a00 += u0 * v0; a01 += u0 * v1; a02 += u0 * v2
            let u1 = Vector.load(w1 + index)
            a10 += u1 * v0; a11 += u1 * v1; a12 += u1 * v2
            let u2 = Vector.load(w2 + index)
            a20 += u2 * v0; a21 += u2 * v1; a22 += u2 * v2
            let u3 = Vector.load(w3 + index)
            a30 += u3 * v0; a31 += u3 * v1; a32 += u3 * v2
            index += 8
        }
        finish(a00, a10, a20, a30, output, row)
        finish(a01, a11, a21, a31, output + outputs, row)
        finish(a02, a12, a22, a32, output + 2 * outputs, row)
    }

    @inline(__always)
    private func multiplyFourRowsByOneToken(_ rows: UnsafeMutablePointer<Float>, _ token: UnsafePointer<Float>,
                                            _ output: UnsafeMutablePointer<Float>, _ row: Int) {
        var (a0, a1, a2, a3) = (SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>())
        var index = 0
        while index < inputs {
            let v = Vector.load(token + index)
            a0 += Vector.load(rows + index) * v
            a1 += Vector.load(rows + inputs + index) * v
            a2 += Vector.load(rows + 2 * inputs + index) * v
            a3 += Vector.load(rows + 3 * inputs + index) * v
            index += 8
        }
        finish(a0, a1, a2, a3, output, row)
    }

    /// Stores four finished dot products (rows `row` to `row + 3`), scaled and with their bias.
    @inline(__always)
    private func finish(_ a0: SIMD8<Float>, _ a1: SIMD8<Float>, _ a2: SIMD8<Float>, _ a3: SIMD8<Float>,
                        _ output: UnsafeMutablePointer<Float>, _ row: Int) {
        output[0] = a0.sum() * scales[row] + bias[row]
        output[1] = a1.sum() * scales[row + 1] + bias[row + 1]
        output[2] = a2.sum() * scales[row + 2] + bias[row + 2]
        output[3] = a3.sum() * scales[row + 3] + bias[row + 3]
    }
}
