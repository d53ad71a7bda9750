import Foundation

/// An inverted index together with its posting weights under one scoring model.
struct WeightedIndex: Sendable {
    let index: InvertedIndex
    let weighting: any TermWeighting
    private let postingWeights: [Float]
    /// Per-search accumulators, reused so that a search costs its postings, not the index's size.
    private let scratchPool = ScratchPool()

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
        terms.reserveCapacity(frequencies.count)
        var ceilingParts: [(weight: Double, documentFrequency: Int)] = []
        ceilingParts.reserveCapacity(frequencies.count + max(0, missing))
        var knownTotal = 0.0
        var unknownTotal = 0.0
        let count = index.documentCount
        for (term, frequency) in frequencies {
            guard let number = index.termTable[term].map(Int.init) else {
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
        let scratch = scratchPool.take(size: index.documentCount)
        defer { scratchPool.give(back: scratch) }
        // Work on local arrays (moved out of the shared object, not copied) so the loop runs unchecked.
        var scores: [Double] = [], coverage: [Double] = [], touched: [Int32] = []
        var touchedCount = 0
        swap(&scores, &scratch.scores)
        swap(&coverage, &scratch.coverage)
        swap(&touched, &scratch.touched)
        defer {
            swap(&scores, &scratch.scores)
            swap(&coverage, &scratch.coverage)
            swap(&touched, &scratch.touched)
        }
        index.postingDocuments.withUnsafeBufferPointer { documents in
            postingWeights.withUnsafeBufferPointer { weights in
                scores.withUnsafeMutableBufferPointer { scores in
                    coverage.withUnsafeMutableBufferPointer { coverage in
                    touched.withUnsafeMutableBufferPointer { touched in
                        // Rarer terms first. In a large index a very common term only adds to entries a
                        // rarer term already found: an entry that has nothing but common words cannot
                        // win, and skipping it keeps a search's work near its rare terms' postings.
                        let common = max(1000, index.documentCount / 10)
                        let ordered = query.terms.sorted {
                            index.documentFrequency(ofNumber: $0.number) < index.documentFrequency(ofNumber: $1.number)
                        }
                        for term in ordered {
                            let onlyTouched = touchedCount > 0 && index.documentFrequency(ofNumber: term.number) > common
                            for position in index.postingRange(ofNumber: term.number) {
                                let document = Int(documents[position])
                                if coverage[document] == 0 {
                                    if onlyTouched { continue }
                                    // Room for every document: a document is listed once, as a term's
                                    // coverage weight is positive (a count > 0 times an idf ≥ 1).
                                    if touchedCount < touched.count {
                                        touched[touchedCount] = Int32(document)
                                        touchedCount += 1
                                    }
                                }
                                scores[document] += term.weight * Double(weights[position])
                                coverage[document] += term.coverage
                            }
                        }
                    }
                    }
                }
            }
        }
        var results: [(document: Int, score: Double, coverage: Double)] = []
        results.reserveCapacity(touchedCount)
        for document in touched[..<touchedCount].lazy.map(Int.init) {
            results.append((document, scores[document] / query.ceiling, query.coverage(matched: coverage[document])))
            scores[document] = 0
            coverage[document] = 0
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

/// Score accumulators of one search: dense arrays indexed by document, all zero between searches,
/// plus room for the list of documents a search touched (so only those are read and reset; each
/// search counts its own).
final class Scratch: @unchecked Sendable {
    var scores: [Double]
    var coverage: [Double]
    var touched: [Int32]

    init(size: Int) {
        scores = [Double](repeating: 0, count: size)
        coverage = [Double](repeating: 0, count: size)
        touched = [Int32](repeating: 0, count: size)
    }
}

/// A few `Scratch` buffers shared by the threads that search one index. A thread takes one, uses it
/// alone, and gives it back zeroed; the lock guards only the list.
final class ScratchPool: @unchecked Sendable {
    private let lock = NSLock()
    private var free: [Scratch] = []

    func take(size: Int) -> Scratch {
        lock.lock()
        let scratch = free.popLast()
        lock.unlock()
        if let scratch, scratch.scores.count == size { return scratch }
        return Scratch(size: size)
    }

    func give(back scratch: Scratch) {
        lock.lock()
        if free.count < 16 { free.append(scratch) }
        lock.unlock()
    }
}
