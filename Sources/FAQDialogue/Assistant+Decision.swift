import FAQSearch

/// How the assistant decides a question: by words (the whole line and its last question), then,
/// when the words are unsure, with the sentence encoder's second opinion.
extension Assistant {
    /// The policy's decision for `text` (with its `words`, when already tokenized) as a question. A line of several sentences ("I'm 34 and my
    /// crown is bald. My budget is limited. How much would one session cost?") is also decided on
    /// its last question alone, and the more confident decision is kept: the story around a question
    /// dilutes its words.
    func decideQuestion(_ text: String, words: LineWords? = nil) -> (AnswerPolicy.Decision, candidates: [Int]) {
        let result = engine.search(words ?? engine.words(of: text), limit: max(policy.maximumSuggestions, 3))
        let whole = policy.decide(result)
        let candidates = result.ranked.map(\.position)
        guard let question = Self.lastQuestion(in: text) else { return (whole, candidates) }
        let questionResult = engine.search(question, limit: max(policy.maximumSuggestions, 3))
        let alone = policy.decide(questionResult)
        // The last question alone answers only with an entry the whole line also points to: in "I run
        // 10k every morning. How long do I need to stop?" the story says what is to stop.
        if case .answer(let position, _) = alone, !candidates.contains(position) { return (whole, candidates) }
        return Self.strength(of: alone) > Self.strength(of: whole)
            ? (alone, questionResult.ranked.map(\.position) + candidates) : (whole, candidates)
    }

    /// The decision for an unsure line once the encoder has spoken: a safety intent when the line is
    /// close to one of its examples and closer to them than to anything else; an answer when the encoder's closest entry is close enough, clearly
    /// ahead of the next, and among the entries the words found; the words' decision otherwise.
    static func fuse(_ decision: AnswerPolicy.Decision, candidates: [Int], with view: SecondOpinion.Closeness,
                     thresholds: SecondOpinion.Thresholds, text: String, safety: SafetyCheck) -> Understanding {
        // Close to a crisis example and closer to it than to any entry, other intent or counter-example
        // ("ugh I hate my bald spot"); unless the line uses a crisis word innocently (an `except:`
        // phrase: "to die for", "can I die my hair").
        if let crisis = view.safety["crisis"], crisis >= thresholds.crisis, crisis >= view.closestAlternative(to: "crisis"),
           !safety.hasException(text, rule: "crisis") {
            return .intent(id: "crisis", score: Double(crisis))
        }
        // The same for a complication, unless the line only asks what could happen: "can I get SMP if
        // I have psoriasis?" is near the complication examples, nearer still to who can benefit.
        if let complication = view.safety["complication"], complication >= thresholds.complication,
           complication >= view.closestAlternative(to: "complication"),
           !safety.onlyAsksWhatCouldHappen(text, rule: "complication") {
            return .intent(id: "complication", score: Double(complication))
        }
        guard let first = view.entries.first, first.cosine >= thresholds.entry,
              first.cosine - (view.entries.dropFirst().first?.cosine ?? 0) >= thresholds.margin,
              candidates.contains(first.position) else { return .question(decision) }
        return .question(.answer(position: first.position, score: Double(first.cosine)))
    }

    /// How much a decision says: an answer beats a "did you mean", which beats "I don't know"; then
    /// the confidence.
    private static func strength(of decision: AnswerPolicy.Decision) -> Double {
        switch decision {
        case .answer(_, let score): return 2 + score
        case .clarify(_, let score): return 1 + score
        case .fallback(let score): return score
        }
    }

    /// The words that start a question.
    private static let questionWords: Set<String> = ["how", "what", "whats", "when", "where", "why", "which", "who", "can",
                                                     "could", "will", "would", "is", "are", "do", "does", "should", "shall",
                                                     "may", "any"]

    /// The last sentence of a line of several sentences that asks something (ends with "?", or
    /// starts with a question word), when it is not the whole line; nil otherwise.
    static func lastQuestion(in text: String) -> String? {
        if let line = ASCIILine(text) { return lastQuestion(in: line) }
        return lastQuestion(inCharacters: text)
    }

    /// `lastQuestion(in:)` of any line, on its characters.
    static func lastQuestion(inCharacters text: String) -> String? {
        let sentences = text.split(omittingEmptySubsequences: true) { $0 == "." || $0 == "!" || $0 == "?" || $0 == "\n" }
            .map { $0.trimmingCharacters(in: " \t") }.filter { !$0.isEmpty }
        guard sentences.count >= 2 else { return nil }
        for sentence in sentences.reversed() {
            let words = Tokenizer().tokens(in: sentence)
            guard words.count >= 2 else { continue }
            let range = text.range(of: sentence, options: .backwards)
            let endsWithQuestionMark = range.map { text[$0.upperBound...].first == "?" } ?? false
            if endsWithQuestionMark || questionWords.contains(words[0]) { return sentence }
        }
        return nil
    }

    /// `lastQuestion(in:)` of an ASCII line, on its bytes.
    static func lastQuestion(in line: ASCIILine) -> String? {
        let sentences = line.bytes.split(omittingEmptySubsequences: true) { $0 == 46 || $0 == 33 || $0 == 63 || $0 == 10 }
            .map(ASCIILine.trimmingSpacesAndTabs).filter { !$0.isEmpty }
        guard sentences.count >= 2 else { return nil }
        for sentence in sentences.reversed() {
            let text = ASCIILine.string(sentence)
            let words = Tokenizer().tokens(in: text)
            guard words.count >= 2 else { continue }
            let end = ASCIILine.endOfLast(sentence, in: line.bytes)
            let endsWithQuestionMark = end.map { $0 < line.bytes.count && line.bytes[$0] == 63 } ?? false
            if endsWithQuestionMark || questionWords.contains(words[0]) { return text }
        }
        return nil
    }
}
