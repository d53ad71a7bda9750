/// Finds a word's row in the word-vector table by its UTF-8 bytes.
///
/// Open addressing with FNV-1a hashing over the bytes: building it makes no `String` per word (the
/// table is read at every start), and a lookup, done for every word of every entry when the index is
/// built, costs about half a `Dictionary<String, Int32>` lookup, whose SipHash is made to resist
/// hostile keys that a fixed vocabulary cannot contain.
struct WordRowTable: Sendable {
    /// The words, one after the other, without separators.
    private let characters: [UInt8]
    /// Where each row's word starts in `characters`; one more entry marks the end of the last.
    private let starts: [Int32]
    /// Row numbers by hash; -1 marks an empty slot.
    private let slots: [Int32]

    /// An empty table.
    init() {
        characters = []
        starts = [0]
        slots = [-1]
    }

    /// A table of `count` words given as UTF-8, each followed by a newline; nil if there are fewer.
    /// `consumed` is set to the number of bytes the words took.
    init?(newlineSeparated bytes: UnsafeRawBufferPointer, count: Int, consumed: inout Int) {
        var characters: [UInt8] = []
        var starts: [Int32] = [0]
        characters.reserveCapacity(min(count * 8, bytes.count))   // a header cannot make it reserve more than it reads
        starts.reserveCapacity(min(count, bytes.count) + 1)
        var offset = 0
        while starts.count <= count {
            guard offset < bytes.count else { return nil }
            let byte = bytes[offset]
            offset += 1
            if byte == 0x0A { starts.append(Int32(characters.count)) } else { characters.append(byte) }
        }
        consumed = offset
        self.characters = characters
        self.starts = starts
        slots = Self.slots(of: characters, starts: starts, count: count)
    }

    /// An open-addressing table of the `count` words stored in `characters` (word `n` from
    /// `starts[n]` to `starts[n + 1]`): their numbers by hash, in at least twice as many slots (a
    /// power of two), -1 marking an empty slot; a collision takes the next free slot.
    static func slots(of characters: [UInt8], starts: [Int32], count: Int) -> [Int32] {
        var capacity = 2
        while capacity < count * 2 { capacity *= 2 }
        var slots = [Int32](repeating: -1, count: capacity)
        characters.withUnsafeBufferPointer { characters in
            for row in 0..<count {
                let word = UnsafeBufferPointer(rebasing: characters[Int(starts[row])..<Int(starts[row + 1])])
                var slot = Self.hash(word) & (capacity - 1)
                while slots[slot] >= 0 { slot = (slot + 1) & (capacity - 1) }
                slots[slot] = Int32(row)
            }
        }
        return slots
    }

    /// The row of `word`, or nil when the table does not have it. (The first of equal words wins.)
    func row(of word: String) -> Int32? {
        var word = word
        return word.withUTF8 { row(ofBytes: $0) }
    }

    private func row(ofBytes word: UnsafeBufferPointer<UInt8>) -> Int32? {
        let mask = slots.count - 1
        return characters.withUnsafeBufferPointer { characters -> Int32? in
            var slot = Self.hash(word) & mask
            while true {
                let row = Int(slots[slot])
                if row < 0 { return nil }
                let start = Int(starts[row])
                let end = Int(starts[row + 1])
                if end - start == word.count && word.elementsEqual(characters[start..<end]) { return Int32(row) }
                slot = (slot + 1) & mask
            }
        }
    }

    /// FNV-1a, 64 bits.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return Int(truncatingIfNeeded: hash ^ (hash >> 32))
    }
}
