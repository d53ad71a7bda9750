import Dispatch
import FAQDialogue

/// Stores confirmed bookings off the event-loop threads: the journal's `flock`, `write` and
/// `fdatasync` (and starting the hook) run on one serial queue, and the loop is told when each
/// booking is durable, so a slow disk never stalls the other connections of a loop.
final class BookingWorker: Sendable {
    private let queue = DispatchQueue(label: "faqbot.booking-store")
    private let running = DispatchGroup()

    /// Stores `submission`, then calls `completion` with the outcome (on the worker's queue).
    func store(_ submission: BookingSubmission, completion: @escaping @Sendable (Result<Booking, any Error>) -> Void) {
        running.enter()
        queue.async { [running] in
            completion(submission.perform())
            running.leave()
        }
    }

    /// Waits at most `limit` seconds for the stores under way; returns whether all finished.
    @discardableResult
    func waitUntilIdle(limit: Double) -> Bool {
        running.wait(timeout: .now() + limit) == .success
    }
}
