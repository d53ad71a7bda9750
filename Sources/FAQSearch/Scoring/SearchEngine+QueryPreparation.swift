/// Preparing a question: its analysis (spelling, stems, synonyms), which of its words the entries
/// know, and its weights in the entry and the phrasing index.
extension SearchEngine {
    /// A question analysed and weighted for both indexes.
    struct PreparedQuery {
        var entryQuery: WeightedIndex.Query
        var phrasingQuery: WeightedIndex.Query
        var analysis: Analyzer.Result
        var unknownWords: [String]
        var hasKnownWord: Bool
    }

    /// The words of `text` and their stems, for `search(_:limit:)` (shared with other engines that
    /// search the same line).
    public func words(of text: String) -> LineWords { LineWords(text, knownStems: knownStems) }

    /// Analyses a question and weights its terms for the entry and the phrasing index.
    func prepare(_ question: LineWords) -> PreparedQuery {
        let analysis = analyzer.analyze(question, spelling: configuration.correctsSpelling ? spelling : nil,
                                        knownStems: knownStems)
        // Each known term's count, in question order (a question has a few terms: a list is cheaper
        // than hashing each term again).
        var frequencies: [(term: String, count: Double)] = []
        frequencies.reserveCapacity(analysis.terms.count)
        var unknown: [String] = []
        var hasKnownWord = false
        for term in analysis.terms {
            if entryIndex.index.termTable.contains(term.text) {
                let isGeneric = GenericWords.contains(term.word)
                // A generic word ("work", "good") says little about the topic even when entries use it.
                let count = isGeneric ? configuration.genericWordWeight : 1
                if let known = frequencies.firstIndex(where: { $0.term == term.text }) {
                    frequencies[known].count += count
                } else {
                    frequencies.append((term.text, count))
                }
                // A question needs a known word that names something: numbers and generic words
                // ("bad", "later") alone never make an answer.
                if !isGeneric && Self.hasLetter(term.text) { hasKnownWord = true }
            } else if term.text.hasPrefix("~") || (!term.isInSynonymGroup && !GenericWords.contains(term.word)) {
                // A word, or a synonym group's meaning, that no entry has: it counts against every match.
                // (A word inside a synonym phrase is represented by its group's term instead.)
                unknown.append(term.word)
            }
        }
        if !hasKnownWord && !frequencies.isEmpty && unknown.isEmpty {
            // Only filler words, but exactly the words of a phrasing staff wrote: it names that topic.
            var termCounts: [String: Double] = [:]
            for term in analysis.terms { termCounts[term.text, default: 0] += 1 }
            hasKnownWord = phrasingKeys.contains(Self.phrasingKey(termCounts))
        }
        let weight = configuration.unknownWordWeight
        return PreparedQuery(
            entryQuery: entryIndex.prepare(frequencies, missing: unknown.count, missingWeight: weight,
                                           unmatchedWeight: configuration.unmatchedWordWeight),
            phrasingQuery: phrasingIndex.prepare(frequencies, missing: unknown.count, missingWeight: weight,
                                                 unmatchedWeight: configuration.unmatchedWordWeight),
            analysis: analysis, unknownWords: unknown, hasKnownWord: hasKnownWord)
    }

    /// Whether `text` has a letter (`Character.isLetter`), answered from its bytes when it is ASCII.
    static func hasLetter(_ text: String) -> Bool {
        guard text.utf8.allSatisfy({ $0 < 128 }) else { return text.contains(where: { $0.isLetter }) }
        return text.utf8.contains { ($0 | 0x20) >= 97 && ($0 | 0x20) <= 122 }
    }

    /// A hash of a text's terms and how often each occurs, independent of their order.
    static func phrasingKey(_ counts: [String: Double]) -> Int {
        var hasher = Hasher()
        for (term, count) in counts.sorted(by: { $0.key < $1.key }) {
            hasher.combine(term)
            hasher.combine(count)
        }
        return hasher.finalize()
    }

    /// Explains the entry-level score of the entry at `position` for `question`, term by term.
    public func explain(_ question: String, position: Int) -> [TermContribution] {
        let query = prepare(words(of: question))
        return entryIndex.contributions(query.entryQuery, document: position).map {
            TermContribution(term: $0.term, queryWeight: $0.queryWeight, entryWeight: $0.documentWeight, contribution: $0.share)
        }
    }
}
