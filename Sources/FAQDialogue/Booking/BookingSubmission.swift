import Foundation

/// A confirmed booking the session leaves for its transport to store (`Session.defersBookingStores`),
/// so a server can store it on a worker thread and answer when it is durable.
public struct BookingSubmission: Sendable {
    /// What the patient confirmed.
    public let request: BookingRequest
    /// When the patient confirmed it.
    public let received: Date
    /// Where it is to be stored.
    public let store: any BookingStore

    /// Stores it (journal I/O: call it off any event-loop thread).
    public func perform() -> Result<Booking, any Error> {
        Result { try store.store(request, received: received) }
    }
}
