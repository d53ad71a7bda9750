/// The GELU activation with the exact error function, x · ½ · (1 + erf(x / √2)), as BERT's `gelu`
/// (not the tanh approximation).
///
/// erf is Eigen's rational approximation for Float32 (also used by XLA and TVM): x · P(x²) / Q(x²)
/// on x clamped to [-4, 4], within a few units in the last place of the true erf
/// (`GELUTests` checks it against the C library's `erff`).
enum GELU {
    /// Applies GELU to `count` values in place (`count` a multiple of 8).
    static func apply(to values: UnsafeMutablePointer<Float>, count: Int) {
        var index = 0
        while index < count {
            let x = UnsafeRawPointer(values + index).loadUnaligned(as: SIMD8<Float>.self)
            let gelu = x * 0.5 * (1 + erf(x * 0.707_106_781_186_547_524_4))
            UnsafeMutableRawPointer(values + index).storeBytes(of: gelu, as: SIMD8<Float>.self)
            index += 8
        }
    }

    /// The error function of each lane.
    @inline(__always)
    static func erf(_ value: SIMD8<Float>) -> SIMD8<Float> {
        // Clamped to [-4, 4] by masks (`clamped(lowerBound:upperBound:)` stays a call, even optimised).
        var x = value
        x.replace(with: 4, where: x .> 4)
        x.replace(with: -4, where: x .< -4)
        let x2 = x * x
        var p = SIMD8<Float>(repeating: -2.72614225801306e-10)
        p = p * x2 + 2.77068142495902e-08
        p = p * x2 - 2.10102402082508e-06
        p = p * x2 - 5.69250639462346e-05
        p = p * x2 - 7.34990630326855e-04
        p = p * x2 - 2.95459980854025e-03
        p = p * x2 - 1.60960333262415e-02
        var q = SIMD8<Float>(repeating: -1.45660718464996e-05)
        q = q * x2 - 2.13374055278905e-04
        q = q * x2 - 1.68282697438203e-03
        q = q * x2 - 7.37332916720468e-03
        q = q * x2 - 1.42647390514189e-02
        return x * p / q
    }
}
