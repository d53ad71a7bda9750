/// How much a word counts in each part of an entry.
///
/// A word of the question says more about what an entry answers than a word deep in the answer, so
/// a term's frequency in an entry is the weighted sum of its frequencies in the fields.
public struct FieldWeights: Sendable, Equatable {
    /// Weight of the question (or title).
    public var question: Double
    /// Weight of each alternative phrasing.
    public var alternative: Double
    /// Weight of the answer text.
    public var answer: Double

    /// Creates weights.
    public init(question: Double, alternative: Double, answer: Double) {
        self.question = question
        self.alternative = alternative
        self.answer = answer
    }

    /// The defaults, chosen on the clinic's evaluation set (see README).
    public static let standard = FieldWeights(question: 3, alternative: 2, answer: 1)
}
