/// What a session tells the staff's log, and how it takes a reloaded assistant.
extension Session {
    /// Takes `newer` for the next lines. A pending "did you mean" keeps the entries it showed: their
    /// positions are looked up again by id, and when one is gone from the new knowledge the session keeps
    /// the old assistant until the patient has answered it.
    public func adopt(_ newer: Assistant) {
        guard newer !== assistant else { return }
        let ids = pendingSuggestions.map { assistant.engine.entries[$0].id }
        var positions: [Int] = []
        for id in ids {
            guard let position = newer.engine.entries.firstIndex(where: { $0.id == id }) else { return }
            positions.append(position)
        }
        pendingSuggestions = positions
        assistant = newer
    }

    /// The reply to `input` (trimmed), told to the staff's log when there is one.
    func answerNow(_ input: String, byWordsAlone: Bool = false) -> Reply {
        guard let log = conversationLog else { return replyNow(input, byWordsAlone: byWordsAlone) }
        let inForm = form != nil
        let picked = pendingSuggestions.isEmpty ? nil : Self.choice(inWords: words(of: input), count: pendingSuggestions.count)
        let reader = assistant
        let reply = replyNow(input, byWordsAlone: byWordsAlone)
        if input.isEmpty { return reply }
        log.record(.counted(CountedLine(kind: reply.type, entry: reply.type == .answer ? reply.id : nil, score: reply.score,
                                        picked: picked != nil, inBookingForm: inForm)))
        if var waiting = unansweredLine {
            unansweredLine = nil
            waiting.next = Self.nextStep(after: reply, picked: picked)
            log.record(.unanswered(waiting))
        }
        // Never anything typed into the booking form; never a bare number (a wrong pick).
        if !inForm && form == nil && Self.loggedKinds.contains(reply.type) && picked == nil && Int(input) == nil {
            unansweredLine = UnansweredLine(question: input, kind: reply.type, score: reply.score, assistant: reader, next: .left)
        }
        return reply
    }

    /// Tells the log about a line still waiting for the patient's next step: they left. Called when the
    /// session goes away; a chat calls it before closing its log.
    public func endConversationLog() {
        if let waiting = unansweredLine, let log = conversationLog {
            unansweredLine = nil
            log.record(.unanswered(waiting))
        }
    }

    /// Counts a booking stored by the transport (deferred stores: its reply does not pass `answerNow`).
    func countStoredBooking() {
        conversationLog?.record(.counted(CountedLine(kind: .booked, inBookingForm: true)))
    }

    /// The replies whose lines the log keeps (with masked text).
    static let loggedKinds: Set<Reply.Kind> = [.fallback, .clarify, .crisis, .complication, .otherTreatment]

    /// What the patient did, judged by the reply to their next line.
    static func nextStep(after reply: Reply, picked: Int?) -> NextStep {
        if let picked { return .picked(picked + 1) }
        switch reply.type {
        case .booking, .booked: return .booked
        case .bye: return .left
        case .answer, .clarify, .fallback, .otherTreatment: return .rephrased(then: reply.type)
        default: return .other
        }
    }
}
