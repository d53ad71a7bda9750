import CSentenceEncoder

/// A linear layer y = W x + b whose matrix W is stored as signed bytes with one scale per row
/// (per output), read in place from the model: W[o][i] = values[o · inputs + i] · scales[o].
///
/// The product for all tokens at once is the hot loop of the encoder (about 10.6 million
/// multiply-adds per token over the 6 layers), and it is computed in integers: each token's
/// activations are first rounded to 16-bit integers with one scale per token (`quantise`), the
/// weights are widened from 8 to 16 bits, and 16 products at a time are made and summed in pairs into
/// 32-bit lanes: one `vpmaddwd` on x86-64 with AVX2, twice the multiply-adds of a float FMA per
/// instruction, and no conversion of weights to floats. Against the float kernel it replaced (weights
/// converted to floats, SIMD8<Float> FMAs) the encoder's CPU time per question fell by about a
/// fifth (BENCHMARKS.md), and the sentence vectors stayed as close to the reference (minimum cosine
/// 0.9953 on the 200 test sentences before and after: the int8 weights, not the 16-bit tokens, set
/// the error).
///
/// The rows are taken six at a time: the six rows are widened once into a small scratch buffer that
/// stays in the L1 cache and multiplied with the tokens two at a time: twelve 8-lane accumulators,
/// with the two token vectors and one row vector they fit the 16 vector registers.
///
/// Overflow cannot happen: a product is at most 128 × 32,767 in magnitude, and a 32-bit lane sums
/// `inputs / 8` pairs of them (192 pairs for 1,536 inputs: under 1.7 × 10⁹ < 2³¹). The eight lanes
/// are added as floats, whose sum could exceed 2³¹.
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

    /// Rows widened to 16 bits at a time; the scratch buffer holds `rowBlock × inputs` Int16s.
    static let rowBlock = 6

    /// How far ahead of the widening the weights are prefetched, in bytes. The hardware's own
    /// prefetcher left the product 10 to 20 % slower when the 10 MB of weights come from memory
    /// (microbenchmark of the float kernel: 1 KB and 2 KB ahead best, 4 KB and 8 KB worse).
    static let prefetchDistance = 1024

    /// The largest magnitude of a token's activations once rounded to 16 bits.
    static let activationRange: Float = 32767

    /// 1.5 · 2²³ and its bit pattern: see `quantise`.
    private static let roundingShift: Float = 12_582_912
    private static let roundingShiftBits = SIMD8<Int32>(repeating: 0x4B40_0000)

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
    /// (each `inputs` long) into the rows of `output` (each `outputs` long), using the buffers'
    /// `scratch`, `quantised` and `tokenScales`.
    func apply(to input: UnsafePointer<Float>, tokens: Int, into output: UnsafeMutablePointer<Float>,
               buffers: ForwardBuffers) {
        let quantised = buffers.quantised, tokenScales = buffers.tokenScales, scratch = buffers.scratch
        for token in 0..<tokens {
            tokenScales[token] = quantise(input + token * inputs, into: quantised + token * inputs)
        }
        var row = 0
        while row < outputs {
            for offset in 0..<QuantisedLinear.rowBlock {
                widen(values + (row + offset) * inputs, into: scratch + offset * inputs)
            }
            var token = 0
            while token + 2 <= tokens {
                multiplySixRowsByTwoTokens(scratch, quantised + token * inputs, tokenScales + token,
                                           output + token * outputs + row, row)
                token += 2
            }
            if token < tokens {
                multiplySixRowsByOneToken(scratch, quantised + token * inputs, tokenScales[token],
                                          output + token * outputs + row, row)
            }
            row += QuantisedLinear.rowBlock
        }
    }

    /// Rounds one token's `inputs` activations to Int16 so that the largest magnitude becomes
    /// `activationRange`, and returns the scale that turns them back into floats (0 for a zero row).
    @inline(__always)
    private func quantise(_ source: UnsafePointer<Float>, into target: UnsafeMutablePointer<Int16>) -> Float {
        var largest = SIMD8<Float>()
        var index = 0
        while index < inputs {
            let x = UnsafeRawPointer(source + index).loadUnaligned(as: SIMD8<Float>.self)
            largest.replace(with: x, where: x .> largest)
            largest.replace(with: -x, where: -x .> largest)
            index &+= 8
        }
        let maximum = largest.max()
        guard maximum > 0 else {
            UnsafeMutableRawPointer(target).initializeMemory(as: Int16.self, repeating: 0, count: inputs)
            return 0
        }
        let inverse = QuantisedLinear.activationRange / maximum
        index = 0
        while index < inputs {
            let x = UnsafeRawPointer(source + index).loadUnaligned(as: SIMD8<Float>.self)
            // Rounded to the nearest integer by adding 1.5 · 2²³: the float's low mantissa bits are
            // then that integer (for magnitudes below 2²²). The standard library's conversion
            // `SIMD8<Int32>(_:rounding:)` is a slow generic call per vector, eight times the whole
            // product's cost here.
            let shifted = x * inverse + QuantisedLinear.roundingShift
            let rounded = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- QuantisedLinear.roundingShiftBits
            UnsafeMutableRawPointer(target + index).storeBytes(of: narrow(rounded), as: SIMD8<Int16>.self)
            index &+= 8
        }
        return maximum / QuantisedLinear.activationRange
    }

    /// Widens one row of weights to Int16, 32 values per step (`inputs` is a multiple of 32 here).
    @inline(__always)
    private func widen(_ source: UnsafePointer<Int8>, into target: UnsafeMutablePointer<Int16>) {
        let from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(target)
        var index = 0
        while index < inputs {
            let a = widen(from.loadUnaligned(fromByteOffset: index, as: SIMD16<Int8>.self))
            let b = widen(from.loadUnaligned(fromByteOffset: index &+ 16, as: SIMD16<Int8>.self))
            to.storeBytes(of: a, toByteOffset: index &* 2, as: SIMD16<Int16>.self)
            to.storeBytes(of: b, toByteOffset: (index &+ 16) &* 2, as: SIMD16<Int16>.self)
            faqbot_prefetch(from + (index &+ QuantisedLinear.prefetchDistance))
            index &+= 32
        }
    }

    @inline(__always)
    private func multiplySixRowsByTwoTokens(_ rows: UnsafeMutablePointer<Int16>, _ tokens: UnsafePointer<Int16>,
                                            _ tokenScales: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>,
                                            _ row: Int) {
        let (w0, w1, w2, w3, w4, w5) = (rows, rows + inputs, rows + 2 * inputs, rows + 3 * inputs, rows + 4 * inputs,
                                        rows + 5 * inputs)
        let (x0, x1) = (tokens, tokens + inputs)
        var (a00, a01, a10, a11) = (SIMD8<Int32>(), SIMD8<Int32>(), SIMD8<Int32>(), SIMD8<Int32>())
        var (a20, a21, a30, a31) = (SIMD8<Int32>(), SIMD8<Int32>(), SIMD8<Int32>(), SIMD8<Int32>())
        var (a40, a41, a50, a51) = (SIMD8<Int32>(), SIMD8<Int32>(), SIMD8<Int32>(), SIMD8<Int32>())
        var index = 0
        while index < inputs {
            let v0 = UnsafeRawPointer(x0 + index).loadUnaligned(as: SIMD16<Int16>.self)
            let v1 = UnsafeRawPointer(x1 + index).loadUnaligned(as: SIMD16<Int16>.self)
            let u0 = UnsafeRawPointer(w0 + index).loadUnaligned(as: SIMD16<Int16>.self)
            a00 &+= multiplyAddPairs(u0, v0); a01 &+= multiplyAddPairs(u0, v1)
            let u1 = UnsafeRawPointer(w1 + index).loadUnaligned(as: SIMD16<Int16>.self)
            a10 &+= multiplyAddPairs(u1, v0); a11 &+= multiplyAddPairs(u1, v1)
            let u2 = UnsafeRawPointer(w2 + index).loadUnaligned(as: SIMD16<Int16>.self)
            a20 &+= multiplyAddPairs(u2, v0); a21 &+= multiplyAddPairs(u2, v1)
            let u3 = UnsafeRawPointer(w3 + index).loadUnaligned(as: SIMD16<Int16>.self)
            a30 &+= multiplyAddPairs(u3, v0); a31 &+= multiplyAddPairs(u3, v1)
            let u4 = UnsafeRawPointer(w4 + index).loadUnaligned(as: SIMD16<Int16>.self)
            a40 &+= multiplyAddPairs(u4, v0); a41 &+= multiplyAddPairs(u4, v1)
            let u5 = UnsafeRawPointer(w5 + index).loadUnaligned(as: SIMD16<Int16>.self)
            a50 &+= multiplyAddPairs(u5, v0); a51 &+= multiplyAddPairs(u5, v1)
            index &+= 16
        }
        finish(a00, a10, a20, a30, a40, a50, tokenScales[0], output, row)
        finish(a01, a11, a21, a31, a41, a51, tokenScales[1], output + outputs, row)
    }

    @inline(__always)
    private func multiplySixRowsByOneToken(_ rows: UnsafeMutablePointer<Int16>, _ token: UnsafePointer<Int16>,
                                           _ tokenScale: Float, _ output: UnsafeMutablePointer<Float>, _ row: Int) {
        var (a0, a1, a2) = (SIMD8<Int32>(), SIMD8<Int32>(), SIMD8<Int32>())
        var (a3, a4, a5) = (SIMD8<Int32>(), SIMD8<Int32>(), SIMD8<Int32>())
        var index = 0
        while index < inputs {
            let v = UnsafeRawPointer(token + index).loadUnaligned(as: SIMD16<Int16>.self)
            a0 &+= multiplyAddPairs(UnsafeRawPointer(rows + index).loadUnaligned(as: SIMD16<Int16>.self), v)
            a1 &+= multiplyAddPairs(UnsafeRawPointer(rows + inputs + index).loadUnaligned(as: SIMD16<Int16>.self), v)
            a2 &+= multiplyAddPairs(UnsafeRawPointer(rows + 2 * inputs + index).loadUnaligned(as: SIMD16<Int16>.self), v)
            a3 &+= multiplyAddPairs(UnsafeRawPointer(rows + 3 * inputs + index).loadUnaligned(as: SIMD16<Int16>.self), v)
            a4 &+= multiplyAddPairs(UnsafeRawPointer(rows + 4 * inputs + index).loadUnaligned(as: SIMD16<Int16>.self), v)
            a5 &+= multiplyAddPairs(UnsafeRawPointer(rows + 5 * inputs + index).loadUnaligned(as: SIMD16<Int16>.self), v)
            index &+= 16
        }
        finish(a0, a1, a2, a3, a4, a5, tokenScale, output, row)
    }

    /// Stores six finished dot products (rows `row` to `row + 5`), scaled by their row's and the
    /// token's scale, with their bias.
    @inline(__always)
    private func finish(_ a0: SIMD8<Int32>, _ a1: SIMD8<Int32>, _ a2: SIMD8<Int32>, _ a3: SIMD8<Int32>,
                        _ a4: SIMD8<Int32>, _ a5: SIMD8<Int32>, _ tokenScale: Float,
                        _ output: UnsafeMutablePointer<Float>, _ row: Int) {
        output[0] = sum(a0) * (scales[row] * tokenScale) + bias[row]
        output[1] = sum(a1) * (scales[row + 1] * tokenScale) + bias[row + 1]
        output[2] = sum(a2) * (scales[row + 2] * tokenScale) + bias[row + 2]
        output[3] = sum(a3) * (scales[row + 3] * tokenScale) + bias[row + 3]
        output[4] = sum(a4) * (scales[row + 4] * tokenScale) + bias[row + 4]
        output[5] = sum(a5) * (scales[row + 5] * tokenScale) + bias[row + 5]
    }

    /// The sum of the eight lanes, added as floats (their integer sum could exceed 2³¹) in a tree of
    /// halves: `SIMD8<Float>.sum()` adds lane by lane in order, 16 scalar instructions per dot
    /// product (the tree made the whole encoding about 3 % faster).
    @inline(__always)
    private func sum(_ lanes: SIMD8<Int32>) -> Float {
        let floats = SIMD8<Float>(lanes)
        let four = floats.lowHalf + floats.highHalf
        let two = four.lowHalf + four.highHalf
        return two[0] + two[1]
    }

    /// Products of 16 pairs of Int16, added two by two into 8 Int32 lanes (lane k = a[2k]·b[2k] +
    /// a[2k+1]·b[2k+1]): LLVM turns exactly this shape into one `vpmaddwd`. The standard library's
    /// `SIMD16<Int32>(truncatingIfNeeded:)` would stay a call, so the lanes are widened one by one.
    @inline(__always)
    private func multiplyAddPairs(_ a: SIMD16<Int16>, _ b: SIMD16<Int16>) -> SIMD8<Int32> {
        let products = widen(a) &* widen(b)
        return products.evenHalf &+ products.oddHalf
    }

    @inline(__always)
    private func widen(_ values: SIMD16<Int16>) -> SIMD16<Int32> {
        var wide = SIMD16<Int32>()
        for lane in 0..<16 { wide[lane] = Int32(values[lane]) }
        return wide
    }

    @inline(__always)
    private func widen(_ values: SIMD16<Int8>) -> SIMD16<Int16> {
        var wide = SIMD16<Int16>()
        for lane in 0..<16 { wide[lane] = Int16(values[lane]) }
        return wide
    }

    @inline(__always)
    private func narrow(_ values: SIMD8<Int32>) -> SIMD8<Int16> {
        var narrow = SIMD8<Int16>()
        for lane in 0..<8 { narrow[lane] = Int16(truncatingIfNeeded: values[lane]) }
        return narrow
    }
}
