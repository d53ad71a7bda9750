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
    let cache: ReadingCache<Reading>
    /// Recent follow-ups and how they were read in the context of the previous answer's entry
    /// (keyed by that entry, the line's own decision and the line): the same few follow-ups come
    /// after the same answers, and reading one costs two searches.
    let followUps: ReadingCache<AnswerPolicy.Decision?>
    /// The safety layer: crisis and complication cues, checked before anything else.
    public let safety: SafetyCheck
    /// Marks a message's words once for every cue rule of the knowledge.
    let cueMarker: CueMarker
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
        followUps = ReadingCache(capacity: cacheCapacity) { _ in true }
        safety = SafetyCheck(rules: knowledge.safetyRules)
        cueMarker = CueMarker(rules: knowledge.cueRules.keys.sorted().compactMap { knowledge.cueRules[$0] })
        let intentText = knowledge.intents.flatMap { [$0.question] + $0.alternatives }
        engine = SearchEngine(entries: knowledge.entries, synonymGroups: knowledge.synonymGroups,
                              dictionary: knowledge.dictionary, extraVocabulary: intentText,
                              configuration: configuration)
        // Intents are matched on their example phrasings only, keeping words such as "hi" and "thanks";
        // the safety intents' examples are the encoder's (their cues are read before anything else).
        let phrasings = knowledge.intents.filter { !Self.safetyIntents.contains($0.id) }
            .map { Entry(id: $0.id, question: $0.question, alternatives: $0.alternatives, answer: "") }
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

    /// The safety intents (`intents/crisis.md`, `intents/complication.md`): when one matches, it wins
    /// over anything else.
    public static let safetyIntents = Set(KnowledgeBase.safetyIntents)

    /// The safety intent whose cues `text` matches (see `SafetyCheck`); nil otherwise. A message
    /// close to a safety intent's example messages is found by `understand` instead. Never cached.
    public func safetyIntent(for text: String) -> String? {
        safetyMatch(for: text)?.id
    }

    /// The safety rule `text` matches by its cues, with the phrase that matched (for `--explain`).
    public func safetyMatch(for text: String) -> SafetyCheck.Match? {
        safety.match(marked(text))
    }

    /// `text` prepared and marked for every cue rule (`cueText`, `cueMarker`).
    func marked(_ text: String) -> MarkedCueText { cueMarker.mark(cueText(text)) }

    /// `text` prepared for the cue rules; prepare it once and pass it to each check of the same line.
    public func cueText(_ text: String) -> CueText { CueText(text, dictionary: knowledge.dictionary, knownStems: engine.knownStems) }

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

    /// Decides what `text` (with its `words`, when already tokenized, and its `cues`, when already
    /// marked) is; also tells whether the words left it unsure enough to ask the encoder (only when
    /// `consultingEncoder` is false). Without `safetyByMeaning`, the encoder's closeness to the safety
    /// examples is not asked.
    func understand(_ text: String, words: LineWords? = nil, cues: MarkedCueText? = nil, consultingEncoder: Bool,
                    safetyByMeaning: Bool = true) -> (understanding: Understanding, wouldConsultEncoder: Bool) {
        func result(_ understanding: Understanding) -> (understanding: Understanding, wouldConsultEncoder: Bool) {
            (understanding, false)
        }
        let words = words ?? engine.words(of: text)   // one tokenization for both engines
        let (decision, ranked) = decideQuestion(text, words: words)
        if let intent = intent(outranking: decision, words: words) { return result(intent) }
        // The encoder is asked only about lines the words leave unsure: no answer, or one below the
        // confidence at which the words alone were right 381 times of 382 on the tune lines (tried on
        // every line, its closeness to the crisis examples flagged "tired of wearing a hair patch").
        if let secondOpinion, !Self.wordsAreSure(decision, sure: secondOpinion.thresholds.wordsSure) {
            guard consultingEncoder else { return (.question(decision), true) }
            return result(Self.fuse(decision, ranked: ranked, with: secondOpinion.closeness(of: text),
                                    thresholds: secondOpinion.thresholds, cues: cues ?? marked(text),
                                    safety: safetyByMeaning ? safety : nil))
        }
        return result(.question(decision))
    }

    /// The small-talk or booking intent that the line's `words` match at least as well as the FAQ
    /// `decision` (and at least `intentThreshold`); nil when the question stands.
    func intent(outranking decision: AnswerPolicy.Decision, words: LineWords) -> Understanding? {
        guard let intent = intentEngine.search(words, limit: 1).ranked.first, intent.score >= intentThreshold else { return nil }
        // An "I don't know" counts as no confidence at all.
        guard intent.score >= (decision.isFallback ? 0 : decision.score) else { return nil }
        return .intent(id: intentEngine.entries[intent.position].id, score: intent.score)
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
