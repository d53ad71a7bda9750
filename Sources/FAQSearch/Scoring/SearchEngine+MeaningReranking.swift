/// Re-ranking the best word matches by similarity of meaning (word vectors).
extension SearchEngine {
    /// Orders the first `meaningDepth` word matches by score plus weighted similarity of meaning;
    /// the rest keep their order after them.
    func rerank(_ ranked: [RankedEntry], byMeaningOf words: [String], meaning: MeaningIndex) -> [RankedEntry] {
        let depth = min(ranked.count, max(0, configuration.meaningDepth))
        guard depth > 1, let query = meaning.query(words) else { return ranked }
        let weight = configuration.meaningWeight
        let reranked = ranked[..<depth].map {
            RankedEntry(position: $0.position, score: $0.score, coverage: $0.coverage,
                        relevance: $0.score + weight * max(0, meaning.similarity(query, entry: $0.position)))
        }
        return Self.best(reranked, limit: depth) + ranked[depth...]
    }
}
