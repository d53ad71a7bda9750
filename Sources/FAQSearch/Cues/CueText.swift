/// A message prepared for cue matching: its clauses, each a list of words with their stems. Built
/// once per message and read by every rule.
///
/// Clauses end at `.`, `!`, `?`, `;`, `,`, a line break, and before "but", so a cue never spans two
/// sentences, "no fever, but the bleeding won't stop" keeps its "no" to the fever, and "my son is
/// scared, does it hurt a lot?" asks a question in its second clause.
public struct CueText: Sendable {
    /// One word of the message.
    public struct Word: Sendable, Equatable {
        /// The word, folded like the tokenizer's output.
        public let text: String
        /// Its Porter stem.
        public let stem: String
        /// Whether it is a correctly spelt word of five letters or more (in the dictionary), which a
        /// typo never matches; shorter words are never read as typos anyway.
        public let isKnownWord: Bool
    }

    /// The clauses, in order.
    public let clauses: [[Word]]

    /// Splits `message` into clauses of words; a word's stem comes from `knownStems` when it is there
    /// (see `SearchEngine.knownStems`), else from the stemmer.
    public init(_ message: String, dictionary: Set<String>, stemmer: PorterStemmer = PorterStemmer(),
                knownStems: [String: String] = [:]) {
        let tokenizer = Tokenizer()
        var clauses: [[Word]] = []
        // Split on scalars, not characters: every message of every line passes here.
        let sentences = message.unicodeScalars.split(whereSeparator: { scalar in
            switch scalar {
            case ".", "!", "?", ";", ",", "\n", "\r": return true
            default: return false
            }
        })
        for sentence in sentences {
            var clause: [Word] = []
            for token in tokenizer.tokens(in: String(Substring(sentence))) {
                if token == "but" && !clause.isEmpty {
                    clauses.append(clause)
                    clause = []
                }
                clause.append(Word(text: token, stem: knownStems[token] ?? stemmer.stem(token), isKnownWord: token.utf8.count >= 5 && dictionary.contains(token)))
            }
            if !clause.isEmpty { clauses.append(clause) }
        }
        self.clauses = clauses
    }
}
