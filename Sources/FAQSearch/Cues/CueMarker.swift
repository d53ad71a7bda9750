import Foundation

/// The `CueIndex`es of several rules side by side, so each word of a message is looked up once for
/// all of them (its exact word, stem, prefixes and possible typos) instead of once per rule.
///
/// The only place where words are marked: a rule alone (`CueRule.match(_: CueText)`) is marked by a
/// marker of that one rule. A word's typo marks for a rule are skipped when that rule has the word
/// itself.
public struct CueMarker: Sendable {
    /// A slot of one rule.
    private struct RuleSlot: Sendable {
        let rule: Int
        let slot: Int
    }

    private var ruleIDs: [String] = []
    private var slotCounts: [Int] = []
    private var blocks: [Int] = []
    private var exact = WordTable<[RuleSlot]>([:])
    private var stems = WordTable<[RuleSlot]>([:])
    private var prefixes: [(prefix: String, slot: RuleSlot)] = []
    /// For each ASCII byte, the positions in `prefixes` of those that start with it: all a word
    /// starting with that byte can start with.
    private var prefixesByFirstByte = [[Int]](repeating: [], count: 128)
    /// The positions of the other prefixes, by the first scalar of their canonical decomposition
    /// (words are decomposed by the tokenizer): all a word starting with that scalar can start with.
    private var prefixesByFirstScalar: [UInt32: [Int]] = [:]
    /// The bytes of every prefix one after the other, and where each starts (one more entry marks the
    /// end of the last). A prefix and a word of printable ASCII are compared by these bytes (as
    /// `hasPrefix` would answer); any other by `hasPrefix`.
    private var prefixBytes: [UInt8] = []
    private var prefixStarts: [Int32] = [0]
    private var prefixIsPrintableASCII: [Bool] = []
    private var numberSlots: [RuleSlot] = []
    private var typoCandidates: [(word: [UInt8], slots: [RuleSlot])] = []
    /// For each first byte, the positions in `typoCandidates` of the words that start with it (a typo
    /// keeps the first letter).
    private var typoCandidatesByFirstByte = [[Int]](repeating: [], count: 256)
    /// Each typo candidate's letters (`SpellingCorrector.letterSet`): an edit changes that set by at
    /// most two letters, so most candidates need no edit distance.
    private var typoLetters: [UInt32] = []

    /// Merges the indexes of `rules` (their ids must differ; a later one with the same id is ignored).
    public init(rules: [CueRule]) {
        var typoPositions: [[UInt8]: Int] = [:]
        var exact: [String: [RuleSlot]] = [:], stems: [String: [RuleSlot]] = [:]
        for rule in rules where !ruleIDs.contains(rule.id) {
            let number = ruleIDs.count
            ruleIDs.append(rule.id)
            let index = rule.index
            slotCounts.append(index.slotCount)
            blocks.append(max(1, (index.slotCount + 63) / 64))
            for (word, slots) in index.exact { exact[word, default: []] += slots.map { RuleSlot(rule: number, slot: $0) } }
            for (stem, slots) in index.stems { stems[stem, default: []] += slots.map { RuleSlot(rule: number, slot: $0) } }
            prefixes += index.prefixes.map { ($0.prefix, RuleSlot(rule: number, slot: $0.slot)) }
            numberSlots += index.numberSlots.map { RuleSlot(rule: number, slot: $0) }
            for candidate in index.typoCandidates {
                let slots = candidate.slots.map { RuleSlot(rule: number, slot: $0) }
                if let at = typoPositions[candidate.word] {
                    typoCandidates[at].slots += slots
                } else {
                    typoPositions[candidate.word] = typoCandidates.count
                    typoCandidates.append((candidate.word, slots))
                }
            }
        }
        self.exact = WordTable(exact)
        self.stems = WordTable(stems)
        for (position, candidate) in typoCandidates.enumerated() {
            typoCandidatesByFirstByte[Int(candidate.word[0])].append(position)
        }
        typoLetters = typoCandidates.map { SpellingCorrector.letterSet($0.word) }
        for (position, prefix) in prefixes.enumerated() {
            prefixBytes += prefix.prefix.utf8
            prefixStarts.append(Int32(prefixBytes.count))
            prefixIsPrintableASCII.append(Self.isPrintableASCII(prefix.prefix))
            if let first = prefix.prefix.utf8.first, first < 128 {
                prefixesByFirstByte[Int(first)].append(position)
            } else if let first = prefix.prefix.decomposedStringWithCanonicalMapping.unicodeScalars.first {
                prefixesByFirstScalar[first.value, default: []].append(position)
            }
        }
    }

    /// The positions in `prefixes` of those that `word` may start with (`hasPrefix` decides): those
    /// with the same first byte, or for a word not starting with ASCII, the same first scalar.
    private func possiblePrefixes(of word: String, _ body: (Int) -> Void) {
        guard let first = word.utf8.first else { return }
        if first < 128 {
            prefixesByFirstByte[Int(first)].forEach(body)
        } else if let scalar = word.unicodeScalars.first {
            prefixesByFirstScalar[scalar.value]?.forEach(body)
        }
    }

    /// Whether every byte of `text` is printable ASCII (no control character such as the "\r\n" that
    /// is one character of two bytes).
    private static func isPrintableASCII(_ text: String) -> Bool {
        var text = text
        return text.withUTF8(isPrintableASCII)
    }

    /// Whether every one of `bytes` is printable ASCII.
    private static func isPrintableASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.allSatisfy { $0 >= 32 && $0 < 127 }
    }

    /// Whether `word` (whose bytes are `wordBytes` when they are all printable ASCII) starts with the
    /// prefix at `at`, as `hasPrefix` tells.
    private func word(_ word: String, bytes wordBytes: UnsafeBufferPointer<UInt8>?, hasPrefixAt at: Int) -> Bool {
        guard let wordBytes, prefixIsPrintableASCII[at] else { return word.hasPrefix(prefixes[at].prefix) }
        let start = Int(prefixStarts[at]), end = Int(prefixStarts[at + 1])
        guard end - start <= wordBytes.count else { return false }
        return prefixBytes.withUnsafeBufferPointer { prefix in
            for offset in 0..<(end - start) where prefix[start + offset] != wordBytes[offset] { return false }
            return true
        }
    }

    /// Whether the first character of `word` is a number (`Character.isNumber`), from its bytes when
    /// its first two are ASCII (then the first character is the first byte alone).
    private static func startsWithNumber(_ word: String) -> Bool {
        var bytes = word.utf8.makeIterator()
        guard let first = bytes.next() else { return false }
        if first < 128, (bytes.next() ?? 0) < 128 { return first >= 48 && first <= 57 }
        return word.first?.isNumber == true
    }

    /// `text` with each clause's words marked for every rule.
    public func mark(_ text: CueText) -> MarkedCueText {
        var byRule = [[CueIndex.MarkedClause]](repeating: [], count: ruleIDs.count)
        var rows = SpellingCorrector.DistanceRows(capacity: 64)
        for words in text.clauses {
            var bits = blocks.map { [UInt64](repeating: 0, count: words.count * $0) }
            for (position, word) in words.enumerated() {
                func mark(_ slot: RuleSlot) {
                    bits[slot.rule][position * blocks[slot.rule] + slot.slot >> 6] |= 1 << UInt64(slot.slot & 63)
                }
                let exactSlots = exact[word.text]
                exactSlots?.forEach(mark)
                stems[word.stem]?.forEach(mark)
                var text = word.text   // a copy to borrow its bytes from
                text.withUTF8 { bytes in
                    let printable = Self.isPrintableASCII(bytes) ? bytes : nil
                    possiblePrefixes(of: word.text) { at in
                        if self.word(word.text, bytes: printable, hasPrefixAt: at) { mark(prefixes[at].slot) }
                    }
                }
                if Self.startsWithNumber(word.text) { numberSlots.forEach(mark) }
                // A typo never stands for a different correctly spelt word ("never" is not "fever"), and
                // keeps the first letter: "karna" (Hindi "to do") is not a typo of "marna" ("to die").
                guard !word.isKnownWord, word.text.utf8.count >= 5 else { continue }
                let letters = Array(word.text.utf8)
                let letterSet = SpellingCorrector.letterSet(letters)
                for at in typoCandidatesByFirstByte[Int(letters[0])] {
                    let limit = typoCandidates[at].word.count >= 9 ? 2 : 1
                    if (letterSet ^ typoLetters[at]).nonzeroBitCount > 2 * limit { continue }
                    guard SpellingCorrector.editDistance(letters, typoCandidates[at].word, atMost: limit, rows: &rows) != nil else { continue }
                    for slot in typoCandidates[at].slots where !(exactSlots?.contains { $0.rule == slot.rule } ?? false) { mark(slot) }
                }
            }
            for rule in ruleIDs.indices {
                byRule[rule].append(CueIndex.MarkedClause(words: words, bits: bits[rule], blocks: blocks[rule]))
            }
        }
        return MarkedCueText(text: text, ruleIDs: ruleIDs, slotCounts: slotCounts, clausesByRule: byRule)
    }
}

/// A message prepared for cue matching with its words marked for the rules of a `CueMarker`.
public struct MarkedCueText: Sendable {
    /// The message.
    public let text: CueText
    fileprivate let ruleIDs: [String]
    fileprivate let slotCounts: [Int]
    fileprivate let clausesByRule: [[CueIndex.MarkedClause]]

    /// The clauses marked for `rule`, before its `except:` phrases are set aside; nil when the marker
    /// did not know the rule (or knew another rule of the same id, with another number of slots).
    func clauses(for rule: CueRule) -> [CueIndex.MarkedClause]? {
        guard let at = ruleIDs.firstIndex(of: rule.id), slotCounts[at] == rule.index.slotCount else { return nil }
        return clausesByRule[at]
    }
}
