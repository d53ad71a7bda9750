import FAQSearch

extension Session {
    /// Starts the booking form (from `/book`, the booking intent, or "yes" to a fallback's offer);
    /// whatever the line that asked for it says (`sentence`: the day, the time, who it is for) is taken
    /// and not asked again. Without a `BookingConfiguration` it only says how to book.
    func startBooking(with sentence: String? = nil) -> Reply {
        guard let booking else {
            return Reply(type: .booking, text: assistant.intent("booking")?.answer
                         ?? "To book a consultation, please contact the clinic.")
        }
        var form = BookingForm(schedule: booking.schedule)
        var action = form.start
        if let sentence {
            let now = booking.clock()
            action = form.open(with: sentence, today: booking.schedule.today(at: now),
                               minutesNow: booking.schedule.minutesOfDay(at: now))
        }
        self.form = form
        guard case .ask(let field, let refusal) = action else { return ask(.name, refusal: nil, form: form) }
        var reply = ask(field, refusal: refusal, form: form)
        reply.text = BookingForm.opening + "\n" + reply.text
        return reply
    }

    /// Whether a booking form is in progress.
    public var isBooking: Bool { form != nil }

    /// The field the form is asking for, if a form is in progress.
    public var bookingField: BookingForm.Field? { form?.field }

    /// Handles a line while the form is open: commands, cancel, questions asked in the middle (answered,
    /// then the same field is asked again), and values for the form.
    func continueBooking(_ input: String, suggestions: [Int]) -> Reply {
        guard var current = form, let booking else { form = nil; return respond(to: input) }
        let now = booking.clock()
        let today = booking.schedule.today(at: now)
        let minutesNow = booking.schedule.minutesOfDay(at: now)
        if input.hasPrefix("/") { return bookingCommand(input, form: current) }
        if !suggestions.isEmpty, let choice = Self.choice(in: input, count: suggestions.count) {
            return resuming(answer(position: suggestions[choice], score: nil), form: current)
        }
        if BookingForm.isCancel(input) { return cancelBooking() }
        // A line that gives the form a value ("can we make it Monday morning instead?", "no thanks")
        // is the form's, even when it is phrased as a question.
        if !current.takesAsAnswer(input, today: today, questionLike: Self.startsLikeQuestion(input)),
           let reply = answerInTheMiddle(input, form: current, today: today) { return reply }

        let action = current.receive(input, today: today, minutesNow: minutesNow)
        form = current
        switch action {
        case .ask(let field, let refusal):
            return ask(field, refusal: refusal, form: current)
        case .submit(let request):
            return submit(request, booking: booking)
        case .cancelled:
            return cancelBooking()
        case .gaveUp(let refusal):
            form = nil
            return Reply(type: .cancelled,
                         text: refusal.message + "\nI'm sorry, I couldn't take your booking here. To book, \(booking.schedule.contact).",
                         error: refusal.message, code: "too_many_attempts")
        }
    }

    /// The question for `field`, after the refusal's reason when there is one.
    /// What was noted from a line of several values comes first ("Noted: Tuesday 8 December 2026,
    /// afternoon (12:00-17:00).").
    private func ask(_ field: BookingForm.Field, refusal: FieldRefusal?, form: BookingForm) -> Reply {
        let prompt = [form.acknowledgement, refusal?.message, form.prompt(for: field)].compactMap { $0 }.joined(separator: "\n")
        return Reply(type: .booking, text: prompt, field: field.rawValue,
                     error: refusal == .declined ? nil : refusal?.message)
    }

    /// `reply` with the form's question after it, so the patient knows the form goes on.
    private func resuming(_ reply: Reply, form: BookingForm) -> Reply {
        var resumed = reply
        resumed.text += "\n\nBack to your booking: " + form.prompt(for: form.field)
        resumed.field = form.field.rawValue
        return resumed
    }

    private func cancelBooking() -> Reply {
        form = nil
        return Reply(type: .cancelled,
                     text: "No problem, I've cancelled the booking; nothing was saved. Is there anything else you'd like to know?")
    }

    private func submit(_ request: BookingRequest, booking: BookingConfiguration) -> Reply {
        let submission = BookingSubmission(request: request, received: booking.clock(), store: booking.store)
        guard !defersBookingStores else {
            // The caller takes the submission and later gets the real reply from completeSubmission.
            self.submission = submission
            return Reply(type: .booking, text: "", field: BookingForm.Field.confirm.rawValue)
        }
        return completeSubmission(submission, result: submission.perform())
    }

    /// The confirmed booking the last `respond` left to be stored (deferred stores only), once.
    public func takeSubmission() -> BookingSubmission? {
        defer { submission = nil }
        return submission
    }

    /// The reply once `submission` was stored (`booked`), or could not be (`booking_not_saved`: the
    /// form stays at the confirmation, so "yes" tries again; nothing about the error is shown).
    public func completeSubmission(_ submission: BookingSubmission, result: Result<Booking, any Error>) -> Reply {
        let request = submission.request
        let schedule = booking?.schedule ?? ClinicSchedule()
        switch result {
        case .success(let stored):
            form = nil
            if defersBookingStores { countStoredBooking() }   // otherwise `answerNow` counts the reply
            let time = schedule.describe(request.time)
            return Reply(type: .booked, text: """
                Thank you, \(request.name)! Your consultation request is booked for \(stored.request.date.spoken), \(time). \
                Your reference is \(stored.reference). The clinic will call you on \(request.phone) to confirm the exact time.
                """, reference: stored.reference)
        case .failure:
            return Reply(type: .error, text: """
                I'm sorry, your booking could not be saved because of a problem on our side, so it is not booked yet. \
                Reply yes to try again, or to book another way, \(schedule.contact).
                """, field: BookingForm.Field.confirm.rawValue, code: "booking_not_saved")
        }
    }

    /// Commands inside the form: `/cancel`, `/reset`, `/quit`, `/help`, `/book`.
    private func bookingCommand(_ input: String, form current: BookingForm) -> Reply {
        let name = input.split(separator: " ").first.map { $0.lowercased() } ?? input
        switch name {
        case "/cancel": return cancelBooking()
        case "/reset", "/quit", "/exit", "/bye":
            form = nil
            return respond(to: input)
        case "/help":
            return resuming(Reply(type: .help, text: assistant.message("help")
                                  + "\n- /cancel — stop the booking form; nothing is saved"), form: current)
        case "/book":
            return Reply(type: .booking, text: "We're already booking. " + current.prompt(for: current.field),
                         field: current.field.rawValue)
        default:
            return Reply(type: .error, text: "Unknown command \(name.prefix(40)). Type /cancel to stop booking, or "
                         + current.prompt(for: current.field).prefix(1).lowercased() + current.prompt(for: current.field).dropFirst(),
                         field: current.field.rawValue, code: "unknown_command")
        }
    }

    /// The reply to a question asked in the middle of the form, or nil when `input` is a value for the
    /// form. A line is taken as a question when it ends in "?", or starts like one ("does it hurt") and
    /// the search finds an answer, or is not understood as the field's value and the search answers it
    /// confidently. A plausible name is never taken for a question unless it is phrased as one.
    private func answerInTheMiddle(_ input: String, form current: BookingForm, today: CivilDate) -> Reply? {
        let marked = input.hasSuffix("?")
        let phrased = Self.startsLikeQuestion(input)
        let refused = current.refusal(of: input, today: today)?.isUnrecognized ?? false
        guard marked || phrased || refused || current.field == .name else { return nil }
        switch assistant.understand(input) {
        case .question(.answer(let position, let score)) where marked || phrased || refused:
            return resuming(answer(position: position, score: score), form: current)
        case .question(.clarify(let positions, let score)) where refused && (marked || phrased):
            return resuming(reply(for: .clarify(positions: positions, score: score)), form: current)
        case .question(.fallback(let score)) where refused && marked:
            return resuming(Reply(type: .fallback, text: "Sorry, I don't know the answer to that.", score: score), form: current)
        case .intent(let id, _) where refused || current.field == .name:
            switch id {
            case "greeting", "thanks", "identity":
                return resuming(Reply(type: .smalltalk, text: assistant.intent(id)?.answer ?? "", id: id), form: current)
            case "help":
                return resuming(Reply(type: .help, text: assistant.message("help")), form: current)
            default:
                return nil
            }
        default:
            return nil
        }
    }

    /// Whether `input` opens like a question of three words or more ("how long does it last").
    static func startsLikeQuestion(_ input: String) -> Bool {
        var words = Tokenizer().tokens(in: input)
        while let first = words.first, ["wait", "sorry", "oh", "um", "umm", "actually", "but", "and", "also", "quick",
                                        "question", "hang", "on", "hold", "ok", "okay", "so", "btw"].contains(first) {
            words.removeFirst()
        }
        let openers: Set<String> = ["what", "whats", "how", "hows", "does", "do", "is", "are", "can", "could", "will",
                                    "would", "should", "why", "when", "where", "which", "who", "did", "has", "have",
                                    "may", "tell", "explain"]
        guard let first = words.first, words.count >= 3 else { return false }
        return openers.contains(first)
    }
}

private extension String {
    /// "I'd" as "Id", so the tokenizer keeps it one word.
    func replacingApostrophes() -> String { String(filter { $0 != "'" && $0 != "’" }) }
}
