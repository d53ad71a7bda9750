/// Maps a misspelt query word to the knowledge base's word it most likely meant.
///
/// Only words that are unknown everywhere are corrected: a word of the knowledge base, a stop word,
/// or a correctly spelt English word from the dictionary is left alone, so "hail" is never turned
/// into "hair". A word of 4 to 7 letters may be one edit away (insert, delete, substitute, or swap two
/// neighbours), a longer one two edits, with the same first letter. Among candidates the nearest wins,
/// then the one used in more entries.
public struct SpellingCorrector: Sendable {
    /// A word of the knowledge base, with the set of its letters as bits (a cheap filter: one edit
    /// changes that set by at most two letters).
    private struct Candidate: Sendable {
        let word: [UInt8]
        let frequency: Int
        let letters: UInt32
    }

    /// Words of the knowledge base with the number of entries that use them, bucketed by length.
    private let wordsByLength: [Int: [Candidate]]
    private let vocabulary: Set<String>
    private let dictionary: Set<String>
    private let knownStems: WordTable<Bool>

    /// Creates a corrector over `vocabulary` (word → number of entries using it) that never corrects
    /// a word of `dictionary`, nor a word whose stem is one of `knownStems`.
    public init(vocabulary: [String: Int], dictionary: Set<String>, knownStems: Set<String> = []) {
        var buckets: [Int: [Candidate]] = [:]
        for (word, frequency) in vocabulary where word.utf8.count >= 3 {
            let bytes = Array(word.utf8)
            buckets[bytes.count, default: []].append(Candidate(word: bytes, frequency: frequency, letters: Self.letterSet(bytes)))
        }
        for key in buckets.keys {
            buckets[key]!.sort { $0.frequency > $1.frequency || ($0.frequency == $1.frequency && $0.word.lexicographicallyPrecedes($1.word)) }
        }
        wordsByLength = buckets
        self.vocabulary = Set(vocabulary.keys)
        self.dictionary = dictionary
        self.knownStems = WordTable(knownStems, value: true)
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
        let letterSet = Self.letterSet(letters)
        var rows = DistanceRows(capacity: letters.count + maximumDistance + 1)
        var best: (word: [UInt8], distance: Int, frequency: Int)? = nil
        for length in (letters.count - maximumDistance)...(letters.count + maximumDistance) {
            guard let bucket = wordsByLength[length] else { continue }
            for candidate in bucket {
                let limit = min(maximumDistance, best?.distance ?? maximumDistance)
                if (letterSet ^ candidate.letters).nonzeroBitCount > 2 * limit { continue }
                if limit > 1 && candidate.word[0] != letters[0] { continue }
                guard let distance = Self.editDistance(letters, candidate.word, atMost: limit, rows: &rows) else { continue }
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

    /// The letters a-z of `word` as a bit set.
    static func letterSet(_ word: [UInt8]) -> UInt32 {
        var set: UInt32 = 0
        for byte in word where byte >= 97 && byte <= 122 { set |= 1 << UInt32(byte - 97) }
        return set
    }

    /// Three rows of the distance table, reused across candidates.
    struct DistanceRows {
        var previousPrevious: [Int]
        var previous: [Int]
        var current: [Int]

        init(capacity: Int) {
            previousPrevious = [Int](repeating: 0, count: capacity + 1)
            previous = previousPrevious
            current = previousPrevious
        }
    }

    /// The optimal-string-alignment distance between `a` and `b`, or nil when it exceeds `limit`.
    static func editDistance(_ a: [UInt8], _ b: [UInt8], atMost limit: Int, rows: inout DistanceRows) -> Int? {
        if abs(a.count - b.count) > limit { return nil }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) <= limit ? max(a.count, b.count) : nil }
        if rows.current.count < b.count + 1 { rows = DistanceRows(capacity: b.count) }
        for j in 0...b.count { rows.previous[j] = j }
        for i in 1...a.count {
            rows.current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(rows.previous[j] + 1, rows.current[j - 1] + 1, rows.previous[j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    value = min(value, rows.previousPrevious[j - 2] + 1)
                }
                rows.current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return nil }
            swap(&rows.previousPrevious, &rows.previous)
            swap(&rows.previous, &rows.current)
        }
        let distance = rows.previous[b.count]
        return distance <= limit ? distance : nil
    }
}

extension SpellingCorrector {
    /// The optimal-string-alignment distance between two words (for tests and explanations).
    public static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.utf8), y = Array(b.utf8)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var rows = DistanceRows(capacity: max(x.count, y.count))
        return editDistance(x, y, atMost: max(x.count, y.count), rows: &rows) ?? max(x.count, y.count)
    }
}
