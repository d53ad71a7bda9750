/// What a search returns: the ranked entries and what the question's words were.
extension SearchEngine {
    /// An entry with its score for a question.
    public struct RankedEntry: Sendable, Equatable {
        /// The entry's position in `entries`.
        public let position: Int
        /// How well the entry's words match the question's: the blended score in [0, 1].
        public let score: Double
        /// The share of the question (idf-weighted, unknown words included) that the entry contains,
        /// in [0, 1].
        public let coverage: Double
        /// What orders the ranking: the score, plus the weighted similarity of meaning for the entries
        /// re-ranked by meaning (so in [0, 1.75] with the default weight of 0.75).
        public let relevance: Double

        /// Creates a ranked entry; without a `relevance`, the score orders it.
        public init(position: Int, score: Double, coverage: Double, relevance: Double? = nil) {
            self.position = position
            self.score = score
            self.coverage = coverage
            self.relevance = relevance ?? score
        }
    }

    /// What a search found.
    public struct Result: Sendable {
        /// The best entries, best first; only entries that share a term with the question.
        public let ranked: [RankedEntry]
        /// The question's analysis.
        public let analysis: Analyzer.Result
        /// Query words that neither the index nor the synonyms know, generic words aside.
        public let unknownWords: [String]
        /// Whether some word of the question, other than a number, is in the index.
        public let hasKnownWord: Bool
        /// The entry with the best score by words alone, and how far its score is ahead of the
        /// second best's (over all entries, not only the ranked ones); nil when nothing matched.
        public let wordLeader: (position: Int, lead: Double)?

        /// Creates a result; without a `wordLeader`, it is the ranked entry with the highest score.
        public init(ranked: [RankedEntry], analysis: Analyzer.Result, unknownWords: [String], hasKnownWord: Bool,
                    wordLeader: (position: Int, lead: Double)? = nil) {
            self.ranked = ranked
            self.analysis = analysis
            self.unknownWords = unknownWords
            self.hasKnownWord = hasKnownWord
            self.wordLeader = wordLeader ?? Self.leader(byScore: ranked.sorted { $0.score > $1.score })
        }

        /// The first of entries ranked by word score, and its lead over the second.
        static func leader(byScore ranked: [RankedEntry]) -> (position: Int, lead: Double)? {
            ranked.first.map { ($0.position, $0.score - (ranked.count > 1 ? ranked[1].score : 0)) }
        }
    }

    /// One term's part in a score, for explanations.
    public struct TermContribution: Sendable {
        /// The term (a stem or a synonym group).
        public let term: String
        /// Its weight in the query, before scaling.
        public let queryWeight: Double
        /// Its weight in the entry.
        public let entryWeight: Double
        /// Its share of the entry-level score.
        public let contribution: Double
    }
}
