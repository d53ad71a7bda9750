import Foundation

/// A consultation request as the form collected it, before it is stored.
public struct BookingRequest: Sendable, Equatable {
    /// The patient's name, as typed.
    public var name: String
    /// The phone number, normalised (digits and a leading +).
    public var phone: String
    /// The preferred date, in the clinic's calendar.
    public var date: CivilDate
    /// The preferred time.
    public var time: PreferredTime
    /// An optional note for the clinic.
    public var note: String?

    /// Creates a request.
    public init(name: String, phone: String, date: CivilDate, time: PreferredTime, note: String? = nil) {
        self.name = name
        self.phone = phone
        self.date = date
        self.time = time
        self.note = note
    }
}

/// A stored booking: the request, its reference and when it was received. Its JSON line (`json`, in
/// FAQTransport) is what the journal holds and what the `--on-booking` hook reads.
public struct Booking: Sendable, Equatable {
    /// The short reference the patient is given, e.g. `K7Q-9MZ`.
    public var reference: String
    /// When the booking was received.
    public var received: Date
    /// What the patient asked for.
    public var request: BookingRequest

    /// Creates a booking.
    public init(reference: String, received: Date, request: BookingRequest) {
        self.reference = reference
        self.received = received
        self.request = request
    }

    /// `2026-11-24T10:15:00Z` (UTC, whole seconds).
    public static func timestamp(_ instant: Date) -> String {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down))
        let date = CivilDate(daysSinceEpoch: Int((Double(seconds) / 86_400).rounded(.down)))
        let secondOfDay = seconds - date.daysSinceEpoch * 86_400
        let minutes = PreferredTime.format(secondOfDay / 60)
        let rest = String(secondOfDay % 60)
        return "\(date.iso)T\(minutes):\(rest.count < 2 ? "0" + rest : rest)Z"
    }

    /// The instant of a `timestamp(_:)` string, or nil.
    public static func instant(fromTimestamp text: String) -> Date? {
        guard text.count == 20, text.hasSuffix("Z"), let t = text.firstIndex(of: "T"),
              let date = CivilDate(iso: String(text[..<t])) else { return nil }
        let clock = text[text.index(after: t)...].dropLast().split(separator: ":")
        guard clock.count == 3, let hours = Int(clock[0]), let minutes = Int(clock[1]), let seconds = Int(clock[2]),
              hours < 24, minutes < 60, seconds < 61 else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(date.daysSinceEpoch * 86_400 + hours * 3600 + minutes * 60 + seconds))
    }
}

/// Where bookings go. The session calls `store` when the patient confirms; the booking counts as
/// made only when it returns (the journal has fsync'd it).
public protocol BookingStore: Sendable {
    /// Stores `request` durably under a new unique reference received at `received`; returns the
    /// booking as stored. Throws when it could not be stored (the patient is then told so).
    func store(_ request: BookingRequest, received: Date) throws -> Booking
}
