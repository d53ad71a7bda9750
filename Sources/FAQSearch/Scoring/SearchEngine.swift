/// Ranks knowledge-base entries for a question.
///
/// Entries are analysed once into a field-weighted inverted index; a question is analysed the same
/// way (plus spelling correction) and scored along its terms' postings only.
public final class SearchEngine: Sendable {
    /// The entries, in the order they were given.
    public let entries: [Entry]
    /// The analyzer used for entries and questions.
    public let analyzer: Analyzer
    /// The settings.
    public let configuration: SearchConfiguration
    /// The index.
    public let index: InvertedIndex
    private let postingWeights: [Float]
    private let spelling: SpellingCorrector

    /// Builds the engine over `entries`.
    ///
    /// - Parameters:
    ///   - synonymGroups: groups of words and phrases that mean the same, as staff wrote them.
    ///   - dictionary: correctly spelt words that spelling correction must leave alone.
    ///   - extraVocabulary: further text whose words count as known (e.g. small-talk phrasings).
    ///   - stopWords: words dropped from entries and questions.
    public init(entries: [Entry], synonymGroups: [[String]] = [], dictionary: Set<String> = [],
                extraVocabulary: [String] = [], stopWords: StopWords = .english,
                configuration: SearchConfiguration = SearchConfiguration()) {
        let plain = Analyzer()
        let analyzer = Analyzer(stopWords: stopWords, synonyms: plain.synonymTable(from: synonymGroups))
        let weights = configuration.fieldWeights
        var documents: [[String: Double]] = []
        documents.reserveCapacity(entries.count)
        var surfaceWords: [String: Int] = [:]
        for entry in entries {
            var frequencies: [String: Double] = [:]
            var words = Set<String>()
            func add(_ text: String, weight: Double) {
                let result = analyzer.analyze(text, spelling: nil)
                for term in result.terms { frequencies[term.text, default: 0] += weight }
                for word in analyzer.tokenizer.tokens(in: text) { words.insert(word) }
            }
            add(entry.question, weight: weights.question)
            for alternative in entry.alternatives { add(alternative, weight: weights.alternative) }
            add(entry.answer, weight: weights.answer)
            documents.append(frequencies)
            for word in words { surfaceWords[word, default: 0] += 1 }
        }
        for phrase in synonymGroups.joined() + extraVocabulary {
            for word in analyzer.tokenizer.tokens(in: phrase) { surfaceWords[word, default: 0] += 1 }
        }
        let index = InvertedIndex(documents: documents)
        self.entries = entries
        self.analyzer = analyzer
        self.configuration = configuration
        self.index = index
        self.postingWeights = configuration.weighting.postingWeights(for: index)
        self.spelling = SpellingCorrector(vocabulary: surfaceWords, dictionary: dictionary,
                                          knownStems: Set(index.termNumbers.keys))
    }

    /// An entry with its score for a question.
    public struct RankedEntry: Sendable, Equatable {
        /// The entry's position in `entries`.
        public let position: Int
        /// The score in [0, 1].
        public let score: Double
    }

    /// What a search found.
    public struct Result: Sendable {
        /// The best entries, best first; only entries that share a term with the question.
        public let ranked: [RankedEntry]
        /// The question's analysis.
        public let analysis: Analyzer.Result
        /// Query words that neither the index nor the synonyms know.
        public let unknownWords: [String]
        /// Whether some word of the question, other than a number, is in the index.
        public let hasKnownWord: Bool
    }

    /// One term's part in a score, for explanations.
    public struct TermContribution: Sendable {
        /// The term (a stem or a synonym group).
        public let term: String
        /// Its weight in the query, before scaling.
        public let queryWeight: Double
        /// Its weight in the entry.
        public let entryWeight: Double
        /// queryWeight · entryWeight / ceiling: its share of the score.
        public let contribution: Double
    }

    private struct PreparedQuery {
        var terms: [(number: Int, weight: Double)]
        var ceiling: Double
        var analysis: Analyzer.Result
        var unknownWords: [String]
        var hasKnownWord: Bool
    }

    private func prepare(_ question: String) -> PreparedQuery {
        let analysis = analyzer.analyze(question, spelling: configuration.correctsSpelling ? spelling : nil)
        var frequencies: [String: Double] = [:]
        var order: [String] = []
        var unknown: [String] = []
        var hasKnownWord = false
        for term in analysis.terms {
            if index.termNumbers[term.text] != nil {
                if frequencies[term.text] == nil { order.append(term.text) }
                frequencies[term.text, default: 0] += 1
                if !term.text.hasPrefix("~") && term.text.contains(where: { $0.isLetter }) { hasKnownWord = true }
            } else if !term.isInSynonymGroup {
                unknown.append(term.word)
            }
        }
        let weighting = configuration.weighting
        var terms: [(number: Int, weight: Double)] = []
        var ceilingParts: [(weight: Double, documentFrequency: Int)] = []
        for text in order {
            let number = Int(index.termNumbers[text]!)
            let documentFrequency = index.documentFrequency(ofNumber: number)
            let weight = weighting.queryWeight(frequency: frequencies[text]!, documentFrequency: documentFrequency,
                                               documentCount: index.documentCount)
            terms.append((number, weight))
            ceilingParts.append((weight, documentFrequency))
        }
        if configuration.unknownWordWeight > 0 {
            for _ in unknown {
                let weight = configuration.unknownWordWeight * weighting.queryWeight(
                    frequency: 1, documentFrequency: 0, documentCount: index.documentCount)
                ceilingParts.append((weight, 0))
            }
        }
        let ceiling = weighting.ceiling(queryWeights: ceilingParts, documentCount: index.documentCount)
        return PreparedQuery(terms: terms, ceiling: ceiling, analysis: analysis, unknownWords: unknown,
                             hasKnownWord: hasKnownWord)
    }

    /// Returns up to `limit` entries ranked for `question`, best first.
    public func search(_ question: String, limit: Int = 5) -> Result {
        let query = prepare(question)
        var ranked: [RankedEntry] = []
        if !query.terms.isEmpty && query.ceiling > 0 && limit > 0 {
            let totalPostings = query.terms.reduce(0) { $0 + index.documentFrequency(ofNumber: $1.number) }
            if totalPostings * 8 < index.documentCount {
                var scores: [Int32: Double] = [:]
                for term in query.terms {
                    for position in index.postingRange(ofNumber: term.number) {
                        scores[index.postingDocuments[position], default: 0] += term.weight * Double(postingWeights[position])
                    }
                }
                ranked = Self.best(scores.lazy.map { (Int($0.key), $0.value) }, limit: limit, ceiling: query.ceiling)
            } else {
                var scores = [Double](repeating: 0, count: index.documentCount)
                for term in query.terms {
                    for position in index.postingRange(ofNumber: term.number) {
                        scores[Int(index.postingDocuments[position])] += term.weight * Double(postingWeights[position])
                    }
                }
                ranked = Self.best(scores.enumerated().lazy.filter { $0.element > 0 }.map { ($0.offset, $0.element) },
                                   limit: limit, ceiling: query.ceiling)
            }
        }
        return Result(ranked: ranked, analysis: query.analysis, unknownWords: query.unknownWords,
                      hasKnownWord: query.hasKnownWord)
    }

    /// Keeps the `limit` highest scores; ties keep the earlier entry first.
    private static func best<S: Sequence>(_ scores: S, limit: Int, ceiling: Double) -> [RankedEntry]
    where S.Element == (Int, Double) {
        var top: [RankedEntry] = []
        for (position, raw) in scores {
            let score = min(1, max(0, raw / ceiling))
            if top.count == limit, let last = top.last, !(score > last.score || (score == last.score && position < last.position)) {
                continue
            }
            let entry = RankedEntry(position: position, score: score)
            let insertAt = top.firstIndex { score > $0.score || (score == $0.score && position < $0.position) } ?? top.count
            top.insert(entry, at: insertAt)
            if top.count > limit { top.removeLast() }
        }
        return top
    }

    /// Explains the score of the entry at `position` for `question`, term by term.
    public func explain(_ question: String, position: Int) -> [TermContribution] {
        let query = prepare(question)
        guard query.ceiling > 0 else { return [] }
        return query.terms.compactMap { term in
            for posting in index.postingRange(ofNumber: term.number)
            where Int(index.postingDocuments[posting]) == position {
                let entryWeight = Double(postingWeights[posting])
                return TermContribution(term: index.terms[term.number], queryWeight: term.weight,
                                        entryWeight: entryWeight, contribution: term.weight * entryWeight / query.ceiling)
            }
            return nil
        }
    }
}
