/// Loads and stores of eight floats at any address: the unit of every loop of the forward pass
/// (all sizes of the model are multiples of 8).
enum Vector {
    @inline(__always)
    static func load(_ pointer: UnsafePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(pointer).loadUnaligned(as: SIMD8<Float>.self)
    }

    @inline(__always)
    static func load(_ pointer: UnsafeMutablePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(pointer).loadUnaligned(as: SIMD8<Float>.self)
    }

    @inline(__always)
    static func store(_ value: SIMD8<Float>, _ pointer: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: SIMD8<Float>.self)
    }

    /// Eight signed bytes as floats.
    @inline(__always)
    static func load(_ pointer: UnsafePointer<Int8>) -> SIMD8<Float> {
        SIMD8<Float>(UnsafeRawPointer(pointer).loadUnaligned(as: SIMD8<Int8>.self))
    }
}
