import Foundation

/// A read-only map from words to values that looks an ASCII word up by its bytes (FNV-1a hashing,
/// open addressing), several times cheaper than a `Dictionary<String, Value>` lookup, whose SipHash
/// resists hostile keys and whose `==` compares Unicode canonical equivalents. Every word of every
/// line is looked up in a few such tables.
///
/// Answers exactly as the dictionary it is built from: a word that is not ASCII (or not stored as
/// contiguous UTF-8) is looked up in that dictionary, and when a key that is not ASCII equals an
/// ASCII word under canonical equivalence (the Kelvin sign "K" is "K"), every word is.
struct WordTable<Value: Sendable>: Sendable {
    /// Every key and value: the answer for words the byte table cannot give.
    let dictionary: [String: Value]
    /// The ASCII keys, one after the other.
    private let characters: [UInt8]
    /// Where each ASCII key starts in `characters`; one more entry marks the end of the last.
    private let starts: [Int32]
    /// The value of each ASCII key.
    private let values: [Value]
    /// Key numbers by hash; -1 marks an empty slot.
    private let slots: [Int32]
    /// Whether ASCII words may be answered from the byte table.
    private let answersASCIIByBytes: Bool

    /// A table of `dictionary`'s keys and values.
    init(_ dictionary: [String: Value]) {
        self.dictionary = dictionary
        var characters: [UInt8] = [], starts: [Int32] = [0], values: [Value] = []
        var answersASCIIByBytes = true
        for (key, value) in dictionary {
            if key.utf8.allSatisfy({ $0 < 128 }) {
                characters.append(contentsOf: key.utf8)
                starts.append(Int32(characters.count))
                values.append(value)
            } else if key.decomposedStringWithCanonicalMapping.utf8.allSatisfy({ $0 < 128 }) {
                answersASCIIByBytes = false
            }
        }
        self.characters = characters
        self.starts = starts
        self.values = values
        slots = WordRowTable.slots(of: characters, starts: starts, count: values.count)
        self.answersASCIIByBytes = answersASCIIByBytes
    }

    /// A table of `keys`, each with `value` (a set, with `Value` = `Bool`).
    init(_ keys: some Sequence<String>, value: Value) {
        self.init(Dictionary(keys.map { ($0, value) }, uniquingKeysWith: { first, _ in first }))
    }

    /// The value of `word`, as `dictionary[word]` would give it.
    subscript(word: String) -> Value? {
        if answersASCIIByBytes, let key = word.utf8.withContiguousStorageIfAvailable({ asciiKey(of: $0) }), key != Self.notASCII {
            return key >= 0 ? values[key] : nil
        }
        return dictionary[word]
    }

    /// Whether `word` is a key.
    func contains(_ word: String) -> Bool { self[word] != nil }

    private static var notASCII: Int { -2 }

    /// The number of the ASCII key equal to `bytes`; -1 when there is none, `notASCII` when `bytes`
    /// is not ASCII.
    private func asciiKey(of bytes: UnsafeBufferPointer<UInt8>) -> Int {
        // `WordRowTable.hash`, and whether every byte is ASCII, in one pass.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var any: UInt8 = 0
        for byte in bytes {
            any |= byte
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        if any >= 128 { return Self.notASCII }
        let mask = slots.count - 1
        return characters.withUnsafeBufferPointer { characters in
            var slot = Int(truncatingIfNeeded: hash ^ (hash >> 32)) & mask
            while true {
                let key = Int(slots[slot])
                if key < 0 { return -1 }
                let start = Int(starts[key]), end = Int(starts[key + 1])
                if end - start == bytes.count && (bytes.isEmpty || memcmp(bytes.baseAddress!, characters.baseAddress! + start, bytes.count) == 0) {
                    return key
                }
                slot = (slot + 1) & mask
            }
        }
    }
}
