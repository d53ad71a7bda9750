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
    /// Its slots' numbers in the rule's `CueIndex` (set when the rule indexes the pattern).
    var slotNumbers = CuePatternSlots(first: 0, count: 0)

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
    func matches(in clause: CueIndex.MarkedClause) -> [ClosedRange<Int>] { slotNumbers.matches(in: clause) }

    /// Whether the pattern matches anywhere in `clause`.
    func occurs(in clause: CueIndex.MarkedClause) -> Bool { slotNumbers.occurs(in: clause) }
}
