/// A message prepared for the safety check: its clauses, each a list of words with their stems.
///
/// Clauses end at `.`, `!`, `?`, `;`, `,`, a line break, and before "but", so a cue never spans two
/// sentences, "no fever, but the bleeding won't stop" keeps its "no" to the fever, and "my son is
/// scared, does it hurt a lot?" asks a question in its second clause.
public struct CueText: Sendable {
    /// One word of the message.
    public struct Word: Sendable, Equatable {
        /// The word, folded like the tokenizer's output; empty once an `except:` phrase set it aside.
        public var text: String
        /// Its Porter stem.
        public let stem: String
        /// Whether it is a correctly spelt word (in the dictionary), which a typo never matches.
        public let isKnownWord: Bool
    }

    /// The clauses, in order.
    public var clauses: [[Word]]

    /// Splits `message` into clauses of words.
    public init(_ message: String, dictionary: Set<String>, stemmer: PorterStemmer = PorterStemmer()) {
        let tokenizer = Tokenizer()
        var clauses: [[Word]] = []
        for sentence in message.split(whereSeparator: { ".!?;,\n\r".contains($0) }) {
            var clause: [Word] = []
            for token in tokenizer.tokens(in: String(sentence)) {
                if token == "but" && !clause.isEmpty {
                    clauses.append(clause)
                    clause = []
                }
                clause.append(Word(text: token, stem: stemmer.stem(token), isKnownWord: dictionary.contains(token)))
            }
            if !clause.isEmpty { clauses.append(clause) }
        }
        self.clauses = clauses
    }

    /// Whether `pattern` matches in some clause.
    public func contains(_ pattern: CuePattern) -> Bool {
        clauses.contains { !pattern.matches(in: $0).isEmpty }
    }

    /// Sets aside the words of every match of `pattern` (an `except:` phrase).
    mutating func setAside(_ pattern: CuePattern) {
        for index in clauses.indices {
            for range in pattern.matches(in: clauses[index]) {
                for position in range { clauses[index][position].text = "" }
            }
        }
    }
}
