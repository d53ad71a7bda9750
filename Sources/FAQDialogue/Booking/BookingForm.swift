/// The appointment form as a pure state machine: it is fed what the patient types, one line at a
/// time, and answers with what to do next. No I/O and no clock: the caller passes today's date.
///
/// Fields are asked in order (name, phone, date, time, optional note), then a summary to confirm;
/// any line, the one that opened the form included, may give several at once (`BookingSentence`),
/// and only what is still missing is asked. Two readings of a day or a time are asked back. A
/// refused value is asked again with the reason; after `schedule.maximumAttempts` refusals of one
/// field the form gives up. At the confirmation a change in one sentence is applied, and "no" lets
/// the patient name the field to change; the summary then comes back.
public struct BookingForm: Sendable {
    /// A question of the form; the raw value is the JSON `field`.
    public enum Field: String, Sendable, CaseIterable {
        case name, phone, date, time, note, confirm
    }

    /// What the form wants done after an input.
    public enum Action: Sendable, Equatable {
        /// Ask `field` (again, with the refusal, when the last value was refused).
        case ask(Field, refusal: FieldRefusal?)
        /// The patient confirmed: store this request.
        case submit(BookingRequest)
        /// The patient cancelled; nothing is stored.
        case cancelled
        /// Too many refused values for one field; nothing is stored.
        case gaveUp(FieldRefusal)
    }

    /// The longest name accepted.
    public static let maximumNameLength = 100
    /// The longest name accepted in bytes of UTF-8 (letters with many combining marks are short in
    /// characters but long in bytes).
    public static let maximumNameBytes = 400
    /// The longest note accepted.
    public static let maximumNoteLength = 500
    /// The longest note accepted in bytes of UTF-8.
    public static let maximumNoteBytes = 2000

    /// The clinic's days and slots.
    public let schedule: ClinicSchedule
    /// The field being asked.
    public internal(set) var field: Field = .name
    /// Values accepted so far.
    public internal(set) var name: String?
    public internal(set) var phone: String?
    public internal(set) var date: CivilDate?
    public internal(set) var time: PreferredTime?
    /// The note: nil while not asked, `.some(nil)` when the patient has none.
    public internal(set) var note: String??
    /// Who the booking is for when not the patient ("brother", "someone else"); nil: the patient.
    public internal(set) var person: String?
    /// Refusals of the current field so far.
    public internal(set) var failures = 0
    /// At the confirmation, after "no": waiting to hear which field to change.
    public internal(set) var choosingChange = false
    /// The fields the last input filled, in order (the reply says what was noted when it filled more
    /// than the one asked).
    public internal(set) var taken: [Field] = []
    /// Whether the last input said who the booking is for.
    public internal(set) var tookPerson = false
    /// The field asked before the last input.
    public internal(set) var lastAsked: Field = .name
    /// Two readings of what the patient said ("monday or tuesday", "next Wednesday" said on a
    /// Monday), waiting for the patient to pick one.
    var choice: Choice?
    /// The patient declined at a question ("no thanks"): a yes now stops the booking.
    public internal(set) var offeredStop = false

    /// Two values for one field, the likelier first.
    struct Choice: Sendable {
        let field: Field
        let options: [Value]
    }

    /// Starts an empty form; the first question is the name.
    public init(schedule: ClinicSchedule) {
        self.schedule = schedule
    }

    /// The first action: ask for the name.
    public var start: Action { .ask(.name, refusal: nil) }

    /// Opens the form with the line that asked for it ("I'd like to book for next Tuesday afternoon",
    /// "can I book for my brother tomorrow evening"): every value that line gives is taken, and the
    /// first question still open is asked. Nothing in it counts as a refusal, except a day or time it
    /// names that the clinic cannot take (then that is asked first, with the reason).
    public mutating func open(with input: String, today: CivilDate, minutesNow: Int? = nil) -> Action {
        lastAsked = field
        taken = []
        tookPerson = false
        var sentence = read(input, today: today)
        if sentence.dateRefusal == .dateVague { sentence.dateRefusal = nil }   // "next week": the day is asked anyway
        return take(sentence, text: input, today: today, minutesNow: minutesNow, opening: true)
    }

    /// Takes one line the patient typed at the current field: it may carry several fields at once
    /// (see `BookingSentence`). `minutesNow` is the clinic's time of day (minutes after midnight), so
    /// that a slot already over today is refused.
    public mutating func receive(_ input: String, today: CivilDate, minutesNow: Int? = nil) -> Action {
        let text = input.trimmingCharacters(in: " \t\r\n")
        lastAsked = field
        taken = []
        tookPerson = false
        if BookingForm.isCancel(text) { return .cancelled }
        if offeredStop {
            offeredStop = false
            switch BookingForm.yesNo(text) {
            case true?: return .cancelled
            case false?: return .ask(field, refusal: nil)
            case nil: break
            }
        }
        if let pending = choice {
            choice = nil
            if let picked = BookingForm.pick(text, from: pending.options.count) {
                accept(pending.options[picked])
                failures = 0
                return next(refused: nil, today: today, minutesNow: minutesNow)
            }
        }
        if field == .confirm { return confirm(text, today: today, minutesNow: minutesNow) }
        if field == .note {
            // "forget it, I don't want to book anymore" calls the booking off; it is not a note.
            if read(text, today: today).cancels && !text.hasSuffix("?") { return .cancelled }
            switch value(text, for: .note, today: today, minutesNow: minutesNow) {
            case .failure(let refusal): return refuse(refusal)
            case .success(let accepted):
                failures = 0
                accept(accepted)
                return next(refused: nil, today: today, minutesNow: minutesNow)
            }
        }
        if Session.isDeclining(text) {
            offeredStop = true
            return .ask(field, refusal: .declined)
        }
        let sentence = read(text, today: today)
        if sentence.cancels && !text.hasSuffix("?") { return .cancelled }
        return take(sentence, text: text, today: today, minutesNow: minutesNow, opening: false)
    }

    /// Why `input` would be refused at the current field, or nil when something in it would be
    /// taken. Does not change the form (the session uses it to tell a question from a bad value).
    public func refusal(of input: String, today: CivilDate, minutesNow: Int? = nil) -> FieldRefusal? {
        var copy = self
        switch copy.receive(input, today: today, minutesNow: minutesNow) {
        case .ask(_, let refusal?) where copy.taken.isEmpty && !copy.tookPerson: return refusal
        case .gaveUp(let refusal): return refusal
        default: return nil
        }
    }

    /// The request as collected so far, once every field is set.
    public var request: BookingRequest? {
        guard let name, let phone, let date, let time, let note else { return nil }
        return BookingRequest(name: name, phone: phone, date: date, time: time, note: note)
    }

    /// One refusal more of the current field: asked again, or the form gives up.
    mutating func refuse(_ refusal: FieldRefusal) -> Action {
        failures += 1
        if failures >= schedule.maximumAttempts { return .gaveUp(refusal) }
        return .ask(field, refusal: refusal)
    }

    /// The next question: the refused field with its reason, the pending choice, else the first field
    /// still empty in the order name, phone, date, time, note, then the confirmation.
    mutating func next(refused: (Field, FieldRefusal)?, today: CivilDate, minutesNow: Int?) -> Action {
        // A new date can make the chosen time unavailable (no evenings on Saturdays).
        var refused = refused
        if refused == nil, let time, let date, let refusal = timeRefusal(time, on: date, today: today, minutesNow: minutesNow) {
            self.time = nil
            refused = (.time, refusal)
        }
        if let (target, refusal) = refused {
            field = target
            return .ask(target, refusal: refusal)
        }
        if let choice {
            field = choice.field
            return .ask(choice.field, refusal: nil)
        }
        if name == nil { field = .name }
        else if phone == nil { field = .phone }
        else if date == nil { field = .date }
        else if time == nil { field = .time }
        else if note == nil { field = .note }
        else { field = .confirm }
        return .ask(field, refusal: nil)
    }

    /// Why `time` cannot be booked on `date` (not offered that day, or already over today), or nil.
    func timeRefusal(_ time: PreferredTime, on date: CivilDate, today: CivilDate, minutesNow: Int?) -> FieldRefusal? {
        if let refusal = schedule.refusal(for: time, on: date) { return refusal }
        if date == today, let minutesNow { return schedule.refusal(for: time, today: today, minutesNow: minutesNow) }
        return nil
    }

    enum Value: Sendable, Equatable {
        case name(String), phone(String), date(CivilDate), time(PreferredTime), note(String?)
    }

    func value(_ text: String, for field: Field, today: CivilDate, minutesNow: Int?) -> Result<Value, FieldRefusal> {
        switch field {
        case .name:
            return BookingForm.name(text).map(Value.name)
        case .phone:
            return PhoneNumber.normalise(BookingForm.dropping(BookingForm.phonePrefixes, from: text)).map(Value.phone)
        case .date:
            switch BookingDateParser.parse(text, today: today) {
            case .failure(let refusal): return .failure(refusal)
            case .success(let date):
                if let refusal = schedule.refusal(for: date, today: today) { return .failure(refusal) }
                return .success(.date(date))
            }
        case .time:
            guard let date else { return .failure(.dateUnrecognized) }
            let offered = schedule.slots(on: date).map(\.name)
            guard let time = PreferredTime.parse(text, slotNames: schedule.slots.map(\.name)) else {
                return .failure(.timeUnrecognized(slots: offered))
            }
            if let refusal = schedule.refusal(for: time, on: date) { return .failure(refusal) }
            if date == today, let minutesNow, let refusal = schedule.refusal(for: time, today: today, minutesNow: minutesNow) {
                return .failure(refusal)
            }
            return .success(.time(time))
        case .note:
            if BookingForm.noNote.contains(BookingForm.normalised(text)) { return .success(.note(nil)) }
            guard text.count <= BookingForm.maximumNoteLength, text.utf8.count <= BookingForm.maximumNoteBytes else {
                return .failure(.noteTooLong(limit: BookingForm.maximumNoteLength))
            }
            return FieldText.checked(text).map(Value.note)
        case .confirm:
            return .failure(.confirmUnrecognized)
        }
    }

    mutating func accept(_ value: Value) {
        switch value {
        case .name(let text): name = text; taken.append(.name)
        case .phone(let text): phone = text; taken.append(.phone)
        case .date(let day): date = day; taken.append(.date)
        case .time(let preferred): time = preferred; taken.append(.time)
        case .note(let text): note = .some(text); taken.append(.note)
        }
    }

    private mutating func confirm(_ text: String, today: CivilDate, minutesNow: Int?) -> Action {
        // A change in one sentence ("make it Thursday morning", "the phone is 98765 43210 actually"):
        // applied, then the summary again (or the field whose new value was refused).
        let sentence = read(text, today: today)
        if sentence.hasValues {
            choosingChange = false
            failures = 0
            return take(sentence, text: text, today: today, minutesNow: minutesNow, opening: false)
        }
        if sentence.cancels && !text.hasSuffix("?") { return .cancelled }
        if let target = BookingForm.fieldNamed(in: text), choosingChange || BookingForm.yesNo(text) == nil {
            choosingChange = false
            failures = 0
            field = target
            return .ask(target, refusal: nil)
        }
        switch BookingForm.yesNo(text) {
        case true?:
            guard !choosingChange else { break }
            guard let request else { return .ask(.confirm, refusal: .confirmUnrecognized) }
            // The conversation may have lasted past midnight.
            if let refusal = schedule.refusal(for: request.date, today: today) {
                field = .date
                return .ask(.date, refusal: refusal)
            }
            // ... or past the chosen slot of today.
            if request.date == today, let minutesNow,
               let refusal = schedule.refusal(for: request.time, today: today, minutesNow: minutesNow) {
                field = .time
                return .ask(.time, refusal: refusal)
            }
            return .submit(request)
        case false?:
            // "No" to "what would you like to change?" shows the summary again.
            choosingChange.toggle()
            failures = 0
            return .ask(.confirm, refusal: nil)
        case nil:
            break
        }
        return refuse(.confirmUnrecognized)
    }
}
