import FAQSearch

/// Reading a short follow-up ("how many sessions does it need?", "and the cost?", "for how long?")
/// with the answer before it.
extension Session {
    /// The decision for a short follow-up `input` in the context of the entry the previous reply
    /// answered with (`previous`), when the context says more than `input` alone (`alone`); nil to
    /// keep `alone`. Two cases:
    /// - the line points back ("it", "that", "and ...", "what about ...") and the previous entry
    ///   also answers its own words: that entry ("can SMP be removed?" then "how many sessions
    ///   does it need?": the removal sessions, not the SMP sessions);
    /// - alone the line names no topic of its own ("for how long?", "how does that work?"), or gets
    ///   a "did you mean" or "I don't know" while pointing back ("how common are they?"): the
    ///   line read together with the previous entry's question, when that reading is answered
    ///   outright.
    /// A line with a word the knowledge never uses is a new subject and read alone.
    /// Words only: it never waits for the sentence encoder.
    func followUp(_ input: String, alone decision: AnswerPolicy.Decision, previous: Int) -> AnswerPolicy.Decision? {
        let words = Tokenizer().tokens(in: input)
        guard !words.isEmpty, words.count <= Self.longestFollowUp else { return nil }
        if case .answer(previous, _) = decision { return nil }
        let engine = assistant.engine
        let namesTopic = words.contains(where: Self.isTopicWord)
        let pointsBack = Self.pointsBack(words)
        let unsure: Bool
        switch decision {
        case .answer: unsure = !namesTopic
        case .clarify, .fallback: unsure = pointsBack || !namesTopic
        }
        // A line that names its own topic without pointing back keeps its own reading: no search needed.
        guard unsure || (namesTopic && pointsBack) else { return nil }
        let alone = engine.search(input, limit: engine.entries.count)
        // A word the knowledge never uses ("what's the weather like today?") is a new subject.
        guard alone.unknownWords.isEmpty else { return nil }
        if namesTopic && pointsBack, let best = alone.ranked.first,
           let own = alone.ranked.first(where: { $0.position == previous }) {
            // Close to the best in confidence; and in relevance when only "and ..." or "what about ..."
            // points back: one word covers many entries fully, and "and the cost?" after the healing
            // time asks the same of another topic.
            let confidence = AnswerPolicy.confidence(own)
            let newTopicForm = !words.contains(where: Self.referringWords.contains)
            if confidence >= Self.previousFloor, confidence >= Self.closeToTheBest * AnswerPolicy.confidence(best),
               !newTopicForm || own.relevance >= Self.closeToTheBest * best.relevance {
                return .answer(position: previous, score: confidence)
            }
        }
        guard unsure else { return nil }
        let (together, _) = assistant.decideQuestion(input + " " + engine.entries[previous].question)
        // The entry read in context must still fit the line's own words ("how long does it last?"
        // after the cost is not about the cost), and when the line alone is answered and points back
        // only with "it" (most often SMP itself), nearly as well as that answer ("how long does it
        // last?" after the healing time is about the results; "how long does that take?" after
        // laser removal is about the removal).
        guard case .answer(let position, _) = together,
              let fit = alone.ranked.first(where: { $0.position == position }).map(AnswerPolicy.confidence),
              fit >= assistant.policy.clarifyThreshold else { return nil }
        if case .answer(let own, let score) = decision, own != position, fit < Self.closeToTheBest * score,
           words.allSatisfy({ !Self.referringWords.contains($0) || $0 == "it" || $0 == "its" }) { return nil }
        return together
    }

    /// The most words a follow-up has.
    static let longestFollowUp = 8

    /// How confident the previous entry must be for the line alone to be taken for it: the cases of
    /// `knowledge/eval-followups.tsv` it is right on have 0.87 to 0.93; "is it safe for hair roots"
    /// after the hair-growth answer (a question about SMP in general) has 0.62.
    static let previousFloor = 0.8

    /// How close to the best entry's confidence for the line alone the previous entry's must be
    /// (chosen on `knowledge/eval-followups.tsv`: "how many sessions does it need?" after removal is
    /// 0.89 of the best; "how do I choose a good one?" after the clinic's location 0.85).
    static let closeToTheBest = 0.86

    /// Whether the words point back at what was said before: a pronoun, or "and ..." / "what about ...".
    static func pointsBack(_ words: [String]) -> Bool {
        words.contains(where: referringWords.contains) || words.first == "and"
            || (words.count >= 2 && ["what", "how"].contains(words[0]) && words[1] == "about")
    }

    /// Whether `word` can name what a question is about (not a question word, a pronoun or a vague word).
    static func isTopicWord(_ word: String) -> Bool {
        !functionWords.contains(word) && !referringWords.contains(word) && !vagueWords.contains(word)
    }

    /// Verbs and units that ask about whatever was named before ("how does that work?", "how long
    /// does it take?", "how many days?").
    static let vagueWords: Set<String> = ["work", "works", "happen", "happens", "mean", "means", "take", "takes", "last",
                                          "lasts", "help", "helps", "else", "again", "differ", "compare", "days", "weeks",
                                          "hours", "minutes", "months", "years", "times", "often"]

    /// Words that point back at what was said before.
    static let referringWords: Set<String> = ["it", "that", "this", "they", "them", "those", "these", "then", "one", "its"]

    /// Words of a question that name no topic.
    static let functionWords: Set<String> = [
        "how", "long", "what", "about", "for", "is", "does", "do", "did", "the", "and", "a", "an", "any", "can", "could",
        "i", "you", "my", "me", "we", "will", "would", "should", "much", "many", "when", "where", "why", "who", "which",
        "there", "are", "be", "to", "of", "in", "on", "with", "so", "if", "or", "but", "also", "need", "get", "have",
        "has", "its", "whats", "hows", "really", "still", "too", "just", "more", "most", "some", "all",
    ]
}
