/// One reply of the assistant, as the chat prints it and the `--json` mode encodes it.
public struct Reply: Sendable, Equatable, Codable {
    /// What kind of reply this is.
    public enum Kind: String, Sendable, Codable {
        /// The session's first words.
        case welcome
        /// The clinic's answer to a question (`id`, `score`, `source` set).
        case answer
        /// "Did you mean": up to three `suggestions`.
        case clarify
        /// The assistant does not know; it offers a consultation.
        case fallback
        /// Greeting, thanks, goodbye, who-are-you.
        case smalltalk
        /// Booking in progress, or how to book.
        case booking
        /// A booking was stored (`reference` set).
        case booked
        /// A booking form was abandoned; nothing stored.
        case cancelled
        /// The `/help` text.
        case help
        /// The conversation was reset.
        case reset
        /// The input was refused (`code` says why).
        case error
        /// The conversation ends.
        case bye
        /// The patient speaks of suicide, self-harm or an overdose: helpline and emergency numbers.
        case crisis
        /// The patient describes a problem after the procedure: contact a doctor, 112 when severe.
        case complication
        /// The question is about another treatment or medicine the clinic's text does not cover.
        case otherTreatment = "other_treatment"
    }

    /// A "did you mean" choice.
    public struct Suggestion: Sendable, Equatable, Codable {
        /// The entry id.
        public let id: String
        /// The entry's question.
        public let title: String

        /// Creates a suggestion.
        public init(id: String, title: String) {
            self.id = id
            self.title = title
        }
    }

    /// The kind.
    public var type: Kind
    /// The text for the patient.
    public var text: String
    /// The entry id (answers).
    public var id: String?
    /// The confidence in [0, 1] (answers, clarifications, fallbacks).
    public var score: Double?
    /// The entry's question or title (answers).
    public var source: String?
    /// Choices (clarifications).
    public var suggestions: [Suggestion]?
    /// Further entries this answer also gives, after the first (a line that asks two things).
    public var also: [Suggestion]?
    /// The booking form's field being asked for.
    public var field: String?
    /// Why the last value was refused (booking).
    public var error: String?
    /// The booking's reference (booked).
    public var reference: String?
    /// A machine-readable error code (errors), e.g. `line_too_long`.
    public var code: String?

    /// What comes before the numbered related questions an answer may end with.
    public static let relatedHeading = "\n\nYou may also want to know:"

    /// The text without the related questions at its end (the clinic's answer alone).
    public var answerText: String {
        text.range(of: Reply.relatedHeading).map { String(text[..<$0.lowerBound]) } ?? text
    }

    /// Creates a reply.
    public init(type: Kind, text: String, id: String? = nil, score: Double? = nil, source: String? = nil,
                suggestions: [Suggestion]? = nil, also: [Suggestion]? = nil, field: String? = nil,
                error: String? = nil, reference: String? = nil, code: String? = nil) {
        self.type = type
        self.text = text
        self.id = id
        self.score = score
        self.source = source
        self.suggestions = suggestions
        self.also = also
        self.field = field
        self.error = error
        self.reference = reference
        self.code = code
    }
}
