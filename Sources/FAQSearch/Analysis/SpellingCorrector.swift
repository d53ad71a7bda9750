/// Maps a misspelt query word to the knowledge base's word it most likely meant.
///
/// Only words that are unknown everywhere are corrected: a word of the knowledge base, a stop word,
/// or a correctly spelt English word from the dictionary is left alone, so "hail" is never turned
/// into "hair". A word of 4 to 7 letters may be one edit away (insert, delete, substitute, or swap two
/// neighbours), a longer one two edits, with the same first letter. Among candidates the nearest wins,
/// then the one used in more entries.
public struct SpellingCorrector: Sendable {
    /// Words of the knowledge base with the number of entries that use them, bucketed by length.
    private let wordsByLength: [Int: [(word: [UInt8], frequency: Int)]]
    private let vocabulary: Set<String>
    private let dictionary: Set<String>
    private let knownStems: Set<String>

    /// Creates a corrector over `vocabulary` (word → number of entries using it) that never corrects
    /// a word of `dictionary`, nor a word whose stem is one of `knownStems`.
    public init(vocabulary: [String: Int], dictionary: Set<String>, knownStems: Set<String> = []) {
        var buckets: [Int: [(word: [UInt8], frequency: Int)]] = [:]
        for (word, frequency) in vocabulary where word.utf8.count >= 3 {
            buckets[word.utf8.count, default: []].append((Array(word.utf8), frequency))
        }
        for key in buckets.keys { buckets[key]!.sort { $0.frequency > $1.frequency } }
        wordsByLength = buckets
        self.vocabulary = Set(vocabulary.keys)
        self.dictionary = dictionary
        self.knownStems = knownStems
    }

    /// Whether `stem` is a stem the knowledge base uses, so its word needs no correction.
    public func isKnownStem(_ stem: String) -> Bool { knownStems.contains(stem) }

    /// Whether `word` needs no correction: it is in the knowledge base or the dictionary.
    public func isKnown(_ word: String) -> Bool {
        vocabulary.contains(word) || dictionary.contains(word)
    }

    /// Returns the knowledge base's word that `word` most likely meant, or nil to leave it as it is.
    public func correction(for word: String) -> String? {
        let letters = Array(word.utf8)
        guard letters.count >= 4, letters.count <= 32, letters.allSatisfy({ $0 >= 97 && $0 <= 122 }),
              !isKnown(word) else { return nil }
        let maximumDistance = letters.count >= 8 ? 2 : 1
        var best: (word: [UInt8], distance: Int, frequency: Int)? = nil
        for length in (letters.count - maximumDistance)...(letters.count + maximumDistance) {
            guard let bucket = wordsByLength[length] else { continue }
            for candidate in bucket {
                let limit = min(maximumDistance, best?.distance ?? maximumDistance)
                if limit > 1 && candidate.word[0] != letters[0] { continue }
                guard let distance = Self.editDistance(letters, candidate.word, atMost: limit) else { continue }
                if distance > 1 && candidate.word[0] != letters[0] { continue }
                if let current = best,
                   distance > current.distance || (distance == current.distance && candidate.frequency <= current.frequency) {
                    continue
                }
                best = (candidate.word, distance, candidate.frequency)
            }
        }
        return best.map { String(decoding: $0.word, as: UTF8.self) }
    }

    /// The optimal-string-alignment distance between `a` and `b`, or nil when it exceeds `limit`.
    static func editDistance(_ a: [UInt8], _ b: [UInt8], atMost limit: Int) -> Int? {
        if abs(a.count - b.count) > limit { return nil }
        let width = b.count + 1
        var previousPrevious = [Int](repeating: 0, count: width)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: width)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...max(b.count, 1) where j <= b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    value = min(value, previousPrevious[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return nil }
            swap(&previousPrevious, &previous)
            swap(&previous, &current)
        }
        let distance = previous[b.count]
        return distance <= limit ? distance : nil
    }
}

extension SpellingCorrector {
    /// The optimal-string-alignment distance between two words (for tests and explanations).
    public static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.utf8), y = Array(b.utf8)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        return editDistance(x, y, atMost: max(x.count, y.count)) ?? max(x.count, y.count)
    }
}
