import Foundation

/// Okapi BM25 over field-weighted frequencies (so, in effect, BM25F with one length per entry).
///
/// A document's weight for a term is idf · tf·(k1 + 1) / (tf + k1·(1 − b + b·len/avglen)). The score
/// is scaled into [0, 1] by dividing by Σ idf·(k1 + 1) over the query's terms, the most a document
/// could reach; unknown query words count there with the highest idf.
public struct BM25Weighting: TermWeighting {
    /// Term-frequency saturation.
    public var k1: Double
    /// Length normalisation, from 0 (none) to 1 (full).
    public var b: Double

    /// Creates the model with the usual parameters.
    public init(k1: Double = 1.2, b: Double = 0.75) {
        self.k1 = k1
        self.b = b
    }

    public var name: String { "bm25" }

    public func postingWeights(for index: InvertedIndex) -> [Float] {
        var weights = [Float](repeating: 0, count: index.postingDocuments.count)
        let average = max(index.averageDocumentLength, 1e-9)
        for term in 0..<index.terms.count {
            let idf = InverseDocumentFrequency.probabilistic(
                documentFrequency: index.documentFrequency(ofNumber: term), documentCount: index.documentCount)
            for position in index.postingRange(ofNumber: term) {
                let frequency = Double(index.postingFrequencies[position])
                let length = Double(index.documentLengths[Int(index.postingDocuments[position])])
                let saturation = frequency * (k1 + 1) / (frequency + k1 * (1 - b + b * length / average))
                weights[position] = Float(idf * saturation)
            }
        }
        return weights
    }

    public func queryWeight(frequency: Double, documentFrequency: Int, documentCount: Int) -> Double {
        frequency
    }

    public func ceiling(queryWeights: [(weight: Double, documentFrequency: Int)], documentCount: Int) -> Double {
        queryWeights.reduce(0.0) {
            $0 + $1.weight * (k1 + 1) * InverseDocumentFrequency.probabilistic(
                documentFrequency: $1.documentFrequency, documentCount: documentCount)
        }
    }
}
