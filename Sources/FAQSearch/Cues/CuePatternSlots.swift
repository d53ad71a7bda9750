/// Where one registered `CuePattern`'s slots stand in its rule's `CueIndex`: the index numbers them
/// consecutively, so the first number and the count say it all. Two integers, so a rule tries its
/// patterns one after another without copying (and reference counting) their strings and arrays.
struct CuePatternSlots: Sendable, Equatable {
    /// The number of the pattern's first slot.
    let first: Int
    /// How many slots the pattern has.
    let count: Int

    /// The ranges of `clause`'s words (first and last matched word) where the pattern matches.
    func matches(in clause: CueIndex.MarkedClause) -> [ClosedRange<Int>] {
        guard mayMatch(clause) else { return [] }
        var found: [ClosedRange<Int>] = []
        for start in 0..<clause.count where clause.word(start, fills: first) {
            if let end = end(matchingFrom: 1, after: start, in: clause) { found.append(start...end) }
        }
        return found
    }

    /// Whether the pattern matches anywhere in `clause`.
    func occurs(in clause: CueIndex.MarkedClause) -> Bool {
        guard mayMatch(clause) else { return false }
        for start in 0..<clause.count where clause.word(start, fills: first) {
            if end(matchingFrom: 1, after: start, in: clause) != nil { return true }
        }
        return false
    }

    /// Whether every slot is filled by some word of `clause` (most patterns fail this at once).
    func mayMatch(_ clause: CueIndex.MarkedClause) -> Bool {
        for slot in first..<(first + count) where !clause.someWord(fills: slot) { return false }
        return true
    }

    /// The index of the last word when the slots from the `slot`-th on match after the word at `previous`.
    private func end(matchingFrom slot: Int, after previous: Int, in clause: CueIndex.MarkedClause) -> Int? {
        guard slot < count else { return previous }
        let last = min(clause.count - 1, previous + 1 + CuePattern.maximumGap)
        guard previous + 1 <= last else { return nil }
        for index in (previous + 1)...last where clause.word(index, fills: first + slot) {
            if let end = end(matchingFrom: slot + 1, after: index, in: clause) { return end }
        }
        return nil
    }
}
