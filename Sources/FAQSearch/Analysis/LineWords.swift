/// A line's words and their stems: the part of its analysis that is the same for every engine, so a
/// line that several engines search (the FAQ entries, the intents) is tokenized and stemmed once.
public struct LineWords: Sendable, Equatable {
    /// The words, as the tokenizer gives them (folded, in order, stop words included).
    public let words: [String]
    /// The Porter stem of each word.
    public let stems: [String]

    /// Tokenizes and stems `text`, taking a word's stem from `knownStems` when it is there (see
    /// `SearchEngine.knownStems`; a table of stems computed by the same stemmer).
    public init(_ text: String, knownStems: [String: String] = [:]) {
        let stemmer = PorterStemmer()
        words = Tokenizer().tokens(in: text)
        stems = words.map { knownStems[$0] ?? stemmer.stem($0) }
    }

    /// Words and their stems already found (by `CueText`, which tokenizes a line clause by clause).
    init(words: [String], stems: [String]) {
        self.words = words
        self.stems = stems
    }
}
