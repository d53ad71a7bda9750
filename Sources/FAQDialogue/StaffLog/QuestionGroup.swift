import Foundation
import FAQSearch

/// Where a group of unanswered questions stands in the staff's review.
public enum ReviewStatus: String, Codable, Sendable {
    /// Not looked at yet.
    case new
    /// A phrasing was added to an entry (`faqbot review --accept`).
    case done
    /// Not worth an answer; stays ignored when asked again.
    case ignored
}

/// Similar questions the assistant could not simply answer: the same normalised terms (the search
/// engine's analysis: case, word forms, synonyms, stop words), terms that mostly overlap, or words
/// close in meaning (the built-in word vectors: "can I dye my hair after" and "can I colour my hair").
public struct QuestionGroup: Sendable, Equatable {
    /// A short id for the command line (a hash of `key`).
    public var id: String
    /// The normalised terms of the group's most frequent form, space-separated.
    public var key: String
    /// The normalised forms of every question in the group (what the review's state remembers).
    public var keys: Set<String>
    /// How many times its questions were asked.
    public var count: Int
    /// Its questions as asked (masked), most frequent first, without repeats.
    public var examples: [String]
    /// The entry that came closest most often, and the best confidence it reached.
    public var closest: UnansweredRecord.Candidate?
    /// Replies by kind (`fallback`: 3).
    public var replies: [String: Int]
    /// What patients did next (`rephrased`: 2).
    public var nextSteps: [String: Int]
    /// New, done or ignored.
    public var status: ReviewStatus

    /// Groups `records`, most frequent first. `statuses` is the review's state by normalised form; a
    /// group is ignored when any of its forms was ignored, done when any was done.
    /// With `meaning`, forms whose words' mean vectors have a cosine of at least `meaningThreshold`
    /// are grouped too (0.8: "hair transplant cost" and "how much is a hair transplant" 0.85 are one
    /// group, "capital of france" and "capital city of germany" 0.72 are two).
    public static func groups(_ records: [UnansweredRecord], analyzer: Analyzer, statuses: [String: ReviewStatus] = [:],
                              meaning: WordVectors? = nil, meaningThreshold: Float = 0.8) -> [QuestionGroup] {
        // Exact groups by normalised terms.
        var exact: [String: (terms: Set<String>, records: [UnansweredRecord])] = [:]
        for record in records {
            let key = normalisedKey(record.question, analyzer: analyzer)
            exact[key, default: (Set(key.split(separator: " ").map(String.init)), [])].records.append(record)
        }
        // Merge forms whose terms mostly overlap, or whose meaning is close, into the larger group.
        var merged: [(terms: Set<String>, vector: [Float]?, keys: [String], records: [UnansweredRecord])] = []
        for (key, group) in exact.sorted(by: { $0.value.records.count != $1.value.records.count
                                                 ? $0.value.records.count > $1.value.records.count : $0.key < $1.key }) {
            let vector = meaning.flatMap { unitVector(of: group.records[0].question, analyzer: analyzer, vectors: $0) }
            if let index = merged.firstIndex(where: { overlap($0.terms, group.terms) >= 0.6
                                                       || cosine($0.vector, vector) >= meaningThreshold }) {
                merged[index].keys.append(key)
                merged[index].records += group.records
            } else {
                merged.append((group.terms, vector, [key], group.records))
            }
        }
        return merged.map { group in
            let keys = Set(group.keys)
            let status: ReviewStatus = keys.contains { statuses[$0] == .ignored } ? .ignored
                : keys.contains { statuses[$0] == .done } ? .done : .new
            return QuestionGroup(id: shortHash(group.keys[0]), key: group.keys[0], keys: keys, count: group.records.count,
                                 examples: mostFrequent(group.records.map(\.question)), closest: closest(group.records),
                                 replies: tally(group.records.map(\.reply)), nextSteps: tally(group.records.map(\.next)),
                                 status: status)
        }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.key < $1.key }
    }

    /// The normalised form of a question: its sorted distinct terms, masked data left out; the
    /// lower-cased text when it has no terms.
    public static func normalisedKey(_ question: String, analyzer: Analyzer) -> String {
        var text = question
        for placeholder in ["[name]", "[phone]", "[email]", "[date]", "[id]"] {
            text = text.replacingOccurrences(of: placeholder, with: " ")
        }
        let terms = Set(analyzer.terms(of: text))
        return terms.isEmpty ? text.lowercased().split(separator: " ").joined(separator: " ") : terms.sorted().joined(separator: " ")
    }

    /// The normalised mean of the vectors of `text`'s words (stop words left out), or nil when none has one.
    static func unitVector(of text: String, analyzer: Analyzer, vectors: WordVectors) -> [Float]? {
        var sum = [Float](repeating: 0, count: vectors.dimensions)
        guard vectors.add(analyzer.analyze(text, spelling: nil).terms.map(\.word), to: &sum) > 0 else { return nil }
        let norm = sum.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return norm > 0 ? sum.map { $0 / norm } : nil
    }

    /// The cosine of two unit vectors; -1 when either is missing.
    static func cosine(_ a: [Float]?, _ b: [Float]?) -> Float {
        guard let a, let b, a.count == b.count else { return -1 }
        return zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
    }

    /// Shared terms over all terms (Jaccard); 1 when one short form (three terms in all) holds the
    /// other ("is there parking", "parking at the clinic"); 0 when either has no terms.
    static func overlap(_ a: Set<String>, _ b: Set<String>) -> Double {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        if (a.isSubset(of: b) || b.isSubset(of: a)) && a.union(b).count <= 3 { return 1 }
        return Double(a.intersection(b).count) / Double(a.union(b).count)
    }

    static func mostFrequent(_ texts: [String]) -> [String] {
        let counts = tally(texts)
        var seen: Set<String> = []
        return texts.filter { seen.insert($0).inserted }.sorted { counts[$0]! != counts[$1]! ? counts[$0]! > counts[$1]! : $0 < $1 }
    }

    static func tally(_ values: [String]) -> [String: Int] {
        values.reduce(into: [:]) { $0[$1, default: 0] += 1 }
    }

    /// The entry ranked first most often, with the best confidence it had.
    static func closest(_ records: [UnansweredRecord]) -> UnansweredRecord.Candidate? {
        let firsts = records.compactMap(\.candidates.first)
        let counts = tally(firsts.map(\.id))
        guard let best = counts.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key })?.key else { return nil }
        return UnansweredRecord.Candidate(id: best, confidence: firsts.filter { $0.id == best }.map(\.confidence).max() ?? 0)
    }

    /// Eight hex digits of the FNV-1a hash of `text`.
    static func shortHash(_ text: String) -> String {
        var hash: UInt32 = 2_166_136_261
        for byte in text.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}
