import FAQSearch

/// One patient's conversation: turns each line the patient types into exactly one reply.
///
/// Pure: no I/O and no clock of its own. The terminal chat and every TCP connection own one session
/// each and share the read-only `Assistant` and `BookingConfiguration` (whose store does the I/O
/// and whose clock is injected).
public final class Session {
    /// The shared knowledge and engines (replaced by a reload: see `adopt`).
    public internal(set) var assistant: Assistant
    /// Where bookings go and the clinic's schedule; nil: `/book` only says how to book.
    public let booking: BookingConfiguration?
    /// The suggestions of the last "did you mean", so "2" or "the first one" can pick one.
    var pendingSuggestions: [Int] = []
    /// Whether the last reply offered a consultation, so "yes" books one.
    var offeredBooking = false
    /// The booking form in progress, if any.
    var form: BookingForm?
    /// The entry the last reply answered with, so a short follow-up ("is that painful?") can be read
    /// together with it.
    var lastAnswered: Int?
    /// Whether a short follow-up is read together with the previous answer's entry when that is more
    /// confident (on by default; the evaluation turns it off to measure the gain).
    public var followsUp = true
    /// Whether a confirmed booking is left for the caller to store (`takeSubmission`, then
    /// `completeSubmission`) instead of being stored inside `respond`: a server stores it off its
    /// event-loop thread.
    public var defersBookingStores = false
    /// The confirmed booking waiting to be stored, when stores are deferred.
    var submission: BookingSubmission?

    /// Where the assistant for the next line comes from, when the knowledge can be reloaded.
    public var assistantSource: AssistantSource?
    /// Where the staff's log goes (lines not simply answered, and counts); nil: nothing is logged.
    public var conversationLog: (any ConversationLog)?
    /// The last line not simply answered, waiting for the patient's next step before it is logged.
    var unansweredLine: UnansweredLine?

    deinit { endConversationLog() }

    /// Starts a conversation; with `booking`, the patient can book through the form.
    public init(assistant: Assistant, booking: BookingConfiguration? = nil) {
        self.assistant = assistant
        self.booking = booking
    }

    /// The first reply of a conversation.
    public func welcome() -> Reply {
        Reply(type: .welcome, text: assistant.message("welcome"))
    }

    /// Whether a line that needs the sentence encoder is left for the caller to answer off its
    /// thread (`takeDeferredLine`, then `DeferredLine.perform` on a worker): a server's event loop
    /// never waits for the encoder. The reply `respond` returns for such a line is a placeholder.
    public var defersSecondOpinions = false
    /// The line left for a worker, if the last `respond` deferred one.
    var deferredLine: DeferredLine?
    /// The words of the line being answered (see `words(of:)`).
    private var lineWords: (line: String, words: [String])?
    /// A line's reading already made while deciding whether to defer it (used once by `answerNow`,
    /// so the words' work is not done twice when the reading cache is off).
    private var readingAtHand: (line: String, reading: Assistant.Reading)?

    /// The line the last `respond` left for a worker (see `defersSecondOpinions`), once.
    public func takeDeferredLine() -> DeferredLine? {
        defer { deferredLine = nil }
        return deferredLine
    }

    /// Returns the reply to one line the patient typed.
    public func respond(to line: String) -> Reply {
        if let assistantSource { adopt(assistantSource.current) }
        let input = line.trimmingCharacters(in: " \t\r\n")
        if defersSecondOpinions && mayWaitForTheEncoder(input) {
            // Read by words once: that reading answers the line here, or the line goes to a worker.
            guard wordsSettle(input) else {
                deferredLine = DeferredLine(session: self, line: line)
                return Reply(type: .answer, text: "")
            }
        }
        return answerNow(input)
    }

    /// Whether `input`, typed now, is read at all (not a command, a choice, a "yes" to an offer or
    /// form input), so that it could wait for the sentence encoder. Changes no state.
    private func mayWaitForTheEncoder(_ input: String) -> Bool {
        guard form == nil, !input.isEmpty, !input.hasPrefix("/") else { return false }
        if !pendingSuggestions.isEmpty && (Self.choice(inWords: words(of: input), count: pendingSuggestions.count) != nil || Int(input) != nil) {
            return false
        }
        return !(offeredBooking && Self.isAffirmative(words: words(of: input)))
    }

    /// Whether the words settle `input` alone; their reading is then remembered for `answerNow`.
    private func wordsSettle(_ input: String) -> Bool {
        guard let reading = assistant.readingWithoutEncoder(input) else { return false }
        readingAtHand = (input, reading)
        return true
    }

    func replyNow(_ input: String, byWordsAlone: Bool) -> Reply {
        let suggestions = pendingSuggestions
        let bookingOffered = offeredBooking
        let previousAnswer = lastAnswered
        pendingSuggestions = []
        offeredBooking = false
        lastAnswered = nil
        if input.isEmpty {
            return Reply(type: .error, text: "Please type a question, or /help for what I can do.", code: "empty_line")
        }
        if input.hasPrefix("/") { return form != nil ? continueBooking(input, suggestions: suggestions) : command(input) }
        // The safety layer comes first, on every line, inside the booking form too (there uncached;
        // elsewhere it is part of the line's reading, and a line that needs it is never cached).
        if form != nil {
            if let safety = assistant.safetyIntent(for: input) { return safetyReply(safety, keeping: suggestions) }
            return continueBooking(input, suggestions: suggestions)
        }
        if !suggestions.isEmpty, let choice = Self.choice(inWords: words(of: input), count: suggestions.count) {
            return answer(position: suggestions[choice], score: nil)
        }
        if !suggestions.isEmpty, let number = Int(input), number >= 0, number < 100 {
            // "3" after two suggestions: ask again rather than search for "3".
            pendingSuggestions = suggestions
            return Reply(type: .clarify, text: "Please reply with a number from 1 to \(suggestions.count), or ask another question.",
                         suggestions: suggestions.map { Reply.Suggestion(assistant.engine.entries[$0]) })
        }
        if bookingOffered && Self.isAffirmative(words: words(of: input)) { return startBooking() }
        let reading: Assistant.Reading
        if let atHand = readingAtHand, atHand.line == input {
            reading = atHand.reading
        } else {
            reading = byWordsAlone ? assistant.readByWordsAlone(input) : assistant.read(input)
        }
        readingAtHand = nil
        if case .intent(let id, _) = reading.understanding, Assistant.safetyIntents.contains(id) {
            return safetyReply(id, keeping: suggestions)
        }
        if reading.declines {
            // "no", "no thanks", "maybe later", "not now": nothing to look up.
            return Reply(type: .smalltalk, text: "No problem. Is there anything else you'd like to know about scalp micropigmentation?",
                         id: "decline")
        }
        if reading.asksToBook { return startBooking(with: input) }
        if reading.asksAboutOtherTreatment { return otherTreatmentReply(input, reading.understanding) }
        switch reading.understanding {
        case .intent(let id, _):
            if id == "booking" { return startBooking(with: input) }
            if id == Assistant.otherTreatmentIntent { return otherTreatmentReply(input, reading.understanding) }
            if id == "help" { return Reply(type: .help, text: assistant.intent("help")?.answer ?? assistant.message("help")) }
            let reply = assistant.intent(id)?.answer ?? ""
            return Reply(type: id == "goodbye" ? .bye : .smalltalk, text: reply, id: id)
        case .question(let decision):
            if let both = answerForEachPart(reading) { return both }
            if followsUp, let previousAnswer,
               let inContext = assistant.followUps.reading(of: Self.followUpKey(input, decision, previousAnswer), compute: { _ in
                   followUp(input, alone: decision, previous: previousAnswer)
               }) {
                return reply(for: inContext)
            }
            return reply(for: decision)
        }
    }

    /// The follow-up cache's key: the previous answer's entry, what the line alone decided (the
    /// decision of words alone can differ from the encoder's) and the line. Built by hand: string
    /// interpolation of the enum goes through reflection, which cost more than the search it saves.
    static func followUpKey(_ input: String, _ decision: AnswerPolicy.Decision, _ previous: Int) -> String {
        let alone: String
        switch decision {
        case .answer(let position, _): alone = "a" + String(position)
        case .clarify(let positions, _): alone = "c" + positions.map(String.init).joined(separator: ",")
        case .fallback: alone = "f"
        }
        return String(previous) + " " + alone + " " + input
    }

    /// The reply to a question about another treatment: the clinic's text does not cover it, the
    /// doctor can advise at a consultation (offered: "yes" books), and the SMP entries the question
    /// came closest to, as numbered suggestions.
    private func otherTreatmentReply(_ input: String, _ understanding: Assistant.Understanding) -> Reply {
        let decision: AnswerPolicy.Decision
        if case .question(let made) = understanding {
            decision = made
        } else {   // read as the intent itself: what would the FAQ search have said?
            decision = assistant.policy.decide(assistant.engine.search(input, limit: assistant.policy.maximumSuggestions))
        }
        var related: [Int] = []
        if case .answer(let position, _) = decision { related = [position] }
        if case .clarify(let positions, _) = decision { related = positions }
        pendingSuggestions = related
        offeredBooking = true
        let entries = related.map { assistant.engine.entries[$0] }
        var text = assistant.intent(Assistant.otherTreatmentIntent)?.answer ?? assistant.message("fallback")
        if !entries.isEmpty {
            text += "\n\nWhat I can tell you about SMP:"
            for (number, entry) in entries.enumerated() { text += "\n\(number + 1). \(entry.question)" }
        }
        return Reply(type: .otherTreatment, text: text, id: Assistant.otherTreatmentIntent,
                     suggestions: entries.isEmpty ? nil : entries.map(Reply.Suggestion.init))
    }

    /// The crisis or complication reply; a "did you mean" still open stays open.
    private func safetyReply(_ id: String, keeping suggestions: [Int]) -> Reply {
        pendingSuggestions = suggestions
        return Reply(type: id == "crisis" ? .crisis : .complication, text: assistant.intent(id)?.answer ?? "", id: id)
    }

    /// Forgets the conversation: pending suggestions, offers, the last answer and forms.
    public func reset() {
        pendingSuggestions = []
        lastAnswered = nil
        offeredBooking = false
        form = nil
    }

    private func command(_ input: String) -> Reply {
        let name = input.split(separator: " ").first.map { $0.lowercased() } ?? input
        switch name {
        case "/help": return Reply(type: .help, text: assistant.message("help"))
        case "/quit", "/exit", "/bye": return Reply(type: .bye, text: assistant.intent("goodbye")?.answer ?? "Goodbye.")
        case "/reset":
            reset()
            return Reply(type: .reset, text: "Let's start again. What would you like to know?")
        case "/book": return startBooking()
        case "/cancel": return Reply(type: .cancelled, text: "There is no booking in progress to cancel.")
        default:
            return Reply(type: .error, text: "Unknown command \(name.prefix(40)). Type /help for the commands.",
                         code: "unknown_command")
        }
    }

    func reply(for decision: AnswerPolicy.Decision) -> Reply {
        switch decision {
        case .answer(let position, let score):
            return answer(position: position, score: score)
        case .clarify(let positions, let score):
            pendingSuggestions = positions
            let entries = positions.map { assistant.engine.entries[$0] }
            var text = assistant.message("clarify")
            for (number, entry) in entries.enumerated() { text += "\n\(number + 1). \(entry.question)" }
            return Reply(type: .clarify, text: text, score: score,
                         suggestions: entries.map(Reply.Suggestion.init))
        case .fallback(let score):
            offeredBooking = true
            return Reply(type: .fallback, text: assistant.message("fallback"), score: score)
        }
    }

    /// The entry's answer, then its related entries as numbered suggestions ("2" picks one) outside
    /// the booking form.
    func answer(position: Int, score: Double?) -> Reply {
        let entry = assistant.engine.entries[position]
        lastAnswered = position
        // Not inside the booking form, where "2" may be a time of day.
        let related = form != nil ? [] : entry.related.compactMap { id in assistant.engine.entries.firstIndex { $0.id == id } }
        var text = entry.answer
        if !related.isEmpty {
            pendingSuggestions = related
            text += Reply.relatedHeading
            for (number, position) in related.enumerated() { text += "\n\(number + 1). \(assistant.engine.entries[position].question)" }
        }
        return Reply(type: .answer, text: text, id: entry.id, score: score ?? 1, source: entry.question,
                     suggestions: related.isEmpty ? nil : related.map { Reply.Suggestion(assistant.engine.entries[$0]) })
    }


    /// One answer for each part of a line that asks two or three things ("what's the price and does
    /// it hurt?"), when each part alone is answered outright by a different entry; nil otherwise. The
    /// reply's `id` and `source` are the first part's entry, `also` lists the others.
    func answerForEachPart(_ reading: Assistant.Reading) -> Reply? {
        guard reading.partAnswers.count > 1 else { return nil }
        let entries = reading.partAnswers.map { assistant.engine.entries[$0.position] }
        return Reply(type: .answer, text: entries.map(\.answer).joined(separator: "\n\n"), id: entries[0].id,
                     score: reading.partAnswers.map(\.score).min(), source: entries[0].question,
                     also: entries.dropFirst().map(Reply.Suggestion.init))
    }

    /// The tokenizer's words of `input`, the line being answered: kept for the checks of a choice and
    /// a "yes", which a line after an answer with related entries passes through up to four times.
    func words(of input: String) -> [String] {
        if let lineWords, lineWords.line == input { return lineWords.words }
        let words = Tokenizer().tokens(in: input)
        lineWords = (input, words)
        return words
    }

    /// The 0-based choice in "2", "#2", "the second one", "first", or nil.
    static func choice(in input: String, count: Int) -> Int? {
        choice(inWords: Tokenizer().tokens(in: input), count: count)
    }

    /// `choice(in:count:)` of a line of `words` (the tokenizer's).
    static func choice(inWords words: [String], count: Int) -> Int? {
        guard !words.isEmpty, words.count <= 4 else { return nil }
        var picked: Int? = nil
        for word in words {
            if let value = ordinals[word] ?? Int(word).map({ $0 - 1 }) {
                if picked == nil { picked = value }   // "the second one": "one" after a choice is filler
            } else if !choiceFiller.contains(word) {
                return nil
            }
        }
        guard let picked, picked >= 0, picked < count else { return nil }
        return picked
    }

    /// Whether `input` only declines ("no", "no thanks", "nope", "maybe later", "not now").
    static func isDeclining(_ input: String) -> Bool {
        isDeclining(words: Tokenizer().tokens(in: input))
    }

    /// Whether a line of `words` (the tokenizer's) only declines.
    static func isDeclining(words: [String]) -> Bool {
        !words.isEmpty && words.count <= 5 && words.allSatisfy(decliningWords.contains)
            && words.contains(where: refusals.contains)
    }

    /// Whether `input` says yes ("yes", "sure", "ok please", "yes book it").
    static func isAffirmative(_ input: String) -> Bool {
        isAffirmative(words: Tokenizer().tokens(in: input))
    }

    /// Whether a line of `words` (the tokenizer's) says yes.
    static func isAffirmative(words: [String]) -> Bool {
        !words.isEmpty && words.count <= 5 && words.allSatisfy(affirmativeWords.contains)
            && words.contains(where: assents.contains)
    }

    /// Choices in words; digits ("2") are read as numbers.
    private static let ordinals = ["first": 0, "one": 0, "second": 1, "two": 1, "third": 2, "three": 2]
    private static let choiceFiller: Set<String> = ["the", "no", "number", "option", "please", "pls", "i", "mean", "meant"]
    private static let decliningWords: Set<String> = [
        "no", "nope", "nah", "not", "now", "thanks", "thank", "you", "maybe", "later",
        "another", "time", "its", "ok", "okay", "fine", "im", "good", "all",
    ]
    private static let refusals: Set<String> = ["no", "nope", "nah", "not", "later"]
    private static let assents: Set<String> = [
        "yes", "y", "yeah", "yep", "yup", "sure", "ok", "okay", "book", "definitely", "absolutely", "course", "alright",
    ]
    private static let affirmativeWords = assents.union(["please", "it", "go", "ahead", "do", "that", "of"])
}

extension Reply.Suggestion {
    /// The entry as a choice: its id and its question.
    init(_ entry: Entry) { self.init(id: entry.id, title: entry.question) }
}
