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
    private var exact: [String: [RuleSlot]] = [:]
    private var stems: [String: [RuleSlot]] = [:]
    private var prefixes: [(prefix: String, slot: RuleSlot)] = []
    private var numberSlots: [RuleSlot] = []
    private var typoCandidates: [(word: [UInt8], slots: [RuleSlot])] = []

    /// Merges the indexes of `rules` (their ids must differ; a later one with the same id is ignored).
    public init(rules: [CueRule]) {
        var typoPositions: [[UInt8]: Int] = [:]
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
                for (prefix, slot) in prefixes where word.text.hasPrefix(prefix) { mark(slot) }
                if word.text.first?.isNumber == true { numberSlots.forEach(mark) }
                // A typo never stands for a different correctly spelt word ("never" is not "fever"), and
                // keeps the first letter: "karna" (Hindi "to do") is not a typo of "marna" ("to die").
                guard !word.isKnownWord, word.text.utf8.count >= 5 else { continue }
                let letters = Array(word.text.utf8)
                for candidate in typoCandidates where candidate.word.first == letters.first {
                    let limit = candidate.word.count >= 9 ? 2 : 1
                    guard SpellingCorrector.editDistance(letters, candidate.word, atMost: limit, rows: &rows) != nil else { continue }
                    for slot in candidate.slots where !(exactSlots?.contains { $0.rule == slot.rule } ?? false) { mark(slot) }
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
