extension BookingForm {
    /// The words that open the form.
    public static let opening = "Let's book your consultation. I'll ask a few short questions; type cancel at any time to stop."

    /// The question for `field`, as the patient reads it.
    public func prompt(for field: Field) -> String {
        if let choice, choice.field == field {
            let options = choice.options.map(describe)
            return "Did you mean \(FieldRefusal.list(options, or: true))? Reply 1 or 2, or tell me the \(field == .date ? "day" : "time") you mean."
        }
        switch field {
        case .name:
            switch person {
            case nil: return "What name should we book under?"
            case "someone else"?: return "What is the name of the person coming in?"
            case let someone?: return "What is your \(someone)'s name?"
            }
        case .phone:
            return "What phone number can the clinic reach you on?"
        case .date:
            return "Which day would you like to come in? For example 3 December, tomorrow or next Monday "
                + "(we're open \(Weekday.describe(Array(schedule.openDays))))."
        case .time:
            let slots = date.map { schedule.slots(on: $0) } ?? schedule.slots
            let on = date.map { " on \($0.weekday.name) \($0.day) \(CivilDate.monthNames[$0.month - 1])" } ?? ""
            return "What time of day suits you\(on): \(FieldRefusal.list(slots.map(\.description), or: true))? "
                + "You can also give a time such as 10:30, or say any."
        case .note:
            return "Is there anything you'd like the clinic to know? Type a short note, or no."
        case .confirm:
            if choosingChange {
                return "What would you like to change: name, phone, date, time or note? Or type cancel."
            }
            return summary + "\nShall I book it? Reply yes, no to change something, or cancel."
        }
    }

    /// The collected values, one per line.
    public var summary: String {
        var lines = ["Please check your booking:"]
        lines.append("Name: \(name ?? "-")" + (person.map { $0 == "someone else" ? "" : " (your \($0))" } ?? ""))
        lines.append("Phone: \(phone ?? "-")")
        lines.append("Date: \(date?.spoken ?? "-")")
        lines.append("Time: \(time.map(schedule.describe) ?? "-")")
        lines.append("Note: \((note ?? nil) ?? "none")")
        return lines.joined(separator: "\n")
    }

    /// "Noted: your brother, Wednesday 2 December 2026, evening (17:00-19:00)." when the last line gave
    /// more than the field that was asked; nil otherwise (and before the summary, which shows it all).
    public var acknowledgement: String? {
        guard field != .confirm, tookPerson || taken.contains(where: { $0 != lastAsked }) else { return nil }
        var parts: [String] = []
        if tookPerson, let person { parts.append(person == "someone else" ? "a booking for someone else" : "a booking for your \(person)") }
        for taken in taken {
            switch taken {
            case .name: name.map { parts.append("name \($0)") }
            case .phone: phone.map { parts.append("phone \($0)") }
            case .date: date.map { parts.append(describe(.date($0))) }
            case .time: time.map { parts.append(describe(.time($0))) }
            case .note, .confirm: break
            }
        }
        return parts.isEmpty ? nil : "Noted: " + parts.joined(separator: ", ") + "."
    }

    /// A value as the patient reads it.
    func describe(_ value: Value) -> String {
        switch value {
        case .name(let text), .phone(let text): return text
        case .date(let day): return day.spoken
        case .time(let time): return schedule.describe(time)
        case .note(let text): return text ?? "none"
        }
    }
}

extension ClinicSchedule {
    /// `morning (09:00-12:00)`, `14:30`, `any time`.
    public func describe(_ time: PreferredTime) -> String {
        switch time {
        case .slot(let name): return slots.first { $0.name == name }?.description ?? name
        case .clock(let minutes): return PreferredTime.format(minutes)
        case .any: return "any time"
        }
    }
}
