/// An inverted index together with its posting weights under one scoring model.
struct WeightedIndex: Sendable {
    let index: InvertedIndex
    let weighting: any TermWeighting
    private let postingWeights: [Float]

    init(_ builder: InvertedIndex.Builder, weighting: any TermWeighting) {
        index = InvertedIndex(builder)
        self.weighting = weighting
        postingWeights = weighting.postingWeights(for: index)
    }

    /// A question's terms weighted for this index.
    struct Query {
        /// Terms the index has: number, weight under the model, and idf weight for coverage.
        var terms: [(number: Int, weight: Double, coverage: Double)]
        /// The largest score the query could reach.
        var ceiling: Double
        /// Σ coverage weight over the query terms the knowledge base knows (matched here or not).
        var knownTotal: Double
        /// Σ coverage weight over the query words the knowledge base does not know.
        var unknownTotal: Double
        /// How much a known term that a document lacks counts against that document's coverage,
        /// relative to an unknown word.
        var unmatchedWeight: Double

        /// The coverage of a document that matched `matched` of the known weight:
        /// matched / (matched + unmatchedWeight · (known − matched) + unknown).
        func coverage(matched: Double) -> Double {
            let denominator = matched + unmatchedWeight * max(0, knownTotal - matched) + unknownTotal
            return denominator > 0 ? matched / denominator : 0
        }
    }

    /// Weights `frequencies` (term → count, in question order). `missing` terms count against the
    /// match with `missingWeight` times the highest idf.
    func prepare(_ frequencies: [(term: String, count: Double)], missing: Int, missingWeight: Double,
                 unmatchedWeight: Double) -> Query {
        var terms: [(number: Int, weight: Double, coverage: Double)] = []
        var ceilingParts: [(weight: Double, documentFrequency: Int)] = []
        var knownTotal = 0.0
        var unknownTotal = 0.0
        let count = index.documentCount
        for (term, frequency) in frequencies {
            guard let number = index.termNumbers[term].map(Int.init) else {
                // Known to the knowledge base but absent here: it cannot match, it only lowers the score.
                let weight = weighting.queryWeight(frequency: frequency, documentFrequency: 0, documentCount: count)
                ceilingParts.append((weight, 0))
                let idf = min(frequency, 1) * InverseDocumentFrequency.smoothed(documentFrequency: 0, documentCount: count)
                knownTotal += idf * idf
                continue
            }
            let documentFrequency = index.documentFrequency(ofNumber: number)
            let weight = weighting.queryWeight(frequency: frequency, documentFrequency: documentFrequency, documentCount: count)
            let idf = min(frequency, 1) * InverseDocumentFrequency.smoothed(documentFrequency: documentFrequency, documentCount: count)
            terms.append((number, weight, idf * idf))
            ceilingParts.append((weight, documentFrequency))
            knownTotal += idf * idf
        }
        if missingWeight > 0 && missing > 0 {
            let weight = missingWeight * weighting.queryWeight(frequency: 1, documentFrequency: 0, documentCount: count)
            let idf = missingWeight * InverseDocumentFrequency.smoothed(documentFrequency: 0, documentCount: count)
            for _ in 0..<missing {
                ceilingParts.append((weight, 0))
                unknownTotal += idf * idf
            }
        }
        return Query(terms: terms, ceiling: weighting.ceiling(queryWeights: ceilingParts, documentCount: count),
                     knownTotal: knownTotal, unknownTotal: unknownTotal, unmatchedWeight: unmatchedWeight)
    }

    /// The scaled score and coverage of every document sharing a term with `query`.
    func score(_ query: Query) -> [(document: Int, score: Double, coverage: Double)] {
        guard !query.terms.isEmpty, query.ceiling > 0 else { return [] }
        let totalPostings = query.terms.reduce(0) { $0 + index.documentFrequency(ofNumber: $1.number) }
        var results: [(document: Int, score: Double, coverage: Double)] = []
        if totalPostings * 8 < index.documentCount {
            var sums: [Int32: (Double, Double)] = [:]
            for term in query.terms {
                for position in index.postingRange(ofNumber: term.number) {
                    let value = term.weight * Double(postingWeights[position])
                    sums[index.postingDocuments[position], default: (0, 0)].0 += value
                    sums[index.postingDocuments[position], default: (0, 0)].1 += term.coverage
                }
            }
            results.reserveCapacity(sums.count)
            for (document, sum) in sums {
                results.append((Int(document), sum.0 / query.ceiling, query.coverage(matched: sum.1)))
            }
        } else {
            var scores = [Double](repeating: 0, count: index.documentCount)
            var coverage = [Double](repeating: 0, count: index.documentCount)
            for term in query.terms {
                for position in index.postingRange(ofNumber: term.number) {
                    let document = Int(index.postingDocuments[position])
                    scores[document] += term.weight * Double(postingWeights[position])
                    coverage[document] += term.coverage
                }
            }
            for document in scores.indices where coverage[document] > 0 {
                results.append((document, scores[document] / query.ceiling, query.coverage(matched: coverage[document])))
            }
        }
        return results
    }

    /// Each query term's weight in `document` and its share of the score.
    func contributions(_ query: Query, document: Int) -> [(term: String, queryWeight: Double, documentWeight: Double, share: Double)] {
        guard query.ceiling > 0 else { return [] }
        return query.terms.compactMap { term in
            for position in index.postingRange(ofNumber: term.number) where Int(index.postingDocuments[position]) == document {
                let weight = Double(postingWeights[position])
                return (index.terms[term.number], term.weight, weight, term.weight * weight / query.ceiling)
            }
            return nil
        }
    }
}
