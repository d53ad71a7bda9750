import Foundation

/// TF-IDF with sublinear term frequency, smoothed idf and cosine-normalised vectors.
///
/// A document's weight for a term is (1 + ln tf) · idf, divided by the length of the document's
/// vector; the query is weighted the same way, and the score is the cosine of the two vectors, so it
/// lies in [0, 1]. Query words the index has never seen still count in the query's length: a question
/// that is half about something else cannot match perfectly.
public struct TFIDFWeighting: TermWeighting {
    /// Creates the model.
    public init() {}

    public var name: String { "tfidf" }

    /// 1 + ln tf for tf ≥ 1; a fractional frequency (a field weight below 1) counts as it is.
    public static func sublinear(_ frequency: Double) -> Double {
        frequency >= 1 ? 1 + log(frequency) : frequency
    }

    public func postingWeights(for index: InvertedIndex) -> [Float] {
        var weights = [Float](repeating: 0, count: index.postingDocuments.count)
        var squaredNorms = [Double](repeating: 0, count: index.documentCount)
        for term in 0..<index.terms.count {
            let idf = InverseDocumentFrequency.smoothed(
                documentFrequency: index.documentFrequency(ofNumber: term), documentCount: index.documentCount)
            for position in index.postingRange(ofNumber: term) {
                let weight = Self.sublinear(Double(index.postingFrequencies[position])) * idf
                weights[position] = Float(weight)
                squaredNorms[Int(index.postingDocuments[position])] += weight * weight
            }
        }
        for position in weights.indices {
            let norm = squaredNorms[Int(index.postingDocuments[position])].squareRoot()
            if norm > 0 { weights[position] = Float(Double(weights[position]) / norm) }
        }
        return weights
    }

    public func queryWeight(frequency: Double, documentFrequency: Int, documentCount: Int) -> Double {
        Self.sublinear(frequency) * InverseDocumentFrequency.smoothed(
            documentFrequency: documentFrequency, documentCount: documentCount)
    }

    public func ceiling(queryWeights: [(weight: Double, documentFrequency: Int)], documentCount: Int) -> Double {
        queryWeights.reduce(0.0) { $0 + $1.weight * $1.weight }.squareRoot()
    }
}
