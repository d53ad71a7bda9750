/// Turns text into the terms the index stores and the query looks up.
///
/// The chain: tokenize (folding case and diacritics) → correct misspelt words (queries only) → stem →
/// add synonym-group terms (a one-word member is replaced by its group's term, a phrase keeps its
/// words too) → drop stop words.
public struct Analyzer: Sendable {
    /// The tokenizer.
    public let tokenizer = Tokenizer()
    /// The stemmer.
    public let stemmer = PorterStemmer()
    /// Words dropped after synonym matching.
    public let stopWords: StopWords
    /// Synonym groups.
    public let synonyms: SynonymTable

    /// Creates an analyzer.
    public init(stopWords: StopWords = .english, synonyms: SynonymTable = .empty) {
        self.stopWords = stopWords
        self.synonyms = synonyms
    }

    /// One term of an analysed text.
    public struct Term: Sendable, Equatable {
        /// The stem, or a synonym group's shared term (starting with `~`).
        public let text: String
        /// The word as the text spelt it (after folding and spelling correction).
        public let word: String
        /// Whether this term is part of a phrase of a synonym group, and so a word the engine knows.
        public let isInSynonymGroup: Bool
    }

    /// The outcome of analysing a text.
    public struct Result: Sendable, Equatable {
        /// The terms, in text order, with synonym-group terms after the words they come from.
        public var terms: [Term]
        /// Misspelt words and what they were corrected to.
        public var corrections: [(from: String, to: String)]
        /// Every word of the text in order, stop words included, after folding and spelling correction.
        public var words: [String]

        /// Creates a result.
        public init(terms: [Term], corrections: [(from: String, to: String)], words: [String] = []) {
            self.terms = terms
            self.corrections = corrections
            self.words = words
        }

        public static func == (lhs: Result, rhs: Result) -> Bool {
            lhs.terms == rhs.terms && lhs.words == rhs.words && lhs.corrections.map { [$0.from, $0.to] } == rhs.corrections.map { [$0.from, $0.to] }
        }
    }

    /// Returns the stems and synonym terms of `text`, without stop words.
    public func terms(of text: String) -> [String] {
        analyze(text, spelling: nil).terms.map(\.text)
    }

    /// Analyses `text`; with `spelling`, unknown words are corrected first.
    public func analyze(_ text: String, spelling: SpellingCorrector?) -> Result {
        analyze(text, spelling: spelling) { stemmer.stem($0) }
    }

    /// Analyses `text`, remembering each word's stem in `stemCache` (for indexing many texts).
    public func analyze(_ text: String, spelling: SpellingCorrector?, stemCache: inout [String: String]) -> Result {
        analyze(text, spelling: spelling) { word in
            if let stem = stemCache[word] { return stem }
            let stem = stemmer.stem(word)
            stemCache[word] = stem
            return stem
        }
    }

    /// Analyses `text`, taking each word's stem from `knownStems` when it is there (a read-only table of
    /// the known vocabulary, built once) and computing the others.
    public func analyze(_ text: String, spelling: SpellingCorrector?, knownStems: [String: String]) -> Result {
        analyze(LineWords(text, knownStems: knownStems), spelling: spelling, knownStems: knownStems)
    }

    /// Analyses a line already tokenized and stemmed; a corrected word's stem comes from `knownStems`
    /// when it is there.
    public func analyze(_ line: LineWords, spelling: SpellingCorrector?, knownStems: [String: String]) -> Result {
        analyze(words: line.words, stems: line.stems, spelling: spelling) { word in knownStems[word] ?? stemmer.stem(word) }
    }

    private func analyze(_ text: String, spelling: SpellingCorrector?, stem: (String) -> String) -> Result {
        let words = tokenizer.tokens(in: text)
        return analyze(words: words, stems: words.map { stem($0) }, spelling: spelling, stem: stem)
    }

    private func analyze(words: [String], stems: [String], spelling: SpellingCorrector?, stem: (String) -> String) -> Result {
        var words = words
        var stems = stems
        var isStopWord = words.map { stopWords.contains($0) }   // looked up once per word
        var corrections: [(from: String, to: String)] = []
        if let spelling {
            for (index, word) in words.enumerated() where !isStopWord[index] {
                if synonyms.startsAMember(stems[index]) || spelling.isKnownStem(stems[index]) { continue }
                if let corrected = spelling.correction(for: word) {
                    corrections.append((word, corrected))
                    words[index] = corrected
                    stems[index] = stem(corrected)
                    isStopWord[index] = stopWords.contains(corrected)
                }
            }
        }
        let matches = synonyms.matches(in: stems)
        var covered = [Bool](repeating: false, count: stems.count)
        var replaced = [Bool](repeating: false, count: stems.count)
        for match in matches {
            // A one-word member is replaced by its group's term ("smp" and "micropigmentation" both become
            // "~smp"), so the same meaning counts once. The words of a phrase are kept as well, except
            // generic ones: the "work" of "work out" means exercise, not work.
            for position in match.start..<(match.start + match.length) {
                covered[position] = true
                if match.length == 1 || GenericWords.contains(words[position]) { replaced[position] = true }
            }
        }
        var terms: [Term] = []
        terms.reserveCapacity(stems.count + matches.count)
        for (index, stem) in stems.enumerated() {
            if !isStopWord[index] && !replaced[index] {
                terms.append(Term(text: stem, word: words[index], isInSynonymGroup: covered[index]))
            }
            // The group terms of the phrases that end here, in the order they were found (a line has
            // a few matches: scanning them is cheaper than a dictionary by end position).
            for match in matches where match.start + match.length - 1 == index {
                terms.append(Term(text: match.term, word: match.term, isInSynonymGroup: true))
            }
        }
        return Result(terms: terms, corrections: corrections, words: words)
    }

    /// Builds a synonym table from groups of phrases as staff write them, analysing each phrase with
    /// this analyzer's tokenizer and stemmer.
    public func synonymTable(from phraseGroups: [[String]]) -> SynonymTable {
        let groups = phraseGroups.compactMap { phrases -> SynonymTable.Group? in
            let members = phrases.map { tokenizer.tokens(in: $0).map { stemmer.stem($0) } }.filter { !$0.isEmpty }
            guard let first = members.first else { return nil }
            return SynonymTable.Group(term: "~" + first.joined(separator: "_"), members: members)
        }
        return SynonymTable(groups: groups)
    }
}
