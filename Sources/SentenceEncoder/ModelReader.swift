/// Reads the arrays of a `FAQENC01` model one after the other, in place: every array starts at a
/// multiple of 64 bytes from the start, and the returned pointers point into the model's bytes.
struct ModelReader {
    private let base: UnsafeRawPointer
    private let count: Int
    private(set) var offset = 0

    static let alignment = 64

    init(_ bytes: UnsafeRawBufferPointer) throws(SentenceEncoderError) {
        guard let base = bytes.baseAddress, Int(bitPattern: base) % ModelReader.alignment == 0 else {
            throw .truncated(reason: "the model is empty or not on a 64-byte boundary")
        }
        self.base = base
        count = bytes.count
    }

    /// The bytes from the current offset to the end.
    var remaining: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base + offset, count: count - offset)
    }

    /// Moves past `byteCount` bytes that the caller has read itself.
    mutating func skip(_ byteCount: Int) { offset += byteCount }

    /// The next little-endian `UInt32`, unaligned.
    mutating func uint32() throws(SentenceEncoderError) -> Int {
        guard offset + 4 <= count else { throw .truncated(reason: "header") }
        defer { offset += 4 }
        return Int(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
    }

    /// The next `count` signed bytes, from the next 64-byte boundary.
    mutating func int8s(_ count: Int, _ name: String) throws(SentenceEncoderError) -> UnsafePointer<Int8> {
        try alignedArray(byteCount: count, name).assumingMemoryBound(to: Int8.self)
    }

    /// The next `count` little-endian `Float32` values, from the next 64-byte boundary.
    mutating func floats(_ count: Int, _ name: String) throws(SentenceEncoderError) -> UnsafePointer<Float> {
        #if _endian(big)
        throw .bigEndianMachine
        #else
        return try alignedArray(byteCount: count * MemoryLayout<Float>.stride, name).assumingMemoryBound(to: Float.self)
        #endif
    }

    private mutating func alignedArray(byteCount: Int, _ name: String) throws(SentenceEncoderError) -> UnsafeRawPointer {
        offset = (offset + ModelReader.alignment - 1) / ModelReader.alignment * ModelReader.alignment
        guard byteCount >= 0, offset + byteCount <= count else { throw .truncated(reason: name) }
        defer { offset += byteCount }
        return base + offset
    }
}
