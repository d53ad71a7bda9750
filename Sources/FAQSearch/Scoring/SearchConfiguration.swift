/// Settings of the search engine.
public struct SearchConfiguration: Sendable {
    /// Weights of question, alternatives and answer.
    public var fieldWeights: FieldWeights
    /// The scoring model.
    public var weighting: any TermWeighting
    /// How much a query word the knowledge base has never seen counts against the match, relative to
    /// a known word of the highest idf (0 ignores such words, 1 counts them fully).
    public var unknownWordWeight: Double
    /// Whether misspelt query words are corrected.
    public var correctsSpelling: Bool

    /// Creates settings; the defaults are the ones chosen on the clinic's evaluation set.
    public init(fieldWeights: FieldWeights = .standard, weighting: any TermWeighting = TFIDFWeighting(),
                unknownWordWeight: Double = 0.6, correctsSpelling: Bool = true) {
        self.fieldWeights = fieldWeights
        self.weighting = weighting
        self.unknownWordWeight = unknownWordWeight
        self.correctsSpelling = correctsSpelling
    }
}
