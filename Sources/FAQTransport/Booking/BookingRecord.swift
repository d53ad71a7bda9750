import FAQDialogue
import Foundation

/// Reads one journal line back into a `Booking`.
public enum BookingRecord {
    /// The booking on `line` (without its newline), or the reason it is not one.
    public static func decode(_ line: Substring) -> Result<Booking, RecordError> {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)),
              let fields = object as? [String: Any] else {
            return .failure(RecordError(reason: "not a JSON object"))
        }
        func string(_ key: String) -> Result<String, RecordError> {
            guard let value = fields[key] as? String else { return .failure(RecordError(reason: "no '\(key)' text")) }
            return .success(value)
        }
        do {
            let reference = try string("reference").get()
            guard let received = Booking.instant(fromTimestamp: try string("received").get()) else {
                return .failure(RecordError(reason: "'received' is not a UTC timestamp"))
            }
            guard let date = CivilDate(iso: try string("date").get()) else {
                return .failure(RecordError(reason: "'date' is not YYYY-MM-DD"))
            }
            let time = PreferredTime(stored: try string("time").get())
            let note = fields["note"] as? String
            let request = BookingRequest(name: try string("name").get(), phone: try string("phone").get(),
                                         date: date, time: time, note: note)
            return .success(Booking(reference: reference, received: received, request: request))
        } catch {
            return .failure(error)
        }
    }

    /// Why a line is not a booking.
    public struct RecordError: Error, Equatable {
        /// Short, with no personal data.
        public let reason: String
    }
}
