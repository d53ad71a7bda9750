import FAQSearch

/// Reading a line: everything the session asks of it that depends on its text alone, cached.
extension Assistant {
    /// Everything the session asks of a line that depends on its text alone.
    public struct Reading: Sendable, Equatable {
        /// What the engines and the policy make of it.
        public var understanding: Understanding
        /// Whether it only declines ("no thanks", "maybe later").
        public var declines: Bool
        /// Whether it asks to come in (a `cue:` of the booking intent, or a few words naming an
        /// appointment): the booking form starts even when the line also names an FAQ topic.
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
        cache.reading(of: text) { text in freshReading(of: text, consultingEncoder: true).reading }
    }

    /// Reads `text` by words alone, never from or into the cache (a server whose encoder workers are
    /// all busy answers so rather than queue the line).
    public func readByWordsAlone(_ text: String) -> Reading {
        freshReading(of: text, consultingEncoder: false).reading
    }

    /// The reading of `text` when the words settle it without the sentence encoder (from the cache,
    /// or computed and remembered); nil when it needs the encoder: a line a server answers on a worker
    /// thread instead of its event loop. The words' work is done once either way.
    public func readingWithoutEncoder(_ text: String) -> Reading? {
        if cache.contains(text) { return read(text) }
        let (reading, wouldConsultEncoder) = freshReading(of: text, consultingEncoder: false)
        if wouldConsultEncoder { return nil }
        cache.remember(reading, for: text)
        return reading
    }

    /// Reads `text` afresh; also tells whether the words left it unsure enough to ask the encoder
    /// (only ever true when `consultingEncoder` is false and there is an encoder).
    private func freshReading(of text: String, consultingEncoder: Bool) -> (reading: Reading, wouldConsultEncoder: Bool) {
        let prepared = cueText(text)
        let cues = cueMarker.mark(prepared)
        if let safety = safety.match(cues)?.id {
            return (Reading(understanding: .intent(id: safety, score: 1), declines: false, asksToBook: false), false)
        }
        let words = prepared.lineWords ?? engine.words(of: text)
        let asksToBook = matches("booking", cues) || asksToBookInFewWords(words.words)
        // A short wish to come in ("booking tomorrow", "can i visit tmrw") that no safety cue matched
        // is not a crisis however close in meaning it is to the crisis examples' plans for tomorrow; a
        // longer line may say more ("Can I book for Saturday? Not sure I'll still be alive by then").
        let (understanding, wouldConsultEncoder) = understand(
            text, words: words, cues: cues, consultingEncoder: consultingEncoder,
            safetyByMeaning: !(asksToBook && words.words.count <= Self.shortBookingRequest))
        return (Reading(understanding: understanding, declines: Session.isDeclining(words: words.words),
                        asksToBook: asksToBook,
                        asksAboutOtherTreatment: matches(Self.otherTreatmentIntent, cues),
                        partAnswers: answersForParts(of: text)),
                wouldConsultEncoder)
    }

    /// Whether a line of `words` has three words or fewer, one naming an appointment ("appointment?",
    /// "book consultation pls"); longer lines ask to come in by a `cue:` of the booking intent.
    private func asksToBookInFewWords(_ words: [String]) -> Bool {
        words.count <= 3 && words.contains(where: Self.appointmentWords.contains)
    }

    /// The most words a request to come in has for the encoder's safety verdict to be left out.
    static let shortBookingRequest = 8

    /// The intent for questions about other treatments (`intents/other-treatment.md`, optional).
    public static let otherTreatmentIntent = "other-treatment"

    /// Whether the marked message `cues` matches the cue lines of the intent `id` (false when it has none).
    private func matches(_ id: String, _ cues: MarkedCueText) -> Bool {
        knowledge.cueRules[id]?.match(cues) != nil
    }

    private static let appointmentWords: Set<String> = [
        "appointment", "appointments", "appt", "consultation", "booking", "book", "slot", "slots",
        // Its usual misspellings (too short a line for the cues' typo matching to be safe).
        "apointment", "appointmnt", "apointmnt", "appoinment", "appontment", "apptmt", "consultaion", "consulation",
    ]

    /// The entries answering each part of `text` outright, when at least two different ones do.
    private func answersForParts(of text: String) -> [PartAnswer] {
        let parts = Self.questionParts(of: text)
        guard parts.count > 1 else { return [] }
        var answers: [PartAnswer] = []
        for part in parts {
            // By words alone (the encoder is asked about whole lines only, see readingWithoutEncoder): the
            // part's reading is its answer unless an intent outranks it, which is asked only of a new answer.
            let words = engine.words(of: part)
            let (decision, _) = decideQuestion(part, words: words)
            guard case .answer(let position, let score) = decision, !answers.contains(where: { $0.position == position }),
                  intent(outranking: decision, words: words) == nil else { continue }
            answers.append(PartAnswer(position: position, score: score))
        }
        return answers.count > 1 ? answers : []
    }

    /// Whether the bytes of the ASCII `needle` occur in `text` (without them, `text.contains(needle)`
    /// is false too; with them, it is asked, as it may still differ around combining marks).
    private static func mayContain(_ needle: String, in text: String) -> Bool {
        let bytes = Array(text.utf8), pattern = Array(needle.utf8)
        guard bytes.count >= pattern.count else { return false }
        for start in 0...(bytes.count - pattern.count) where bytes[start] == pattern[0] {
            if bytes[start..<(start + pattern.count)].elementsEqual(pattern) { return true }
        }
        return false
    }

    /// The parts of a line split at "?", ";", " and ", " also " and " & ", keeping those of at least
    /// two words; empty when there would be more than three (a list, not a few questions).
    static func questionParts(of text: String) -> [String] {
        if let line = ASCIILine(text) { return questionParts(of: line) }
        return questionParts(ofCharacters: text)
    }

    /// `questionParts(of:)` of any line, on its characters.
    static func questionParts(ofCharacters text: String) -> [String] {
        let lowered = text.lowercased()
        // Most lines have no separator inside: answer those without splitting.
        guard lowered.dropLast().contains(where: { $0 == "?" || $0 == ";" || $0 == "&" })
                || Self.mayContain(" and ", in: lowered) && lowered.contains(" and ")
                || Self.mayContain(" also ", in: lowered) && lowered.contains(" also ") else { return [] }
        var parts = [lowered]
        for separator in ["?", ";", " and ", " also ", " & "] {
            parts = parts.flatMap { $0.split(separator: separator).map(String.init) }
        }
        parts = parts.filter { Tokenizer().tokens(in: $0).count >= 2 }
        return parts.count <= 3 ? parts : []
    }

    /// `questionParts(of:)` of an ASCII line, on its bytes.
    static func questionParts(of line: ASCIILine) -> [String] {
        let lowered = line.bytes.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
        guard lowered.dropLast().contains(where: { $0 == 63 || $0 == 59 || $0 == 38 })   // ? ; &
                || ASCIILine.contains(partSeparators[2], in: lowered[...])
                || ASCIILine.contains(partSeparators[3], in: lowered[...]) else { return [] }
        var parts = [lowered[...]]
        for separator in partSeparators {
            parts = parts.flatMap { ASCIILine.split($0, separator: separator) }
        }
        let kept = parts.map(ASCIILine.string).filter { Tokenizer().tokens(in: $0).count >= 2 }
        return kept.count <= 3 ? kept : []
    }

    /// What `questionParts(of:)` splits at, in order.
    private static let partSeparators = ["?", ";", " and ", " also ", " & "].map { Array($0.utf8) }
}
