/// Settings of the search engine.
public struct SearchConfiguration: Sendable {
    /// Weights of question, alternatives and answer.
    public var fieldWeights: FieldWeights
    /// The scoring model.
    public var weighting: any TermWeighting
    /// How much a query word the knowledge base has never seen counts against the match, relative to
    /// a known word of the highest idf (0 ignores such words, 1 counts them fully).
    public var unknownWordWeight: Double
    /// How much a known question word that an entry lacks counts against that entry's coverage,
    /// relative to a word the knowledge base does not know at all.
    public var unmatchedWordWeight: Double = 0.5
    /// How much a generic question word ("work", "good", "better") counts, relative to other words.
    public var genericWordWeight: Double = 0.8
    /// Whether misspelt query words are corrected.
    public var correctsSpelling: Bool
    /// The share of the score that comes from the best-matching single phrasing (the question or one
    /// alternative) rather than from the whole entry (all fields together).
    public var phrasingShare: Double
    /// How much similarity of meaning (word vectors) counts when the best word matches are re-ranked:
    /// an entry's rank is its word-match score plus this times the cosine of the two meanings. 0 ranks
    /// by words alone.
    public var meaningWeight: Double = 0.75
    /// How many of the best word matches are re-ranked by meaning.
    public var meaningDepth: Int = 50
    /// The word vectors that give words their meaning.
    public var wordVectors: WordVectors = .builtIn

    /// Creates settings; the defaults are the ones chosen on the clinic's evaluation set.
    public init(fieldWeights: FieldWeights = .standard, weighting: any TermWeighting = TFIDFWeighting(),
                unknownWordWeight: Double = 1.0, correctsSpelling: Bool = true, phrasingShare: Double = 0.2) {
        self.fieldWeights = fieldWeights
        self.weighting = weighting
        self.unknownWordWeight = unknownWordWeight
        self.correctsSpelling = correctsSpelling
        self.phrasingShare = phrasingShare
    }
}
