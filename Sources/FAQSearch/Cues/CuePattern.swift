/// A phrase that staff wrote in an intent file (`cue:`, `alarm:`, `sign:`, ...): a few words in
/// order, each with alternatives.
///
/// Syntax: words separated by spaces; `a|b` means either word; `word*` any word starting with
/// `word`; `#` any number. Between two consecutive words of the pattern up to `maximumGap` other
/// words may stand ("want *so badly* to die" matches `want die`). A word of the pattern also
/// matches the other forms of that word (same stem) and, when the patient's word is not itself a
/// correctly spelt word, a spelling at most one edit away (two for words of nine letters or more)
/// with the same first letter.
public struct CuePattern: Sendable, Equatable {
    /// One position of the pattern: what may fill it.
    public struct Slot: Sendable, Equatable {
        /// Words that match, folded like the tokenizer's output.
        public var words: [String] = []
        /// Prefixes written as `word*`.
        public var prefixes: [String] = []
        /// Whether `#` (any number) is among the alternatives.
        public var number = false
    }

    /// How many other words may stand between two consecutive words of a pattern.
    public static let maximumGap = 2

    /// The pattern as written.
    public let text: String
    /// The positions, in order.
    public let slots: [Slot]
    /// Each slot's number in the rule's `CueIndex` (set when the rule indexes the pattern).
    var slotNumbers: [Int] = []

    /// Parses `text`; nil when it holds no word at all.
    public init?(_ text: String) {
        let tokenizer = Tokenizer()
        var slots: [Slot] = []
        for alternatives in text.split(separator: " ") {
            var slot = Slot()
            for alternative in alternatives.split(separator: "|") {
                if alternative == "#" {
                    slot.number = true
                } else if alternative.hasSuffix("*") {
                    slot.prefixes += tokenizer.tokens(in: String(alternative.dropLast())).prefix(1)
                } else {
                    // "can't" is read as "cant", as the tokenizer reads the patient's words.
                    slot.words += tokenizer.tokens(in: String(alternative))
                }
            }
            if !slot.words.isEmpty || !slot.prefixes.isEmpty || slot.number { slots.append(slot) }
        }
        guard !slots.isEmpty else { return nil }
        self.text = text
        self.slots = slots
    }

    /// The ranges of `clause`'s words (first and last matched word) where the pattern matches.
    func matches(in clause: CueIndex.MarkedClause) -> [ClosedRange<Int>] {
        guard mayMatch(clause) else { return [] }
        var found: [ClosedRange<Int>] = []
        for start in 0..<clause.count where clause.word(start, fills: slotNumbers[0]) {
            if let end = end(matchingFrom: 1, after: start, in: clause) { found.append(start...end) }
        }
        return found
    }

    /// Whether the pattern matches anywhere in `clause`.
    func occurs(in clause: CueIndex.MarkedClause) -> Bool {
        guard mayMatch(clause) else { return false }
        for start in 0..<clause.count where clause.word(start, fills: slotNumbers[0]) {
            if end(matchingFrom: 1, after: start, in: clause) != nil { return true }
        }
        return false
    }

    /// Whether every slot is filled by some word of `clause` (most patterns fail this at once).
    private func mayMatch(_ clause: CueIndex.MarkedClause) -> Bool {
        slotNumbers.allSatisfy(clause.someWord(fills:))
    }

    /// The index of the last word when `slots[slot...]` match after the word at `previous`.
    private func end(matchingFrom slot: Int, after previous: Int, in clause: CueIndex.MarkedClause) -> Int? {
        guard slot < slotNumbers.count else { return previous }
        let last = min(clause.count - 1, previous + 1 + Self.maximumGap)
        guard previous + 1 <= last else { return nil }
        for index in (previous + 1)...last where clause.word(index, fills: slotNumbers[slot]) {
            if let end = end(matchingFrom: slot + 1, after: index, in: clause) { return end }
        }
        return nil
    }
}
