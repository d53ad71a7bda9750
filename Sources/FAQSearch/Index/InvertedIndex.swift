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
    /// `termNumbers`, looked up by bytes.
    let termTable: WordTable<Int32>
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
        var builder = Builder()
        for document in documents { builder.add(document) }
        self.init(builder)
    }

    /// Collects documents one at a time into flat arrays, so building a large index never holds a
    /// dictionary per document.
    public struct Builder: Sendable {
        var numbers: [String: Int32] = [:]
        var terms: [String] = []
        var documentFrequencies: [Int] = []
        var documentStarts: [Int] = [0]
        var documentTerms: [Int32] = []
        var documentTermFrequencies: [Float] = []
        var lengths: [Float] = []

        /// Creates an empty builder.
        public init() {}

        /// The number of documents added so far.
        public var documentCount: Int { lengths.count }

        /// Adds the next document, given as term → weighted frequency.
        public mutating func add(_ document: [String: Double]) {
            var length = 0.0
            for (term, frequency) in document {
                length += frequency
                let number: Int32
                if let known = numbers[term] {
                    number = known
                    documentFrequencies[Int(known)] += 1
                } else {
                    number = Int32(terms.count)
                    numbers[term] = number
                    terms.append(term)
                    documentFrequencies.append(1)
                }
                documentTerms.append(number)
                documentTermFrequencies.append(Float(frequency))
            }
            documentStarts.append(documentTerms.count)
            lengths.append(Float(length))
        }
    }

    /// Builds the index from a builder's documents.
    public init(_ builder: Builder) {
        var offsets = [Int](repeating: 0, count: builder.terms.count + 1)
        for (index, count) in builder.documentFrequencies.enumerated() { offsets[index + 1] = offsets[index] + count }
        var cursor = Array(offsets.dropLast())
        let total = offsets.last ?? 0
        var postingDocuments = [Int32](repeating: 0, count: total)
        var postingFrequencies = [Float](repeating: 0, count: total)
        for document in 0..<builder.lengths.count {
            for position in builder.documentStarts[document]..<builder.documentStarts[document + 1] {
                let number = Int(builder.documentTerms[position])
                postingDocuments[cursor[number]] = Int32(document)
                postingFrequencies[cursor[number]] = builder.documentTermFrequencies[position]
                cursor[number] += 1
            }
        }
        let count = builder.lengths.count
        self.documentCount = count
        self.termNumbers = builder.numbers
        termTable = WordTable(builder.numbers)
        self.terms = builder.terms
        self.postingOffsets = offsets
        self.postingDocuments = postingDocuments
        self.postingFrequencies = postingFrequencies
        self.documentLengths = builder.lengths
        self.averageDocumentLength = count == 0 ? 0 : builder.lengths.reduce(0.0) { $0 + Double($1) } / Double(count)
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
