import Foundation

/// A scoring model expressed as weights: score(query, document) = Σ queryWeight(t) · postingWeight(t, d),
/// scaled into [0, 1] by the largest score the query could reach.
///
/// Both TF-IDF cosine and BM25 fit this shape, so the index precomputes posting weights once and a
/// query only adds numbers along its terms' postings.
public protocol TermWeighting: Sendable {
    /// The model's name, for `--scorer` and explanations.
    var name: String { get }
    /// The weight of every posting of `index`, aligned with `index.postingDocuments`.
    func postingWeights(for index: InvertedIndex) -> [Float]
    /// The weight of a query term occurring `frequency` times, given its document frequency
    /// (0 when no document has it).
    func queryWeight(frequency: Double, documentFrequency: Int, documentCount: Int) -> Double
    /// The score a document matching every query term perfectly would get, used to scale into [0, 1].
    func ceiling(queryWeights: [(weight: Double, documentFrequency: Int)], documentCount: Int) -> Double
}

/// Inverse document frequencies shared by the models.
public enum InverseDocumentFrequency {
    /// Smoothed idf: ln((1 + N) / (1 + df)) + 1, as if one extra document held every term.
    public static func smoothed(documentFrequency: Int, documentCount: Int) -> Double {
        log((1 + Double(documentCount)) / (1 + Double(documentFrequency))) + 1
    }

    /// BM25's idf: ln(1 + (N − df + 0.5) / (df + 0.5)), never negative.
    public static func probabilistic(documentFrequency: Int, documentCount: Int) -> Double {
        log(1 + (Double(documentCount) - Double(documentFrequency) + 0.5) / (Double(documentFrequency) + 0.5))
    }
}

