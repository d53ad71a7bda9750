import Foundation

/// Multi-head scaled dot-product attention over one text (no padding, so no mask): for each head,
/// each token's context is the softmax(q·k / √d)-weighted sum of all tokens' values.
struct SelfAttention {
    let heads: Int
    let headSize: Int

    init(hidden: Int, heads: Int) throws(SentenceEncoderError) {
        guard heads > 0, hidden % heads == 0, (hidden / heads) % 8 == 0 else {
            throw .unsupportedShape(reason: "\(hidden) features in \(heads) heads: a head must have a multiple of 8")
        }
        self.heads = heads
        headSize = hidden / heads
    }

    /// Writes the attention context of each of `tokens` tokens into `context` (rows of
    /// `heads × headSize`), from their queries, keys and values. `weights` holds `tokens` floats.
    func apply(query: UnsafePointer<Float>, key: UnsafePointer<Float>, value: UnsafePointer<Float>, tokens: Int,
               into context: UnsafeMutablePointer<Float>, weights: UnsafeMutablePointer<Float>) {
        let hidden = heads * headSize
        let scale = 1 / Float(headSize).squareRoot()
        for head in 0..<heads {
            let offset = head * headSize
            for token in 0..<tokens {
                let q = query + token * hidden + offset
                var largest = -Float.infinity
                for other in 0..<tokens {
                    let score = dot(q, key + other * hidden + offset) * scale
                    weights[other] = score
                    largest = max(largest, score)
                }
                var total: Float = 0
                for other in 0..<tokens {
                    let weight = expf(weights[other] - largest)
                    weights[other] = weight
                    total += weight
                }
                let target = context + token * hidden + offset
                var index = 0
                while index < headSize {
                    var sum = SIMD8<Float>()
                    for other in 0..<tokens {
                        let values = UnsafeRawPointer(value + other * hidden + offset + index).loadUnaligned(as: SIMD8<Float>.self)
                        sum += values * weights[other]
                    }
                    UnsafeMutableRawPointer(target + index).storeBytes(of: sum / total, as: SIMD8<Float>.self)
                    index += 8
                }
            }
        }
    }

    @inline(__always)
    private func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>) -> Float {
        var sum = SIMD8<Float>()
        var index = 0
        while index < headSize {
            let left = UnsafeRawPointer(a + index).loadUnaligned(as: SIMD8<Float>.self)
            sum += left * UnsafeRawPointer(b + index).loadUnaligned(as: SIMD8<Float>.self)
            index += 8
        }
        return sum.sum()
    }
}
