/// Term → documents lookup with weighted term frequencies, stored compactly.
///
/// Postings of all terms live in three flat arrays (offsets, documents, frequencies), so a query
/// touches only the postings of its own terms and a million entries cost a few arrays, not a million
/// small ones.
public struct InvertedIndex: Sendable {
    /// The number of documents.
    public let documentCount: Int
    /// Each term's number, by term text.
    public let termNumbers: [String: Int32]
    /// Each term's text, by number.
    public let terms: [String]
    /// Where each term's postings start; the last element is the total count.
    public let postingOffsets: [Int]
    /// The document of each posting.
    public let postingDocuments: [Int32]
    /// The (field-weighted) frequency of the term in the document, for each posting.
    public let postingFrequencies: [Float]
    /// Each document's weighted length: the sum of its terms' weighted frequencies.
    public let documentLengths: [Float]
    /// The mean of `documentLengths`.
    public let averageDocumentLength: Double

    /// Builds the index from documents given as term → weighted frequency.
    public init(documents: [[String: Double]]) {
        var numbers: [String: Int32] = [:]
        var terms: [String] = []
        var counts: [Int] = []
        var lengths: [Float] = []
        lengths.reserveCapacity(documents.count)
        for document in documents {
            var length = 0.0
            for (term, frequency) in document {
                length += frequency
                if let number = numbers[term] {
                    counts[Int(number)] += 1
                } else {
                    numbers[term] = Int32(terms.count)
                    terms.append(term)
                    counts.append(1)
                }
            }
            lengths.append(Float(length))
        }
        var offsets = [Int](repeating: 0, count: terms.count + 1)
        for (index, count) in counts.enumerated() { offsets[index + 1] = offsets[index] + count }
        var cursor = Array(offsets.dropLast())
        var postingDocuments = [Int32](repeating: 0, count: offsets.last ?? 0)
        var postingFrequencies = [Float](repeating: 0, count: offsets.last ?? 0)
        for (documentNumber, document) in documents.enumerated() {
            for (term, frequency) in document {
                let number = Int(numbers[term]!)
                postingDocuments[cursor[number]] = Int32(documentNumber)
                postingFrequencies[cursor[number]] = Float(frequency)
                cursor[number] += 1
            }
        }
        self.documentCount = documents.count
        self.termNumbers = numbers
        self.terms = terms
        self.postingOffsets = offsets
        self.postingDocuments = postingDocuments
        self.postingFrequencies = postingFrequencies
        self.documentLengths = lengths
        self.averageDocumentLength = documents.isEmpty ? 0 : lengths.reduce(0.0) { $0 + Double($1) } / Double(documents.count)
    }

    /// The number of documents that contain `term`, 0 for an unknown term.
    public func documentFrequency(of term: String) -> Int {
        guard let number = termNumbers[term] else { return 0 }
        return documentFrequency(ofNumber: Int(number))
    }

    /// The number of documents that contain the term numbered `number`.
    public func documentFrequency(ofNumber number: Int) -> Int {
        postingOffsets[number + 1] - postingOffsets[number]
    }

    /// The positions in the posting arrays of the term numbered `number`.
    public func postingRange(ofNumber number: Int) -> Range<Int> {
        postingOffsets[number]..<postingOffsets[number + 1]
    }
}
