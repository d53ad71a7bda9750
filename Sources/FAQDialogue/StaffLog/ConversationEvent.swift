/// What a session tells the staff's log about a line (see `ConversationLog`).
public enum ConversationEvent: Sendable {
    /// Any line with a reply: counted, never stored.
    case counted(CountedLine)
    /// A line the assistant could not simply answer, once the patient's next step is known.
    case unanswered(UnansweredLine)
}

/// A line as the day's counts see it: no text.
public struct CountedLine: Sendable, Equatable {
    /// The reply's kind.
    public var kind: Reply.Kind
    /// The entry answered, for answers.
    public var entry: String?
    /// The confidence, for answers, clarifications and fallbacks.
    public var score: Double?
    /// Whether the line picked a suggestion ("2") rather than asked.
    public var picked: Bool
    /// Whether the line was typed into the booking form.
    public var inBookingForm: Bool

    /// Creates a counted line.
    public init(kind: Reply.Kind, entry: String? = nil, score: Double? = nil, picked: Bool = false, inBookingForm: Bool = false) {
        self.kind = kind
        self.entry = entry
        self.score = score
        self.picked = picked
        self.inBookingForm = inBookingForm
    }
}

/// A line that ended in a fallback, a "did you mean", a crisis or complication reply or an
/// other-treatment reply, and what the patient did next. The question is as typed: the log masks it
/// before writing (`PersonalDataMask`).
public struct UnansweredLine: @unchecked Sendable {
    // @unchecked: `assistant` is an immutable, thread-safe `Assistant` (a final class with lets).
    /// The line as typed.
    public var question: String
    /// The reply's kind.
    public var kind: Reply.Kind
    /// The confidence of the reply, when it has one.
    public var score: Double?
    /// The assistant that read the line: the log ranks its closest entries with it.
    public var assistant: Assistant
    /// What the patient did next.
    public var next: NextStep

    /// Creates a record.
    public init(question: String, kind: Reply.Kind, score: Double?, assistant: Assistant, next: NextStep) {
        self.question = question
        self.kind = kind
        self.score = score
        self.assistant = assistant
        self.next = next
    }
}

/// What a patient did after a line the assistant could not simply answer.
public enum NextStep: Sendable, Equatable {
    /// Picked the suggestion with this number (1-based).
    case picked(Int)
    /// Asked again in other words; the reply to that was of this kind.
    case rephrased(then: Reply.Kind)
    /// Started booking a consultation.
    case booked
    /// Said goodbye or went away.
    case left
    /// Something else (small talk, a command, a safety reply).
    case other

    /// The name written in the log: `picked`, `rephrased`, `booked`, `left`, `other`.
    public var name: String {
        switch self {
        case .picked: return "picked"
        case .rephrased: return "rephrased"
        case .booked: return "booked"
        case .left: return "left"
        case .other: return "other"
        }
    }
}

/// Where sessions send what the staff's log keeps. Called on whichever thread answers the line
/// (an event loop, an encoder worker): implementations must be thread-safe and must not block.
public protocol ConversationLog: AnyObject, Sendable {
    /// Takes one event.
    func record(_ event: ConversationEvent)
}
