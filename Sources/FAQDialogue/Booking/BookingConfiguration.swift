import Foundation

/// What a session needs to take bookings: where they go, the clinic's schedule, and the clock.
///
/// Built once at start-up and shared by every session (the terminal chat, each TCP connection).
public struct BookingConfiguration: Sendable {
    /// Where confirmed bookings are stored.
    public var store: any BookingStore
    /// Opening days, slots, time zone and contact.
    public var schedule: ClinicSchedule
    /// The current instant; tests inject a fixed one.
    public var clock: @Sendable () -> Date

    /// Creates a configuration.
    public init(store: any BookingStore, schedule: ClinicSchedule = ClinicSchedule(),
                clock: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.schedule = schedule
        self.clock = clock
    }
}
