/// A phrase that staff wrote in an intent file (`cue:`, `alarm:`, `sign:`, ...): a few words in
/// order, each with alternatives.
///
/// Syntax: words separated by spaces; `a|b` means either word; `word*` any word starting with
/// `word`; `#` any number. Between two consecutive words of the pattern up to `maximumGap` other
/// words may stand ("want *so badly* to die" matches `want die`). A word of the pattern also
/// matches the other forms of that word (same stem) and, when the patient's word is not itself a
/// correctly spelt word, a spelling at most one edit away (two for long words).
public struct CuePattern: Sendable, Equatable {
    /// One position of the pattern.
    public struct Slot: Sendable, Equatable {
        /// Words that match exactly, lower-case and folded like the tokenizer's output.
        public var words: Set<String> = []
        /// Stems of `words`: another form of the same word matches.
        public var stems: Set<String> = []
        /// Prefixes written as `word*`.
        public var prefixes: [String] = []
        /// Whether `#` (any number) is among the alternatives.
        public var number = false
        /// `words` long enough (5 letters or more) to forgive a typo.
        public var typoCandidates: [[UInt8]] = []
    }

    /// How many other words may stand between two consecutive words of a pattern.
    public static let maximumGap = 2

    /// The pattern as written.
    public let text: String
    /// The positions, in order.
    public let slots: [Slot]

    /// Parses `text`; nil when it holds no word at all.
    public init?(_ text: String, stemmer: PorterStemmer = PorterStemmer()) {
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
                    for word in tokenizer.tokens(in: String(alternative)) {
                        slot.words.insert(word)
                        slot.stems.insert(stemmer.stem(word))
                        if word.utf8.count >= 5 { slot.typoCandidates.append(Array(word.utf8)) }
                    }
                }
            }
            if !slot.words.isEmpty || !slot.prefixes.isEmpty || slot.number { slots.append(slot) }
        }
        guard !slots.isEmpty else { return nil }
        self.text = text
        self.slots = slots
    }

    /// The ranges of `words` (indices of the first and last matched word) where the pattern matches.
    func matches(in words: [CueText.Word]) -> [ClosedRange<Int>] {
        var found: [ClosedRange<Int>] = []
        for start in words.indices where slots[0].matches(words[start]) {
            if let end = end(matchingFrom: 1, after: start, in: words) { found.append(start...end) }
        }
        return found
    }

    /// The index of the last word when `slots[slot...]` match after the word at `previous`.
    private func end(matchingFrom slot: Int, after previous: Int, in words: [CueText.Word]) -> Int? {
        guard slot < slots.count else { return previous }
        let last = min(words.count - 1, previous + 1 + Self.maximumGap)
        guard previous + 1 <= last else { return nil }
        for index in (previous + 1)...last where slots[slot].matches(words[index]) {
            if let end = end(matchingFrom: slot + 1, after: index, in: words) { return end }
        }
        return nil
    }
}

extension CuePattern.Slot {
    /// Whether the patient's `word` fills this slot.
    func matches(_ word: CueText.Word) -> Bool {
        if word.text.isEmpty { return false }   // set aside by an 'except:' phrase
        if words.contains(word.text) || stems.contains(word.stem) { return true }
        if number && word.text.first?.isNumber == true { return true }
        for prefix in prefixes where word.text.hasPrefix(prefix) { return true }
        guard !word.isKnownWord, word.text.utf8.count >= 5, !typoCandidates.isEmpty else { return false }
        let letters = Array(word.text.utf8)
        var rows = SpellingCorrector.DistanceRows(capacity: 64)
        for candidate in typoCandidates {
            let limit = candidate.count >= 9 ? 2 : 1
            if SpellingCorrector.editDistance(letters, candidate, atMost: limit, rows: &rows) != nil { return true }
        }
        return false
    }
}
