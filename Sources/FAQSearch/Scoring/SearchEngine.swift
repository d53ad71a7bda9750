import Foundation

/// Ranks knowledge-base entries for a question.
///
/// Two indexes are built once: one document per entry (question, alternatives and answer, with field
/// weights) and one document per phrasing (the question and each alternative on its own). A
/// question's score for an entry blends its similarity to the whole entry with its similarity to the
/// entry's closest phrasing, so a short question that restates an entry's question wins even when the
/// answer is long. Only the postings of the question's terms are read.
public final class SearchEngine: Sendable {
    /// The entries, in the order they were given.
    public let entries: [Entry]
    /// The analyzer used for entries and questions.
    public let analyzer: Analyzer
    /// The settings.
    public let configuration: SearchConfiguration
    private let entryIndex: WeightedIndex
    private let phrasingIndex: WeightedIndex
    /// The entry each phrasing belongs to.
    private let phrasingEntries: [Int32]
    private let spelling: SpellingCorrector
    /// Hashes of every phrasing's terms (see `phrasingKey`), so a question that restates a phrasing
    /// staff wrote counts as naming something even when all its words are filler ("can it go wrong").
    private let phrasingKeys: Set<Int>
    /// Each entry's meaning, when ranking uses it (`configuration.meaningWeight` > 0).
    private let meaning: MeaningIndex?
    /// The stem of every word of the knowledge (entries, synonyms, extra vocabulary), so analysing a
    /// question mostly looks stems up instead of running the stemmer (read-only, built at load).
    public let knownStems: [String: String]
    /// Reused per-entry arrays for merging phrasing scores.
    private let phrasingScratch = ScratchPool()

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
        let analyzer = Analyzer(stopWords: stopWords, synonyms: Analyzer().synonymTable(from: synonymGroups))
        let weights = configuration.fieldWeights
        var entryDocuments = InvertedIndex.Builder()
        var phrasingDocuments = InvertedIndex.Builder()
        var phrasingEntries: [Int32] = []
        var phrasingKeys = Set<Int>()
        var stemCache: [String: String] = [:]
        let usesMeaning = configuration.meaningWeight > 0 && configuration.wordVectors.dimensions > 0
        var meaning = usesMeaning ? MeaningIndex(vectors: configuration.wordVectors) : nil
        // The workers' own (empty) index, for encoding: sharing `meaning` would copy it as it grows.
        let encoder = usesMeaning ? MeaningIndex(vectors: configuration.wordVectors) : nil
        // Entries are analysed in blocks, each block split across the cores, while this thread adds the
        // previous block to the index; blocks are added in entry order, so the index is the same as a
        // sequential build.
        let blockSize = 4096
        let workers = entries.count >= 4096 ? max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8)) : 1
        func analysis(startingAt start: Int) -> PendingAnalysis? {
            guard start < entries.count else { return nil }
            let block = entries[start..<min(entries.count, start + blockSize)]
            if workers == 1 {   // small knowledge bases: no thread hand-off
                return PendingAnalysis(Self.analyze(block, analyzer: analyzer, weights: weights, meaning: encoder, workers: 1))
            }
            return PendingAnalysis { Self.analyze(block, analyzer: analyzer, weights: weights, meaning: encoder, workers: workers) }
        }
        var blockStart = 0
        var pending = analysis(startingAt: 0)
        while let current = pending {
            blockStart += blockSize
            let parts = current.wait()
            pending = analysis(startingAt: blockStart)
            for part in parts {
                stemCache.merge(part.stems) { current, _ in current }
                for (offset, analysed) in part.entries.enumerated() {
                    entryDocuments.add(analysed.frequencies)
                    if let encoded = analysed.meaning { meaning?.append(encoded) }
                    for phrasing in analysed.phrasings {
                        phrasingDocuments.add(phrasing)
                        phrasingEntries.append(Int32(part.start + offset))
                    }
                    phrasingKeys.formUnion(analysed.phrasingKeys)
                }
            }
        }
        self.entries = entries
        self.analyzer = analyzer
        self.configuration = configuration
        entryIndex = WeightedIndex(entryDocuments, weighting: configuration.weighting)
        phrasingIndex = WeightedIndex(phrasingDocuments, weighting: configuration.weighting)
        self.phrasingEntries = phrasingEntries
        self.phrasingKeys = phrasingKeys
        self.meaning = meaning
        // Every word seen (the stem cache holds them all), weighted by how many entries use its stem.
        for phrase in synonymGroups.joined() + extraVocabulary {
            for word in analyzer.tokenizer.tokens(in: phrase) where stemCache[word] == nil {
                stemCache[word] = analyzer.stemmer.stem(word)
            }
        }
        knownStems = stemCache
        var surfaceWords: [String: Int] = [:]
        surfaceWords.reserveCapacity(stemCache.count)
        for (word, stem) in stemCache { surfaceWords[word] = entryIndex.index.documentFrequency(of: stem) }
        spelling = SpellingCorrector(vocabulary: surfaceWords, dictionary: dictionary,
                                     knownStems: Set(entryIndex.index.termNumbers.keys))
    }

    /// One entry's terms: its field-weighted frequencies and each phrasing's frequencies.
    private struct AnalysedEntry {
        var frequencies: [String: Double] = [:]
        var phrasings: [[String: Double]] = []
        var phrasingKeys: [Int] = []
        /// Its meaning: the field-weighted sum of its words' vectors, encoded.
        var meaning: MeaningIndex.Encoded?
    }

    /// The analysis of a run of entries by one worker, with the stems it computed.
    private struct AnalysedPart {
        /// The position of the run's first entry in `entries`.
        let start: Int
        let entries: [AnalysedEntry]
        let stems: [String: String]
    }

    /// Analyses `block` with `workers` threads, each taking a contiguous run; parts come back in order.
    private static func analyze(_ block: ArraySlice<Entry>, analyzer: Analyzer, weights: FieldWeights,
                                meaning: MeaningIndex?, workers: Int) -> [AnalysedPart] {
        let runLength = (block.count + workers - 1) / workers
        let results = PartResults(count: workers)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let start = block.startIndex + worker * runLength
            let end = min(block.endIndex, start + runLength)
            guard start < end else { return }
            var stems: [String: String] = [:]
            var analysed: [AnalysedEntry] = []
            analysed.reserveCapacity(end - start)
            for entry in block[start..<end] {
                var result = AnalysedEntry()
                var meaningSum = meaning?.emptySum() ?? []
                func add(_ text: String, weight: Double, asPhrasing: Bool) {
                    let analysis = analyzer.analyze(text, spelling: nil, stemCache: &stems)
                    if weight > 0 { meaning?.sum(of: analysis.words, weight: Float(weight), into: &meaningSum) }
                    var phrasing: [String: Double] = [:]
                    for term in analysis.terms {
                        if weight > 0 { result.frequencies[term.text, default: 0] += weight }
                        if asPhrasing { phrasing[term.text, default: 0] += 1 }
                    }
                    if asPhrasing && !phrasing.isEmpty {
                        result.phrasings.append(phrasing)
                        result.phrasingKeys.append(Self.phrasingKey(phrasing))
                    }
                }
                add(entry.question, weight: weights.question, asPhrasing: weights.question > 0)
                for alternative in entry.alternatives { add(alternative, weight: weights.alternative, asPhrasing: true) }
                add(entry.answer, weight: weights.answer, asPhrasing: false)
                result.meaning = meaning?.encode(meaningSum)
                analysed.append(result)
            }
            results.set(worker, AnalysedPart(start: start, entries: analysed, stems: stems))
        }
        return results.parts
    }

    /// A block's analysis, running on other threads or already done.
    private final class PendingAnalysis: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private var parts: [AnalysedPart] = []   // written once before `done` is signalled

        /// Starts `work` on a global queue.
        init(_ work: @escaping @Sendable () -> [AnalysedPart]) {
            DispatchQueue.global().async {
                self.parts = work()
                self.done.signal()
            }
        }

        /// An analysis already done.
        init(_ parts: [AnalysedPart]) {
            self.parts = parts
            done.signal()
        }

        /// Waits for the analysis and returns its parts.
        func wait() -> [AnalysedPart] {
            done.wait()
            return parts
        }
    }

    /// Collects the workers' parts; each worker writes only its own slot, under a lock.
    private final class PartResults: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [AnalysedPart?]

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        func set(_ index: Int, _ part: AnalysedPart) {
            lock.lock()
            slots[index] = part
            lock.unlock()
        }

        var parts: [AnalysedPart] {
            lock.lock()
            defer { lock.unlock() }
            return slots.compactMap { $0 }
        }
    }

    /// An entry with its score for a question.
    public struct RankedEntry: Sendable, Equatable {
        /// The entry's position in `entries`.
        public let position: Int
        /// How well the entry's words match the question's: the blended score in [0, 1].
        public let score: Double
        /// The share of the question (idf-weighted, unknown words included) that the entry contains,
        /// in [0, 1].
        public let coverage: Double
        /// What orders the ranking: the score, plus the weighted similarity of meaning for the entries
        /// re-ranked by meaning (so in [0, 1.75] with the default weight of 0.75).
        public let relevance: Double

        /// Creates a ranked entry; without a `relevance`, the score orders it.
        public init(position: Int, score: Double, coverage: Double, relevance: Double? = nil) {
            self.position = position
            self.score = score
            self.coverage = coverage
            self.relevance = relevance ?? score
        }
    }

    /// What a search found.
    public struct Result: Sendable {
        /// The best entries, best first; only entries that share a term with the question.
        public let ranked: [RankedEntry]
        /// The question's analysis.
        public let analysis: Analyzer.Result
        /// Query words that neither the index nor the synonyms know, generic words aside.
        public let unknownWords: [String]
        /// Whether some word of the question, other than a number, is in the index.
        public let hasKnownWord: Bool
        /// The entry with the best score by words alone, and how far its score is ahead of the
        /// second best's (over all entries, not only the ranked ones); nil when nothing matched.
        public let wordLeader: (position: Int, lead: Double)?

        /// Creates a result; without a `wordLeader`, it is the ranked entry with the highest score.
        public init(ranked: [RankedEntry], analysis: Analyzer.Result, unknownWords: [String], hasKnownWord: Bool,
                    wordLeader: (position: Int, lead: Double)? = nil) {
            self.ranked = ranked
            self.analysis = analysis
            self.unknownWords = unknownWords
            self.hasKnownWord = hasKnownWord
            self.wordLeader = wordLeader ?? Self.leader(byScore: ranked.sorted { $0.score > $1.score })
        }

        /// The first of entries ranked by word score, and its lead over the second.
        static func leader(byScore ranked: [RankedEntry]) -> (position: Int, lead: Double)? {
            ranked.first.map { ($0.position, $0.score - (ranked.count > 1 ? ranked[1].score : 0)) }
        }
    }

    /// One term's part in a score, for explanations.
    public struct TermContribution: Sendable {
        /// The term (a stem or a synonym group).
        public let term: String
        /// Its weight in the query, before scaling.
        public let queryWeight: Double
        /// Its weight in the entry.
        public let entryWeight: Double
        /// Its share of the entry-level score.
        public let contribution: Double
    }

    private struct PreparedQuery {
        var entryQuery: WeightedIndex.Query
        var phrasingQuery: WeightedIndex.Query
        var analysis: Analyzer.Result
        var unknownWords: [String]
        var hasKnownWord: Bool
    }

    private func prepare(_ question: String) -> PreparedQuery {
        let analysis = analyzer.analyze(question, spelling: configuration.correctsSpelling ? spelling : nil,
                                        knownStems: knownStems)
        var counts: [String: Double] = [:]
        var order: [String] = []
        var unknown: [String] = []
        var hasKnownWord = false
        for term in analysis.terms {
            if entryIndex.index.termNumbers[term.text] != nil {
                if counts[term.text] == nil { order.append(term.text) }
                // A generic word ("work", "good") says little about the topic even when entries use it.
                counts[term.text, default: 0] += GenericWords.all.contains(term.word) ? configuration.genericWordWeight : 1
                // A question needs a known word that names something: numbers and generic words
                // ("bad", "later") alone never make an answer.
                if term.text.contains(where: { $0.isLetter }) && !GenericWords.all.contains(term.word) { hasKnownWord = true }
            } else if term.text.hasPrefix("~") || (!term.isInSynonymGroup && !GenericWords.all.contains(term.word)) {
                // A word, or a synonym group's meaning, that no entry has: it counts against every match.
                // (A word inside a synonym phrase is represented by its group's term instead.)
                unknown.append(term.word)
            }
        }
        if !hasKnownWord && !counts.isEmpty && unknown.isEmpty {
            // Only filler words, but exactly the words of a phrasing staff wrote: it names that topic.
            var termCounts: [String: Double] = [:]
            for term in analysis.terms { termCounts[term.text, default: 0] += 1 }
            hasKnownWord = phrasingKeys.contains(Self.phrasingKey(termCounts))
        }
        let frequencies = order.map { (term: $0, count: counts[$0]!) }
        let weight = configuration.unknownWordWeight
        return PreparedQuery(
            entryQuery: entryIndex.prepare(frequencies, missing: unknown.count, missingWeight: weight,
                                           unmatchedWeight: configuration.unmatchedWordWeight),
            phrasingQuery: phrasingIndex.prepare(frequencies, missing: unknown.count, missingWeight: weight,
                                                 unmatchedWeight: configuration.unmatchedWordWeight),
            analysis: analysis, unknownWords: unknown, hasKnownWord: hasKnownWord)
    }

    /// Returns up to `limit` entries ranked for `question`, best first.
    public func search(_ question: String, limit: Int = 5) -> Result {
        let query = prepare(question)
        var ranked: [RankedEntry] = []
        var wordLeader: (position: Int, lead: Double)? = nil
        if limit > 0 {
            let share = configuration.phrasingShare
            // Each entry's best phrasing score, in a reused dense array (0 = no phrasing matched).
            let phrasingMatches = phrasingIndex.score(query.phrasingQuery)
            let scratch = phrasingScratch.take(size: entries.count)
            defer { phrasingScratch.give(back: scratch) }
            var bestPhrasing: [Double] = []
            swap(&bestPhrasing, &scratch.scores)
            defer { swap(&bestPhrasing, &scratch.scores) }
            for match in phrasingMatches {
                let entry = Int(phrasingEntries[match.document])
                bestPhrasing[entry] = max(bestPhrasing[entry], match.score + 1)
            }
            func takePhrasingScore(_ entry: Int) -> Double? {
                let stored = bestPhrasing[entry]
                bestPhrasing[entry] = 0
                return stored > 0 ? stored - 1 : nil
            }
            var candidates: [RankedEntry] = []
            for match in entryIndex.score(query.entryQuery) {
                let phrasing = takePhrasingScore(match.document) ?? 0
                candidates.append(RankedEntry(position: match.document, score: min(1, (1 - share) * match.score + share * phrasing),
                                              coverage: match.coverage))
            }
            // Entries matched by a phrasing only (possible when a field weight is 0).
            for match in phrasingMatches {
                let entry = Int(phrasingEntries[match.document])
                if let phrasing = takePhrasingScore(entry) {
                    candidates.append(RankedEntry(position: entry, score: min(1, share * phrasing), coverage: 0))
                }
            }
            ranked = Self.best(candidates, limit: max(limit, 2, meaning == nil ? 0 : configuration.meaningDepth))
            wordLeader = Result.leader(byScore: ranked)   // ranked by words so far
            if let meaning { ranked = rerank(ranked, byMeaningOf: query.analysis.words, meaning: meaning) }
            ranked = Array(ranked.prefix(limit))
        }
        return Result(ranked: ranked, analysis: query.analysis, unknownWords: query.unknownWords,
                      hasKnownWord: query.hasKnownWord, wordLeader: wordLeader)
    }

    /// A hash of a text's terms and how often each occurs, independent of their order.
    private static func phrasingKey(_ counts: [String: Double]) -> Int {
        var hasher = Hasher()
        for (term, count) in counts.sorted(by: { $0.key < $1.key }) {
            hasher.combine(term)
            hasher.combine(count)
        }
        return hasher.finalize()
    }

    /// Orders the first `meaningDepth` word matches by score plus weighted similarity of meaning;
    /// the rest keep their order after them.
    private func rerank(_ ranked: [RankedEntry], byMeaningOf words: [String], meaning: MeaningIndex) -> [RankedEntry] {
        let depth = min(ranked.count, max(0, configuration.meaningDepth))
        guard depth > 1, let query = meaning.query(words) else { return ranked }
        let weight = configuration.meaningWeight
        let reranked = ranked[..<depth].map {
            RankedEntry(position: $0.position, score: $0.score, coverage: $0.coverage,
                        relevance: $0.score + weight * max(0, meaning.similarity(query, entry: $0.position)))
        }
        return Self.best(reranked, limit: depth) + ranked[depth...]
    }

    /// Keeps the `limit` most relevant entries; ties keep the earlier entry first.
    private static func best(_ candidates: [RankedEntry], limit: Int) -> [RankedEntry] {
        func before(_ a: RankedEntry, _ b: RankedEntry) -> Bool {
            a.relevance > b.relevance || (a.relevance == b.relevance && a.position < b.position)
        }
        var top: [RankedEntry] = []
        top.reserveCapacity(limit + 1)
        for candidate in candidates {
            if top.count == limit, let last = top.last, !before(candidate, last) { continue }
            // Binary search for the first entry the candidate ranks before.
            var low = 0
            var high = top.count
            while low < high {
                let middle = (low + high) / 2
                if before(candidate, top[middle]) { high = middle } else { low = middle + 1 }
            }
            top.insert(candidate, at: low)
            if top.count > limit { top.removeLast() }
        }
        return top
    }

    /// Explains the entry-level score of the entry at `position` for `question`, term by term.
    public func explain(_ question: String, position: Int) -> [TermContribution] {
        let query = prepare(question)
        return entryIndex.contributions(query.entryQuery, document: position).map {
            TermContribution(term: $0.term, queryWeight: $0.queryWeight, entryWeight: $0.documentWeight, contribution: $0.share)
        }
    }
}
