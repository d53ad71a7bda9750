/// The appointment form as a pure state machine: it is fed what the patient types, one line at a
/// time, and answers with what to do next. No I/O and no clock: the caller passes today's date.
///
/// Fields are asked in order (name, phone, date, time, optional note), then a summary to confirm.
/// A refused value is asked again with the reason; after `schedule.maximumAttempts` refusals of one
/// field the form gives up. At the confirmation "no" lets the patient change one field, after which
/// the summary comes back.
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
    public private(set) var field: Field = .name
    /// Values accepted so far.
    public private(set) var name: String?
    public private(set) var phone: String?
    public private(set) var date: CivilDate?
    public private(set) var time: PreferredTime?
    /// The note: nil while not asked, `.some(nil)` when the patient has none.
    public private(set) var note: String??
    /// Refusals of the current field so far.
    public private(set) var failures = 0
    /// At the confirmation, after "no": waiting to hear which field to change.
    public private(set) var choosingChange = false
    /// Changing one field from the summary: return to the summary once it is valid.
    private var editing = false

    /// Starts an empty form; the first question is the name.
    public init(schedule: ClinicSchedule) {
        self.schedule = schedule
    }

    /// The first action: ask for the name.
    public var start: Action { .ask(.name, refusal: nil) }

    /// Takes one line the patient typed at the current field. `minutesNow` is the clinic's time of
    /// day (minutes after midnight), so that a slot already over today is refused.
    public mutating func receive(_ input: String, today: CivilDate, minutesNow: Int? = nil) -> Action {
        let text = input.trimmingCharacters(in: " \t\r\n")
        if BookingForm.isCancel(text) { return .cancelled }
        if field == .confirm { return confirm(text, today: today, minutesNow: minutesNow) }
        switch value(text, for: field, today: today, minutesNow: minutesNow) {
        case .failure(let refusal):
            failures += 1
            if failures >= schedule.maximumAttempts { return .gaveUp(refusal) }
            return .ask(field, refusal: refusal)
        case .success(let accepted):
            failures = 0
            accept(accepted)
            return advance(today: today)
        }
    }

    /// Why `input` would be refused at the current field, or nil when it would be taken. Does not
    /// change the form (the session uses it to tell a question from a bad value).
    public func refusal(of input: String, today: CivilDate, minutesNow: Int? = nil) -> FieldRefusal? {
        let text = input.trimmingCharacters(in: " \t\r\n")
        if field == .confirm {
            return BookingForm.yesNo(text) != nil || BookingForm.fieldNamed(in: text) != nil ? nil : .confirmUnrecognized
        }
        if case .failure(let refusal) = value(text, for: field, today: today, minutesNow: minutesNow) { return refusal }
        return nil
    }

    /// The request as collected so far, once every field is set.
    public var request: BookingRequest? {
        guard let name, let phone, let date, let time, let note else { return nil }
        return BookingRequest(name: name, phone: phone, date: date, time: time, note: note)
    }

    private enum Value {
        case name(String), phone(String), date(CivilDate), time(PreferredTime), note(String?)
    }

    private func value(_ text: String, for field: Field, today: CivilDate, minutesNow: Int?) -> Result<Value, FieldRefusal> {
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

    private mutating func accept(_ value: Value) {
        switch value {
        case .name(let text): name = text
        case .phone(let text): phone = text
        case .date(let day): date = day
        case .time(let preferred): time = preferred
        case .note(let text): note = .some(text)
        }
    }

    /// The next field to ask after one was accepted.
    private mutating func advance(today: CivilDate) -> Action {
        // A new date can make the chosen time unavailable (no evenings on Saturdays).
        if field == .date, let time, let date, let refusal = schedule.refusal(for: time, on: date) {
            self.time = nil
            field = .time
            return .ask(.time, refusal: refusal)
        }
        if editing {
            editing = false
            field = .confirm
            return .ask(.confirm, refusal: nil)
        }
        switch field {
        case .name: field = .phone
        case .phone: field = .date
        case .date: field = time == nil ? .time : (note == nil ? .note : .confirm)
        case .time: field = note == nil ? .note : .confirm
        case .note, .confirm: field = .confirm
        }
        return .ask(field, refusal: nil)
    }

    private mutating func confirm(_ text: String, today: CivilDate, minutesNow: Int?) -> Action {
        if let target = BookingForm.fieldNamed(in: text), choosingChange || BookingForm.yesNo(text) == nil {
            choosingChange = false
            failures = 0
            editing = true
            field = target
            return .ask(target, refusal: nil)
        }
        switch BookingForm.yesNo(text) {
        case true?:
            guard !choosingChange else { break }
            guard let request else { return .ask(.confirm, refusal: .confirmUnrecognized) }
            // The conversation may have lasted past midnight.
            if let refusal = schedule.refusal(for: request.date, today: today) {
                editing = true
                field = .date
                return .ask(.date, refusal: refusal)
            }
            // ... or past the chosen slot of today.
            if request.date == today, let minutesNow,
               let refusal = schedule.refusal(for: request.time, today: today, minutesNow: minutesNow) {
                editing = true
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
        failures += 1
        if failures >= schedule.maximumAttempts { return .gaveUp(.confirmUnrecognized) }
        return .ask(.confirm, refusal: .confirmUnrecognized)
    }
}
