/// A line of the staff's log that the assistant could not simply answer, as written (masked).
public struct UnansweredRecord: Codable, Sendable, Equatable {
    /// An entry that came close, and its confidence.
    public struct Candidate: Codable, Sendable, Equatable {
        /// The entry's id.
        public var id: String
        /// Its confidence in [0, 1].
        public var confidence: Double

        /// Creates a candidate.
        public init(id: String, confidence: Double) {
            self.id = id
            self.confidence = confidence
        }
    }

    /// Always `unanswered`.
    public var type = "unanswered"
    /// When, as a UTC timestamp (`2026-12-01T10:00:00Z`).
    public var time: String
    /// The question, personal data masked.
    public var question: String
    /// The reply's kind: `fallback`, `clarify`, `crisis`, `complication`, `other_treatment`.
    public var reply: String
    /// The reply's confidence, when it has one.
    public var score: Double?
    /// The closest entries by words, best first.
    public var candidates: [Candidate]
    /// What the patient did next: `picked`, `rephrased`, `booked`, `left`, `other`.
    public var next: String
    /// The suggestion picked (1-based), when `next` is `picked`.
    public var picked: Int?
    /// The kind of the reply to the rephrased line, when `next` is `rephrased`.
    public var then: String?

    /// Creates a record.
    public init(time: String, question: String, reply: String, score: Double?, candidates: [Candidate], next: String,
                picked: Int? = nil, then: String? = nil) {
        self.time = time
        self.question = question
        self.reply = reply
        self.score = score
        self.candidates = candidates
        self.next = next
        self.picked = picked
        self.then = then
    }
}

/// One day's counts (or the part of them written at once: the log writes the counts since its last
/// counts line every few seconds, and readers add them up).
public struct DayCounts: Codable, Sendable, Equatable {
    /// Always `counts`.
    public var type = "counts"
    /// The day in the clinic's time zone (`2026-12-01`).
    public var day: String
    /// Lines read as questions outside the booking form (answered, clarified, fallback, other treatment).
    public var questions = 0
    /// Of those, answered outright.
    public var answered = 0
    /// Of those, "did you mean".
    public var clarified = 0
    /// Of those, "I don't know".
    public var fallback = 0
    /// Of those, about another treatment.
    public var otherTreatment = 0
    /// Suggestions picked.
    public var picked = 0
    /// Booking forms started.
    public var bookingsStarted = 0
    /// Bookings stored.
    public var bookings = 0
    /// Crisis replies.
    public var crisis = 0
    /// Complication replies.
    public var complication = 0
    /// Answers by entry id (picks included).
    public var entries: [String: Int] = [:]
    /// Confidences of outright answers, in hundredths ("87": 3).
    public var confidences: [String: Int] = [:]

    enum CodingKeys: String, CodingKey {
        case type, day, questions, answered, clarified, fallback, picked, bookings, crisis, complication, entries, confidences
        case otherTreatment = "other_treatment", bookingsStarted = "bookings_started"
    }

    /// Counts for `day`, all zero.
    public init(day: String) { self.day = day }

    /// Whether nothing was counted.
    public var isEmpty: Bool { self == DayCounts(day: day) }

    /// Counts one line.
    public mutating func add(_ line: CountedLine) {
        switch line.kind {
        case .crisis: crisis += 1
        case .complication: complication += 1
        case .booked: bookings += 1
        case .booking where !line.inBookingForm: bookingsStarted += 1
        default: break
        }
        if line.kind == .answer, let entry = line.entry { entries[entry, default: 0] += 1 }
        if line.picked { picked += 1; return }
        guard !line.inBookingForm else { return }
        switch line.kind {
        case .answer:
            questions += 1
            answered += 1
            if let score = line.score { confidences[String(Int((score * 100).rounded())), default: 0] += 1 }
        case .clarify: questions += 1; clarified += 1
        case .fallback: questions += 1; fallback += 1
        case .otherTreatment: questions += 1; otherTreatment += 1
        default: break
        }
    }

    /// Adds `other`'s counts to these.
    public mutating func merge(_ other: DayCounts) {
        questions += other.questions
        answered += other.answered
        clarified += other.clarified
        fallback += other.fallback
        otherTreatment += other.otherTreatment
        picked += other.picked
        bookingsStarted += other.bookingsStarted
        bookings += other.bookings
        crisis += other.crisis
        complication += other.complication
        entries.merge(other.entries, uniquingKeysWith: +)
        confidences.merge(other.confidences, uniquingKeysWith: +)
    }

    /// The median confidence of outright answers (to a hundredth), or nil when there were none.
    public var medianConfidence: Double? {
        let sorted = confidences.compactMap { key, count in Int(key).map { ($0, count) } }.sorted { $0.0 < $1.0 }
        let total = sorted.reduce(0) { $0 + $1.1 }
        guard total > 0 else { return nil }
        var seen = 0
        for (hundredths, count) in sorted {
            seen += count
            if seen * 2 >= total { return Double(hundredths) / 100 }
        }
        return nil
    }

    /// The `limit` entries answered most often, most first (ties by id).
    public func mostAsked(_ limit: Int) -> [(id: String, count: Int)] {
        entries.map { (id: $0.key, count: $0.value) }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.id < $1.id }
            .prefix(limit).map { $0 }
    }
}
