import FAQDialogue

/// The booking's wire form: the journal's line and what the `--on-booking` hook reads.
extension Booking {
    /// One JSON object, keys in a fixed order:
    /// `{"reference":"K7Q-9MZ","received":"2026-11-24T10:15:00Z","name":"…","phone":"+44…",
    /// "date":"2026-12-03","time":"morning","note":"…"}`; `note` only when there is one.
    public var json: String {
        var out = "{\"reference\":"
        JSONLine.appendString(reference, to: &out)
        out += ",\"received\":"
        JSONLine.appendString(Booking.timestamp(received), to: &out)
        out += ",\"name\":"
        JSONLine.appendString(request.name, to: &out)
        out += ",\"phone\":"
        JSONLine.appendString(request.phone, to: &out)
        out += ",\"date\":"
        JSONLine.appendString(request.date.iso, to: &out)
        out += ",\"time\":"
        JSONLine.appendString(request.time.description, to: &out)
        if let note = request.note {
            out += ",\"note\":"
            JSONLine.appendString(note, to: &out)
        }
        return out + "}"
    }
}
