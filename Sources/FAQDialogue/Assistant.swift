import FAQSearch

/// The shared, read-only part of the assistant: the knowledge, its search engines and the answer
/// policy. One instance serves every session (and every thread).
public final class Assistant: Sendable {
    /// The knowledge base.
    public let knowledge: KnowledgeBase
    /// Search over FAQ entries.
    public let engine: SearchEngine
    /// Search over small-talk and booking intents.
    public let intentEngine: SearchEngine
    /// When to answer, ask, or fall back.
    public let policy: AnswerPolicy
    /// The lowest score at which an intent's phrasing is taken as that intent.
    public let intentThreshold: Double
    /// Recent lines and how they were read.
    private let cache: ReadingCache
    /// The safety layer: crisis and complication cues, checked before anything else.
    public let safety: SafetyCheck
    /// The sentence encoder's opinion on lines the words leave unsure; nil: words alone.
    public let secondOpinion: SecondOpinion?

    /// Builds the search engines over `knowledge`. With a `cacheCapacity`, the understanding of up to
    /// that many recent distinct lines is remembered (see `ReadingCache`); a server sets one,
    /// a single patient's chat gains nothing from it.
    public init(knowledge: KnowledgeBase, configuration: SearchConfiguration = SearchConfiguration(),
                policy: AnswerPolicy = AnswerPolicy(), intentThreshold: Double = 0.5, cacheCapacity: Int = 0,
                secondOpinion: SecondOpinion? = nil) {
        self.knowledge = knowledge
        self.secondOpinion = secondOpinion
        cache = ReadingCache(capacity: cacheCapacity)
        safety = SafetyCheck(rules: knowledge.safetyRules, dictionary: knowledge.dictionary)
        let intentText = knowledge.intents.flatMap { [$0.question] + $0.alternatives }
        engine = SearchEngine(entries: knowledge.entries, synonymGroups: knowledge.synonymGroups,
                              dictionary: knowledge.dictionary, extraVocabulary: intentText,
                              configuration: configuration)
        // Intents are matched on their example phrasings only, keeping words such as "hi" and "thanks".
        let phrasings = knowledge.intents.map { Entry(id: $0.id, question: $0.question, alternatives: $0.alternatives, answer: "") }
        var intentConfiguration = configuration
        intentConfiguration.fieldWeights = FieldWeights(question: 0, alternative: 1, answer: 0)
        intentConfiguration.phrasingShare = 0.8
        intentConfiguration.meaningWeight = 0   // small talk is matched on its example phrasings' words
        intentEngine = SearchEngine(entries: phrasings, synonymGroups: knowledge.synonymGroups,
                                    dictionary: knowledge.dictionary,
                                    extraVocabulary: knowledge.entries.map { $0.question + " " + $0.answer },
                                    stopWords: .minimal, configuration: intentConfiguration)
        self.policy = policy
        self.intentThreshold = intentThreshold
    }

    /// How close in words (the intent engine's score) a line must be to a safety intent's example to get
    /// its reply; the cues and the encoder find the rest.
    static let safetyExampleThreshold = 0.8

    /// The safety intents (`intents/crisis.md`, `intents/complication.md`): when one matches, it wins
    /// over anything else.
    public static let safetyIntents = Set(KnowledgeBase.safetyIntents)

    /// The safety intent whose cues `text` matches (see `SafetyCheck`); nil otherwise. A message
    /// close to a safety intent's example messages is found by `understand` instead. Never cached.
    public func safetyIntent(for text: String) -> String? {
        safetyIntent(in: cueText(text))
    }

    /// The safety intent whose cues the prepared message `cues` matches; nil otherwise.
    public func safetyIntent(in cues: CueText) -> String? {
        safety.match(cues)?.id
    }

    /// `text` prepared for the cue rules; prepare it once and pass it to each check of the same line.
    public func cueText(_ text: String) -> CueText { CueText(text, dictionary: knowledge.dictionary) }

    /// The text of the message `id`, or an empty string when the knowledge base has none.
    public func message(_ id: String) -> String { knowledge.messages[id] ?? "" }

    /// The intent with `id`, if the knowledge base defines it.
    public func intent(_ id: String) -> Entry? { knowledge.intents.first { $0.id == id } }

    /// What a question is about, as decided by the engines and the policy.
    public enum Understanding: Sendable, Equatable {
        /// An intent such as `greeting`, `thanks` or `booking`, with its score.
        case intent(id: String, score: Double)
        /// A question about the clinic's knowledge.
        case question(AnswerPolicy.Decision)
    }

    /// Decides what `text` is: small talk or booking, or a question to answer, clarify or refuse.
    /// Never cached: the booking form asks this of what patients type into it (names, numbers).
    public func understand(_ text: String) -> Understanding {
        understand(text, consultingEncoder: true).understanding
    }

    /// Whether reading `text` would ask the sentence encoder (its reading is not remembered, no
    /// safety cue matches it, and the words leave it unsure): the slow lines a server answers on a
    /// worker thread instead of its event loop.
    public func needsSecondOpinion(_ text: String) -> Bool {
        guard secondOpinion != nil, !cache.contains(text), safetyIntent(for: text) == nil else { return false }
        return understand(text, consultingEncoder: false).wouldConsultEncoder
    }

    private func understand(_ text: String, consultingEncoder: Bool) -> (understanding: Understanding, wouldConsultEncoder: Bool) {
        func result(_ understanding: Understanding) -> (understanding: Understanding, wouldConsultEncoder: Bool) {
            (understanding, false)
        }
        let (decision, candidates) = decideQuestion(text)
        let intentResult = intentEngine.search(text, limit: 1)
        if let intent = intentResult.ranked.first, intent.score >= intentThreshold {
            let questionScore: Double
            switch decision {
            case .answer(_, let score): questionScore = score
            case .clarify(_, let score): questionScore = score
            case .fallback: questionScore = 0
            }
            let id = intentEngine.entries[intent.position].id
            if Self.safetyIntents.contains(id) {
                // Very close in words to a crisis or complication example: never answered with an FAQ
                // entry, unless it only asks what could happen ("can my lymph nodes swell?" is an FAQ).
                // Below that bar one shared word ("permanent" ~ "forever") would be enough.
                if intent.score >= Self.safetyExampleThreshold && !safety.onlyAsksWhatCouldHappen(text, rule: id) {
                    return result(.intent(id: id, score: intent.score))
                }
            } else if intent.score >= questionScore {
                return result(.intent(id: id, score: intent.score))
            }
        }
        // The encoder is asked only about lines the words leave unsure (tried on every line, its
        // closeness to the crisis examples flagged "tired of wearing a hair patch").
        if let secondOpinion, !decision.isAnswer {
            guard consultingEncoder else { return (.question(decision), true) }
            return result(Self.fuse(decision, candidates: candidates, with: secondOpinion.closeness(of: text),
                                    thresholds: secondOpinion.thresholds, text: text, safety: safety))
        }
        return result(.question(decision))
    }

    /// The policy's decision for `text` as a question. A line of several sentences ("I'm 34 and my
    /// crown is bald. My budget is limited. How much would one session cost?") is also decided on
    /// its last question alone, and the more confident decision is kept: the story around a question
    /// dilutes its words.
    func decideQuestion(_ text: String) -> (AnswerPolicy.Decision, candidates: [Int]) {
        let result = engine.search(text, limit: max(policy.maximumSuggestions, 3))
        let whole = policy.decide(result)
        let candidates = result.ranked.map(\.position)
        guard let question = Self.lastQuestion(in: text) else { return (whole, candidates) }
        let questionResult = engine.search(question, limit: max(policy.maximumSuggestions, 3))
        let alone = policy.decide(questionResult)
        return Self.strength(of: alone) > Self.strength(of: whole)
            ? (alone, questionResult.ranked.map(\.position) + candidates) : (whole, candidates)
    }

    /// The decision for an unsure line once the encoder has spoken: a safety intent when the line is
    /// close to one of its examples; an answer when the encoder's closest entry is close enough, clearly
    /// ahead of the next, and among the entries the words found; the words' decision otherwise.
    static func fuse(_ decision: AnswerPolicy.Decision, candidates: [Int], with view: SecondOpinion.Closeness,
                     thresholds: SecondOpinion.Thresholds, text: String, safety: SafetyCheck) -> Understanding {
        if let crisis = view.safety["crisis"], crisis >= thresholds.crisis {
            return .intent(id: "crisis", score: Double(crisis))
        }
        // A complication must also be closer than any entry: "can I get SMP if I have psoriasis?" is
        // near the complication examples, nearer still to who can benefit.
        if let complication = view.safety["complication"], complication >= thresholds.complication,
           complication >= view.entries.first?.cosine ?? 0, !safety.onlyAsksWhatCouldHappen(text, rule: "complication") {
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

    /// The last sentence of a line of several sentences that asks something (ends with "?", or
    /// starts with a question word), when it is not the whole line; nil otherwise.
    static func lastQuestion(in text: String) -> String? {
        let sentences = text.split(omittingEmptySubsequences: true) { $0 == "." || $0 == "!" || $0 == "?" || $0 == "\n" }
            .map { $0.trimmingCharacters(in: " \t") }.filter { !$0.isEmpty }
        guard sentences.count >= 2 else { return nil }
        let questionWords: Set<String> = ["how", "what", "whats", "when", "where", "why", "which", "who", "can", "could",
                                          "will", "would", "is", "are", "do", "does", "should", "shall", "may", "any"]
        for sentence in sentences.reversed() {
            let words = Tokenizer().tokens(in: sentence)
            guard words.count >= 2 else { continue }
            let range = text.range(of: sentence, options: .backwards)
            let endsWithQuestionMark = range.map { text[$0.upperBound...].first == "?" } ?? false
            if endsWithQuestionMark || questionWords.contains(words[0]) { return sentence }
        }
        return nil
    }

    /// Everything the session asks of a line that depends on its text alone.
    public struct Reading: Sendable, Equatable {
        /// What the engines and the policy make of it.
        public var understanding: Understanding
        /// Whether it only declines ("no thanks", "maybe later").
        public var declines: Bool
        /// Whether it asks to come in (see `Assistant.asksToBook`): the booking form starts even when
        /// the line also names an FAQ topic.
        public var asksToBook: Bool

        /// Whether it asks about another treatment or medicine that the knowledge does not cover (the
        /// `other-treatment` intent's cues), and not about SMP itself.
        public var asksAboutOtherTreatment = false

        /// For a line that asks two or three things: the entry that answers each part outright, in
        /// order and without repeats, when there are at least two; otherwise empty.
        public var partAnswers: [PartAnswer] = []

        /// Whether the line speaks of a crisis or a complication (never cached).
        public var isSensitive: Bool {
            if case .intent(let id, _) = understanding { return Assistant.safetyIntents.contains(id) }
            return false
        }
    }

    /// One part of a line, answered outright by the entry at `position` with confidence `score`.
    public struct PartAnswer: Sendable, Equatable {
        /// The entry's position.
        public let position: Int
        /// The confidence.
        public let score: Double
    }

    /// Reads `text`, from the cache when the same line was read recently. The safety layer comes
    /// first: a line that matches a crisis or complication cue is read as that intent (and, being
    /// sensitive, never cached).
    public func read(_ text: String) -> Reading {
        cache.reading(of: text) { text in freshReading(of: text, consultingEncoder: true) }
    }

    /// Reads `text` by words alone, never from or into the cache (a server whose encoder workers are
    /// all busy answers so rather than queue the line).
    public func readByWordsAlone(_ text: String) -> Reading {
        freshReading(of: text, consultingEncoder: false)
    }

    private func freshReading(of text: String, consultingEncoder: Bool) -> Reading {
        let cues = cueText(text)
        if let safety = safetyIntent(in: cues) {
            return Reading(understanding: .intent(id: safety, score: 1), declines: false, asksToBook: false)
        }
        return Reading(understanding: understand(text, consultingEncoder: consultingEncoder).understanding,
                       declines: Session.isDeclining(text), asksToBook: asksToBook(text, cues: cues),
                       asksAboutOtherTreatment: matches(Self.otherTreatmentIntent, cues),
                       partAnswers: answersForParts(of: text))
    }

    /// Whether `text` asks to come in: it matches a `cue:` of the booking intent ("can I come in
    /// tomorrow", "kindly fix an appointment"), or it is a line of three words or fewer naming an
    /// appointment ("appointment?", "book consultation pls").
    public func asksToBook(_ text: String, cues: CueText? = nil) -> Bool {
        if matches("booking", cues ?? cueText(text)) { return true }
        let words = Tokenizer().tokens(in: text)
        return words.count <= 3 && words.contains(where: Self.appointmentWords.contains)
    }

    /// The intent for questions about other treatments (`intents/other-treatment.md`, optional).
    public static let otherTreatmentIntent = "other-treatment"

    /// Whether `cues` match the cue lines of the intent `id` (false when it has none).
    private func matches(_ id: String, _ cues: CueText) -> Bool {
        knowledge.cueRules[id]?.match(cues) != nil
    }

    private static let appointmentWords: Set<String> = [
        "appointment", "appointments", "appt", "consultation", "booking", "book", "slot", "slots",
    ]

    /// The entries answering each part of `text` outright, when at least two different ones do.
    private func answersForParts(of text: String) -> [PartAnswer] {
        let parts = Self.questionParts(of: text)
        guard parts.count > 1 else { return [] }
        var answers: [PartAnswer] = []
        for part in parts {
            // By words alone: the encoder is asked about whole lines only (see needsSecondOpinion).
            guard case .question(.answer(let position, let score)) = understand(part, consultingEncoder: false).understanding
            else { continue }
            if !answers.contains(where: { $0.position == position }) { answers.append(PartAnswer(position: position, score: score)) }
        }
        return answers.count > 1 ? answers : []
    }

    /// The parts of a line split at "?", ";", " and ", " also " and " & ", keeping those of at least
    /// two words; empty when there would be more than three (a list, not a few questions).
    static func questionParts(of text: String) -> [String] {
        let lowered = text.lowercased()
        // Most lines have no separator inside: answer those without splitting.
        guard lowered.dropLast().contains(where: { $0 == "?" || $0 == ";" || $0 == "&" })
                || lowered.contains(" and ") || lowered.contains(" also ") else { return [] }
        var parts = [lowered]
        for separator in ["?", ";", " and ", " also ", " & "] {
            parts = parts.flatMap { $0.split(separator: separator).map(String.init) }
        }
        parts = parts.filter { Tokenizer().tokens(in: $0).count >= 2 }
        return parts.count <= 3 ? parts : []
    }

    /// How many distinct lines the cache remembers now.
    public var cachedLineCount: Int { cache.count }

}

extension StopWords {
    /// Articles, pronouns and auxiliaries only: enough to match short small-talk phrasings.
    public static let minimal = StopWords(words: [
        "a", "an", "the", "i", "me", "my", "is", "it", "its", "you", "your", "to", "of", "and", "am", "are",
        "be", "so", "very", "much", "just", "please", "im", "u", "ur", "good",
    ])
}
