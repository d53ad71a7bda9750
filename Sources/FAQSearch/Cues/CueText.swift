/// A message prepared for cue matching: its clauses, each a list of words with their stems. Built
/// once per message and read by every rule.
///
/// Clauses end at `.` (not after a title: "Dr. Priya"), `!`, `?`, `;`, `,`, a line break, and before "but", so a cue never spans two
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
    /// The message's words and stems, the same as `LineWords(message, knownStems:)` (so the search
    /// engines need not tokenize the line again); nil when a "." stands before a digit or a non-ASCII
    /// character, where the whole line may read differently ("3.5" is one word of the line, two of
    /// its clauses).
    public let lineWords: LineWords?

    /// Splits `message` into clauses of words; a word's stem comes from `knownStems` when it is there
    /// (see `SearchEngine.knownStems`), else from the stemmer.
    public init(_ message: String, dictionary: Set<String>, stemmer: PorterStemmer = PorterStemmer(),
                knownStems: [String: String] = [:]) {
        let tokenizer = Tokenizer()
        var clauses: [[Word]] = []
        let keepsLineWords = !Self.mayJoinAcrossSentences(message)
        var lineWords: [String] = [], lineStems: [String] = []
        if keepsLineWords {
            lineWords.reserveCapacity(16)
            lineStems.reserveCapacity(16)
        }
        for sentence in Self.sentences(of: message) {
            var clause: [Word] = []
            for token in tokenizer.tokens(in: String(Substring(sentence))) {
                if token == "but" && !clause.isEmpty {
                    clauses.append(clause)
                    clause = []
                }
                let stem = knownStems[token] ?? stemmer.stem(token)
                clause.append(Word(text: token, stem: stem, isKnownWord: token.utf8.count >= 5 && dictionary.contains(token)))
                if keepsLineWords {
                    lineWords.append(token)
                    lineStems.append(stem)
                }
            }
            if !clause.isEmpty { clauses.append(clause) }
        }
        self.clauses = clauses
        self.lineWords = keepsLineWords ? LineWords(words: lineWords, stems: lineStems) : nil
    }

    /// The stretches of `message` between clause ends (on scalars, not characters: every message of
    /// every line passes here). A "." right after a title ("Dr. Priya", "Mr.") ends nothing.
    static func sentences(of message: String) -> [Substring.UnicodeScalarView] {
        let scalars = message.unicodeScalars
        var sentences: [Substring.UnicodeScalarView] = []
        var start = scalars.startIndex
        var index = start
        while index != scalars.endIndex {
            switch scalars[index] {
            case "!", "?", ";", ",", "\n", "\r":
                if start != index { sentences.append(scalars[start..<index]) }
                start = scalars.index(after: index)
            case ".":
                if !endsWithTitle(scalars[start..<index]) {
                    if start != index { sentences.append(scalars[start..<index]) }
                    start = scalars.index(after: index)
                }
            default:
                break
            }
            index = scalars.index(after: index)
        }
        if start != scalars.endIndex { sentences.append(scalars[start...]) }
        return sentences
    }

    /// Titles written with a full stop.
    private static let titles: Set<String> = ["dr", "mr", "mrs", "ms", "prof", "doc"]

    /// Whether `text` ends with a title word ("... is Dr").
    private static func endsWithTitle(_ text: Substring.UnicodeScalarView) -> Bool {
        var letters = ""
        for scalar in text.reversed() {
            guard scalar.value < 128, scalar.properties.isAlphabetic else {
                return scalar == " " || scalar == "\t" ? titles.contains(letters.lowercased()) : false
            }
            letters.unicodeScalars.insert(scalar, at: letters.unicodeScalars.startIndex)
            if letters.unicodeScalars.count > 4 { return false }
        }
        return titles.contains(letters.lowercased())
    }

    /// Whether the tokenizer may join words across the clause ends of `message`: only a "." between
    /// digits stays inside a word ("0.3"), so it may when a "." comes before a digit or a non-ASCII
    /// character (which may be a combining mark before a digit).
    static func mayJoinAcrossSentences(_ message: String) -> Bool {
        var afterDot = false
        for byte in message.utf8 {
            if afterDot && (byte >= 128 || (byte >= 48 && byte <= 57)) { return true }
            afterDot = byte == 46
        }
        return false
    }
}
