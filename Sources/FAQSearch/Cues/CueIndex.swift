/// Which slots of a rule's patterns each word can fill, looked up once per message word instead of
/// once per pattern: every slot of every pattern of a rule gets a number, and a message's words are
/// marked with the numbers of the slots they fill.
public struct CueIndex: Sendable, Equatable {
    private(set) var exact: [String: [Int]] = [:]
    private(set) var stems: [String: [Int]] = [:]
    private(set) var prefixes: [(prefix: String, slot: Int)] = []
    private(set) var numberSlots: [Int] = []
    /// Words of five letters or more, with their slots: a misspelling of one fills them too.
    private(set) var typoCandidates: [(word: [UInt8], slots: [Int])] = []
    /// How many slots there are.
    public private(set) var slotCount = 0

    /// Creates an empty index.
    public init() {}

    /// Numbers the slots of `pattern` and returns it with its numbers set.
    mutating func register(_ pattern: CuePattern, stemmer: PorterStemmer = PorterStemmer()) -> CuePattern {
        var pattern = pattern
        pattern.slotNumbers = CuePatternSlots(first: slotCount, count: pattern.slots.count)
        for slot in pattern.slots {
            let number = slotCount
            slotCount += 1
            for word in Set(slot.words) {
                exact[word, default: []].append(number)
                let stem = stemmer.stem(word)
                if stems[stem]?.last != number { stems[stem, default: []].append(number) }
                if word.utf8.count >= 5 {
                    let bytes = Array(word.utf8)
                    if let at = typoCandidates.firstIndex(where: { $0.word == bytes }) {
                        typoCandidates[at].slots.append(number)
                    } else {
                        typoCandidates.append((bytes, [number]))
                    }
                }
            }
            for prefix in slot.prefixes { prefixes.append((prefix, number)) }
            if slot.number { numberSlots.append(number) }
        }
        return pattern
    }

    /// One clause of a message, each word marked with the slots it fills (a bit per slot).
    public struct MarkedClause: Sendable {
        /// The words.
        public let words: [CueText.Word]
        private var bits: [UInt64]
        /// The slots that any word of the clause fills (the union of the words' bits): a pattern
        /// with a slot outside it cannot match, whatever the order.
        private var anyWordBits: [UInt64]
        private let blocks: Int

        /// A clause whose words `CueMarker` marked already: `bits` holds `blocks` words of bits per word.
        init(words: [CueText.Word], bits: [UInt64], blocks: Int) {
            self.words = words
            self.bits = bits
            self.blocks = blocks
            anyWordBits = Array(repeating: 0, count: blocks)
            gatherAnyWordBits()
        }

        /// Sets `anyWordBits` to the union of the words' bits.
        private mutating func gatherAnyWordBits() {
            for block in 0..<blocks {
                anyWordBits[block] = 0
                for position in 0..<words.count { anyWordBits[block] |= bits[position * blocks + block] }
            }
        }

        /// The number of words.
        public var count: Int { words.count }

        /// Whether the word at `position` fills the slot numbered `slot`.
        func word(_ position: Int, fills slot: Int) -> Bool {
            bits[position * blocks + slot >> 6] & (1 << UInt64(slot & 63)) != 0
        }

        /// Whether some word of the clause fills the slot numbered `slot`.
        func someWord(fills slot: Int) -> Bool {
            anyWordBits[slot >> 6] & (1 << UInt64(slot & 63)) != 0
        }

        /// Calls `body` with each slot in `slots` that some word of the clause fills, in increasing
        /// order, until it returns false.
        func forEachFilledSlot(in slots: Range<Int>, _ body: (Int) -> Bool) {
            guard !slots.isEmpty else { return }
            for block in (slots.lowerBound >> 6)...((slots.upperBound - 1) >> 6) {
                var filled = anyWordBits[block]
                while filled != 0 {
                    let slot = block << 6 + filled.trailingZeroBitCount
                    filled &= filled - 1
                    guard slot >= slots.lowerBound else { continue }
                    guard slot < slots.upperBound, body(slot) else { return }
                }
            }
        }

        /// Marks the words in `range` as filling no slot (an `except:` phrase set them aside).
        mutating func setAside(_ range: ClosedRange<Int>) {
            for position in range { for block in 0..<blocks { bits[position * blocks + block] = 0 } }
            gatherAnyWordBits()
        }
    }

    public static func == (lhs: CueIndex, rhs: CueIndex) -> Bool {
        lhs.exact == rhs.exact && lhs.stems == rhs.stems && lhs.slotCount == rhs.slotCount
    }
}
