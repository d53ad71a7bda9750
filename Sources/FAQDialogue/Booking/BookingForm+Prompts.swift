extension BookingForm {
    /// The words that open the form.
    public static let opening = "Let's book your consultation. I'll ask a few short questions; type cancel at any time to stop."

    /// The question for `field`, as the patient reads it.
    public func prompt(for field: Field) -> String {
        switch field {
        case .name:
            return "What name should we book under?"
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
        lines.append("Name: \(name ?? "-")")
        lines.append("Phone: \(phone ?? "-")")
        lines.append("Date: \(date?.spoken ?? "-")")
        lines.append("Time: \(time.map(schedule.describe) ?? "-")")
        lines.append("Note: \((note ?? nil) ?? "none")")
        return lines.joined(separator: "\n")
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
