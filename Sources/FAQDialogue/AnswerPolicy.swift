import FAQSearch

/// Decides between answering, asking "did you mean", and admitting it does not know, from the best
/// entry's confidence and its margin over the runner-up (as Rasa's fallback classifier and Bot
/// Framework's "did you mean" do).
///
/// The confidence of an entry is mostly its coverage of the question (how much of the question's
/// idf-weighted words the entry contains, unknown words counting against it), tempered by the
/// ranking score: confidence = coverage · (0.75 + 0.25 · min(1, score / 0.5)). Coverage separates
/// "a question about this entry" from "a question about something else that shares a word with it"
/// far better than the similarity score alone (see README, "Choosing the thresholds").
public struct AnswerPolicy: Sendable, Equatable {
    /// The best score must reach this to be answered.
    public var answerThreshold: Double
    /// Below this nothing is suggested: the fallback.
    public var clarifyThreshold: Double
    /// The best must beat the runner-up by this fraction of itself, in relevance, in confidence or in
    /// word score alone, to be answered outright; closer in all three, the patient is asked which one
    /// they mean.
    public var margin: Double
    /// At most this many suggestions.
    public var maximumSuggestions: Int

    /// Creates a policy; the defaults were chosen on `knowledge/eval.tsv` (see README).
    public init(answerThreshold: Double = 0.45, clarifyThreshold: Double = 0.3, margin: Double = 0.1,
                maximumSuggestions: Int = 3) {
        self.answerThreshold = answerThreshold
        self.clarifyThreshold = clarifyThreshold
        self.margin = margin
        self.maximumSuggestions = maximumSuggestions
    }

    /// What to do with a question.
    public enum Decision: Sendable, Equatable {
        /// Answer with the entry at this position.
        case answer(position: Int, score: Double)
        /// Ask which of these entries the patient means.
        case clarify(positions: [Int], score: Double)
        /// Say it does not know.
        case fallback(score: Double)

        /// Whether it answers outright.
        public var isAnswer: Bool {
            if case .answer = self { return true }
            return false
        }

        /// Whether this is the "I don't know" decision.
        public var isFallback: Bool {
            if case .fallback = self { return true }
            return false
        }

        /// Its confidence.
        public var score: Double {
            switch self {
            case .answer(_, let score), .clarify(_, let score), .fallback(let score): return score
            }
        }
    }

    /// The confidence in [0, 1] that `entry` answers the question.
    public static func confidence(_ entry: SearchEngine.RankedEntry) -> Double {
        min(1, entry.coverage * (0.75 + 0.25 * min(1, entry.score / 0.5)))
    }

    /// Decides for a search result.
    public func decide(_ result: SearchEngine.Result) -> Decision {
        guard let top = result.ranked.first, result.hasKnownWord else {
            // Nothing but numbers and generic words: no confidence at all.
            return .fallback(score: 0)
        }
        // Entries that fail the coverage test are out, however close their meaning: meaning reorders
        // plausible answers, it does not make one.
        let plausible = result.ranked.filter { Self.confidence($0) >= clarifyThreshold }
        guard let best = plausible.first else { return .fallback(score: Self.confidence(top)) }
        let confidence = Self.confidence(best)
        let runnerUp = plausible.dropFirst().first
        let relevanceMargin = best.relevance - (runnerUp?.relevance ?? 0)
        let confidenceMargin = confidence - (runnerUp.map(Self.confidence) ?? 0)
        // By words alone: the best by words over all entries, and meaning agrees.
        let wordMargin = result.wordLeader.map { $0.position == best.position ? $0.lead : -1 } ?? -1
        // Clear when the best is ahead of the others in relevance, in confidence, or in words alone.
        if confidence >= answerThreshold
            && (relevanceMargin >= margin * best.relevance || confidenceMargin >= margin * confidence
                || wordMargin >= margin * best.score) {
            return .answer(position: best.position, score: confidence)
        }
        // Suggest the entries whose relevance is close to the best one's and that are confident enough.
        let floor = best.relevance * 0.75
        let close = plausible.prefix(maximumSuggestions).filter { $0.relevance >= floor }.map(\.position)
        return .clarify(positions: close, score: confidence)
    }
}
