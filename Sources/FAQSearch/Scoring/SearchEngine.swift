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
    let entryIndex: WeightedIndex
    let phrasingIndex: WeightedIndex
    /// The entry each phrasing belongs to.
    let phrasingEntries: [Int32]
    let spelling: SpellingCorrector
    /// Hashes of every phrasing's terms (see `phrasingKey`), so a question that restates a phrasing
    /// staff wrote counts as naming something even when all its words are filler ("can it go wrong").
    let phrasingKeys: Set<Int>
    /// Each entry's meaning, when ranking uses it (`configuration.meaningWeight` > 0).
    let meaning: MeaningIndex?
    /// The stem of every word of the knowledge (entries, synonyms, extra vocabulary), so analysing a
    /// question mostly looks stems up instead of running the stemmer (read-only, built at load).
    public let knownStems: [String: String]
    /// Reused per-entry arrays for merging phrasing scores.
    let phrasingScratch = ScratchPool()

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
}
