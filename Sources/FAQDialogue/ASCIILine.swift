/// A line of plain ASCII as bytes, for splitting most patients' lines without walking `Character`s.
///
/// In ASCII without "\r" every character is one byte ("\r\n" is one `Character`), so each operation
/// here gives what the same operation on the `String` gives. Other lines are left to the `String` code.
struct ASCIILine {
    /// The bytes, all below 128.
    let bytes: [UInt8]

    /// The line of `text`, or nil when `text` has a byte outside ASCII or a "\r".
    init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.allSatisfy({ $0 < 128 && $0 != 13 }) else { return nil }
        self.bytes = bytes
    }

    /// `bytes` as a string.
    static func string(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }

    /// `bytes` split at every non-overlapping occurrence of `separator` (searched from the start, as
    /// `split(separator:)` of a `String` does), without empty parts.
    static func split(_ bytes: ArraySlice<UInt8>, separator: [UInt8]) -> [ArraySlice<UInt8>] {
        var parts: [ArraySlice<UInt8>] = []
        var start = bytes.startIndex
        var index = bytes.startIndex
        while index + separator.count <= bytes.endIndex {
            if bytes[index] == separator[0] && bytes[index..<(index + separator.count)].elementsEqual(separator) {
                if index > start { parts.append(bytes[start..<index]) }
                index += separator.count
                start = index
            } else {
                index += 1
            }
        }
        if start < bytes.endIndex { parts.append(bytes[start...]) }
        return parts
    }

    /// Whether `needle` occurs in `bytes`.
    static func contains(_ needle: [UInt8], in bytes: ArraySlice<UInt8>) -> Bool {
        guard bytes.count >= needle.count else { return false }
        for start in bytes.startIndex...(bytes.endIndex - needle.count) where bytes[start] == needle[0] {
            if bytes[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }

    /// The end of the last occurrence of `needle` in `bytes`, or nil.
    static func endOfLast(_ needle: ArraySlice<UInt8>, in bytes: [UInt8]) -> Int? {
        guard !needle.isEmpty, bytes.count >= needle.count else { return nil }
        for start in stride(from: bytes.count - needle.count, through: 0, by: -1) where bytes[start] == needle.first! {
            if bytes[start..<(start + needle.count)].elementsEqual(needle) { return start + needle.count }
        }
        return nil
    }

    /// `bytes` without spaces and tabs at either end.
    static func trimmingSpacesAndTabs(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var slice = bytes
        while let first = slice.first, first == 32 || first == 9 { slice = slice.dropFirst() }
        while let last = slice.last, last == 32 || last == 9 { slice = slice.dropLast() }
        return slice
    }
}
