/// Ranking: each entry's score blends its similarity to the whole entry with its similarity to its
/// closest phrasing; the best are kept in order.
extension SearchEngine {
    /// Returns up to `limit` entries ranked for `question`, best first.
    public func search(_ question: String, limit: Int = 5) -> Result {
        search(words(of: question), limit: limit)
    }

    /// Returns up to `limit` entries ranked for a question already tokenized (`words(of:)` of this
    /// engine or of another), best first.
    public func search(_ question: LineWords, limit: Int = 5) -> Result {
        let query = prepare(question)
        var ranked: [RankedEntry] = []
        var wordLeader: (position: Int, lead: Double)? = nil
        if limit > 0 {
            let share = configuration.phrasingShare
            // Each entry's best phrasing score, in a reused dense array (0 = no phrasing matched).
            let phrasingMatches = phrasingIndex.score(query.phrasingQuery)
            let scratch = phrasingScratch.take(size: entries.count)
            defer { phrasingScratch.give(back: scratch) }
            var bestPhrasing: [Double] = []
            swap(&bestPhrasing, &scratch.scores)
            defer { swap(&bestPhrasing, &scratch.scores) }
            let entryMatches = entryIndex.score(query.entryQuery)
            var candidates: [RankedEntry] = []
            candidates.reserveCapacity(entryMatches.count + phrasingMatches.count)
            // On the array's buffer: no uniqueness check per write.
            bestPhrasing.withUnsafeMutableBufferPointer { bestPhrasing in
                for match in phrasingMatches {
                    let entry = Int(phrasingEntries[match.document])
                    bestPhrasing[entry] = max(bestPhrasing[entry], match.score + 1)
                }
                func takePhrasingScore(_ entry: Int) -> Double? {
                    let stored = bestPhrasing[entry]
                    bestPhrasing[entry] = 0
                    return stored > 0 ? stored - 1 : nil
                }
                for match in entryMatches {
                    let phrasing = takePhrasingScore(match.document) ?? 0
                    candidates.append(RankedEntry(position: match.document, score: min(1, (1 - share) * match.score + share * phrasing),
                                                  coverage: match.coverage))
                }
                // Entries matched by a phrasing only (possible when a field weight is 0).
                for match in phrasingMatches {
                    let entry = Int(phrasingEntries[match.document])
                    if let phrasing = takePhrasingScore(entry) {
                        candidates.append(RankedEntry(position: entry, score: min(1, share * phrasing), coverage: 0))
                    }
                }
            }
            ranked = Self.best(candidates, limit: max(limit, 2, meaning == nil ? 0 : configuration.meaningDepth))
            wordLeader = Result.leader(byScore: ranked)   // ranked by words so far
            if let meaning { ranked = rerank(ranked, byMeaningOf: query.analysis.words, meaning: meaning) }
            ranked = Array(ranked.prefix(limit))
        }
        return Result(ranked: ranked, analysis: query.analysis, unknownWords: query.unknownWords,
                      hasKnownWord: query.hasKnownWord, wordLeader: wordLeader)
    }

    /// Keeps the `limit` most relevant entries; ties keep the earlier entry first.
    static func best(_ candidates: [RankedEntry], limit: Int) -> [RankedEntry] {
        func before(_ a: RankedEntry, _ b: RankedEntry) -> Bool {
            a.relevance > b.relevance || (a.relevance == b.relevance && a.position < b.position)
        }
        var top: [RankedEntry] = []
        top.reserveCapacity(limit + 1)
        for candidate in candidates {
            if top.count == limit, let last = top.last, !before(candidate, last) { continue }
            // Binary search for the first entry the candidate ranks before.
            var low = 0
            var high = top.count
            while low < high {
                let middle = (low + high) / 2
                if before(candidate, top[middle]) { high = middle } else { low = middle + 1 }
            }
            top.insert(candidate, at: low)
            if top.count > limit { top.removeLast() }
        }
        return top
    }
}
