import FAQSearch

/// Decides between answering, asking "did you mean", and admitting it does not know, from the best
/// score and its margin over the runner-up (as Rasa's fallback classifier and Bot Framework's
/// "did you mean" do).
public struct AnswerPolicy: Sendable, Equatable {
    /// The best score must reach this to be answered.
    public var answerThreshold: Double
    /// Below this nothing is suggested: the fallback.
    public var clarifyThreshold: Double
    /// The best must beat the runner-up by this much to be answered outright; closer, the patient is
    /// asked which one they mean.
    public var margin: Double
    /// At most this many suggestions.
    public var maximumSuggestions: Int

    /// Creates a policy; the defaults were chosen on `knowledge/eval.tsv` (see README).
    public init(answerThreshold: Double = 0.35, clarifyThreshold: Double = 0.2, margin: Double = 0.05,
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
    }

    /// Decides for a search result.
    public func decide(_ result: SearchEngine.Result) -> Decision {
        guard let best = result.ranked.first, result.hasKnownWord else {
            return .fallback(score: result.ranked.first?.score ?? 0)
        }
        guard best.score >= clarifyThreshold else { return .fallback(score: best.score) }
        let runnerUp = result.ranked.dropFirst().first?.score ?? 0
        if best.score >= answerThreshold && best.score - runnerUp >= margin {
            return .answer(position: best.position, score: best.score)
        }
        // Suggest the entries close to the best one.
        let floor = max(clarifyThreshold, best.score - max(margin * 2, 0.1))
        let close = result.ranked.prefix(maximumSuggestions).filter { $0.score >= floor }.map(\.position)
        return .clarify(positions: close, score: best.score)
    }
}
