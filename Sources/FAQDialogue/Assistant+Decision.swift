import FAQSearch

/// How the assistant decides a question: by words (the whole line and its last question), then,
/// when the words are unsure, with the sentence encoder's second opinion.
extension Assistant {
    /// The policy's decision for `text` (with its `words`, when already tokenized) as a question, and
    /// the whole line's best entries with their relevance (`ranked`, for the encoder's second
    /// opinion). A line of several sentences ("I'm 34 and my crown is bald. My budget is limited. How
    /// much would one session cost?") is also decided on its last question alone, and the more
    /// confident decision is kept: the story around a question dilutes its words.
    func decideQuestion(_ text: String, words: LineWords? = nil) -> (AnswerPolicy.Decision, ranked: [SearchEngine.RankedEntry]) {
        let result = engine.search(words ?? engine.words(of: text), limit: max(policy.maximumSuggestions, Self.fusedDepth))
        let whole = policy.decide(result)
        guard let question = Self.lastQuestion(in: text) else { return (whole, result.ranked) }
        let alone = policy.decide(engine.search(question, limit: max(policy.maximumSuggestions, 3)))
        // The last question alone answers only with an entry the whole line also points to: in "I run
        // 10k every morning. How long do I need to stop?" the story says what is to stop.
        if case .answer(let position, _) = alone, !result.ranked.contains(where: { $0.position == position }) {
            return (whole, result.ranked)
        }
        return (Self.strength(of: alone) > Self.strength(of: whole) ? alone : whole, result.ranked)
    }

    /// How many of the words' best entries lend their relevance to the fused ranking.
    static let fusedDepth = 5

    /// Whether the words' decision stands without the encoder: an answer at least `sure` confident.
    static func wordsAreSure(_ decision: AnswerPolicy.Decision, sure: Double) -> Bool {
        if case .answer(_, let score) = decision { return score >= sure }
        return false
    }

    /// The decision for a line the words left unsure once the encoder has spoken: a safety intent
    /// when the words found no answer and the line is close to one of its examples and closer to them
    /// than to anything else; otherwise the words and the encoder together. Each entry gets its
    /// relevance by words (among the words' best `ranked`) plus its cosine by meaning (its closest
    /// phrasing): the first is the answer when it is high enough and ahead of the next (less high when
    /// it is also the words' first and the encoder's first, covering most of the line's words), else a
    /// "did you mean" with the fused best three. A line the words found nothing for is answered only when
    /// the encoder alone is sure; else the "I don't know" stands.
    static func fuse(_ decision: AnswerPolicy.Decision, ranked: [SearchEngine.RankedEntry], with view: SecondOpinion.Closeness,
                     thresholds: SecondOpinion.Thresholds, cues: MarkedCueText, safety: SafetyCheck?) -> Understanding {
        // Only on lines the words did not answer (on those they answered, the safety examples'
        // closeness raised more false alarms, "I'd like to consult the doctor about my hair loss", than
        // it caught), and only with a `safety` check (none: a line that asks to come in).
        if let safety, !decision.isAnswer, let intent = safetyIntent(view, thresholds: thresholds, cues: cues, safety: safety) {
            return intent
        }
        let relevance = Dictionary(ranked.prefix(fusedDepth).map { ($0.position, $0.relevance) }, uniquingKeysWith: max)
        // An answer's confidence: the words' for that entry, as for any answer (a follow-up compares
        // it with its own reading), or half the sum when the words did not rank it.
        func confidence(_ position: Int, sum: Double) -> Double {
            ranked.first { $0.position == position }.map(AnswerPolicy.confidence) ?? min(1, sum / 2)
        }
        // A line the words found nothing to answer with is answered only when the encoder alone is
        // sure (its closest entry close and clearly ahead) and the words found that entry too: "how long
        // does a broken leg take to heal" is close in meaning to the healing time, not close enough.
        if decision.isFallback {
            guard let first = view.entries.first, first.cosine >= thresholds.entry,
                  first.cosine - (view.entries.dropFirst().first?.cosine ?? 0) >= thresholds.margin,
                  relevance[first.position] != nil else { return .question(decision) }
            return .question(.answer(position: first.position, score: Double(first.cosine)))
        }
        let fused = view.entries.map { (position: $0.position, score: (relevance[$0.position] ?? 0) + Double($0.cosine)) }
            .sorted { $0.score > $1.score || ($0.score == $1.score && $0.position < $1.position) }
        guard let first = fused.first else { return .question(decision) }
        let second = fused.dropFirst().first?.score ?? 0
        if first.score >= thresholds.fusedAnswer && first.score - second >= thresholds.fusedMargin {
            return .question(.answer(position: first.position, score: confidence(first.position, sum: first.score)))
        }
        // Lower when the words and the encoder put the same entry first and it holds most of the
        // line's words ("aftercare?", "rate for crown area only?").
        if first.position == ranked.first?.position, first.position == view.entries.first?.position,
           first.score >= thresholds.agreedAnswer, first.score - second >= thresholds.fusedMargin,
           (ranked.first?.coverage ?? 0) >= thresholds.agreedCoverage {
            return .question(.answer(position: first.position, score: confidence(first.position, sum: first.score)))
        }
        return .question(.clarify(positions: fused.prefix(3).map(\.position), score: decision.score))
    }

    /// The safety intent the encoder's `view` puts `text` in, nearer first ("I can't stop the bleeding"
    /// is near the crisis examples, nearer the complication ones): one whose examples are close enough
    /// and closer than any entry, other intent or counter-example of its own.
    private static func safetyIntent(_ view: SecondOpinion.Closeness, thresholds: SecondOpinion.Thresholds, cues: MarkedCueText,
                                     safety: SafetyCheck) -> Understanding? {
        let crisis = view.safety["crisis"] ?? -1, complication = view.safety["complication"] ?? -1
        for id in crisis >= complication ? ["crisis", "complication"] : ["complication", "crisis"] {
            let closeness = id == "crisis" ? crisis : complication
            guard closeness >= (id == "crisis" ? thresholds.crisis : thresholds.complication),
                  closeness >= view.closestAlternative(to: id) else { continue }
            // A crisis word used innocently (an `except:` phrase: "to die for", "can I die my hair"); a
            // line that only asks what could happen ("can I get SMP if I have psoriasis?" is near the
            // complication examples, nearer still to who can benefit).
            if id == "crisis" ? safety.hasException(cues, rule: id) : safety.onlyAsksWhatCouldHappen(cues, rule: id) { continue }
            return .intent(id: id, score: Double(closeness))
        }
        return nil
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
