import FAQDialogue
import FAQSearch
import Foundation
import XCTest

/// A store in memory that can be told to fail.
final class MemoryBookingStore: BookingStore, @unchecked Sendable {
    private let lock = NSLock()
    private var bookings: [Booking] = []
    private var failing = false

    struct Failure: Error {}

    var stored: [Booking] { lock.lock(); defer { lock.unlock() }; return bookings }

    func fail(_ value: Bool) { lock.lock(); failing = value; lock.unlock() }

    func store(_ request: BookingRequest, received: Date) throws -> Booking {
        lock.lock(); defer { lock.unlock() }
        if failing { throw Failure() }
        let booking = Booking(reference: "REF-\(bookings.count + 1)", received: received, request: request)
        bookings.append(booking)
        return booking
    }
}

enum BookingSample {
    static let assistant = Assistant(knowledge: KnowledgeBase(
        entries: [
            Entry(id: "pain", question: "Does scalp micropigmentation hurt?", alternatives: ["Is the treatment painful?"],
                  answer: "Most patients feel only mild discomfort."),
            Entry(id: "healing", question: "How long does scalp micropigmentation take to heal?",
                  alternatives: ["What is the recovery time?"], answer: "Most patients recover in 7 to 10 days."),
            Entry(id: "cost", question: "How much does scalp micropigmentation cost?", answer: "Between INR 15k and one lakh."),
        ],
        intents: [
            Entry(id: "greeting", question: "greeting", alternatives: ["hi", "hello"], answer: "Hello!"),
            Entry(id: "booking", question: "booking", alternatives: ["i want to book an appointment", "schedule a consultation"],
                  answer: "Type /book to book."),
        ],
        messages: ["welcome": "Welcome.", "fallback": "Sorry, I don't know that. Would you like to book a consultation?",
                   "clarify": "Did you mean:", "help": "Ask me a question."],
        synonymGroups: [["smp", "scalp micropigmentation"], ["hurt", "painful", "pain"], ["heal", "recover", "recovery"]],
        cueRules: SampleKnowledge.base.cueRules))

    /// Tuesday 1 December 2026, 10:00 UTC.
    static let now = Booking.instant(fromTimestamp: "2026-12-01T10:00:00Z")!
}

final class BookingSessionTests: XCTestCase {
    var store = MemoryBookingStore()

    func session(schedule: ClinicSchedule = ClinicSchedule(contact: "call 020 7946 0000")) -> Session {
        Session(assistant: BookingSample.assistant,
                booking: BookingConfiguration(store: store, schedule: schedule, clock: { BookingSample.now }))
    }

    func run(_ session: Session, _ lines: [String]) -> [Reply] { lines.map { session.respond(to: $0) } }

    func testTheWholeFormStoresOneBookingWithItsReference() {
        let replies = run(session(), ["/book", "Jane Doe", "+44 20 7946 0958", "tomorrow", "10:30", "no", "yes"])
        XCTAssertEqual(replies.map(\.type), [.booking, .booking, .booking, .booking, .booking, .booking, .booked])
        XCTAssertEqual(replies.dropLast().map(\.field), ["name", "phone", "date", "time", "note", "confirm"])
        XCTAssertTrue(replies.allSatisfy { $0.error == nil })
        XCTAssertEqual(replies.last?.reference, "REF-1")
        XCTAssertTrue(replies.last!.text.contains("REF-1"))
        XCTAssertEqual(store.stored.count, 1)
        let booking = store.stored[0]
        XCTAssertEqual(booking.received, BookingSample.now)
        XCTAssertEqual(booking.request, BookingRequest(name: "Jane Doe", phone: "+442079460958",
                                                       date: CivilDate(year: 2026, month: 12, day: 2)!, time: .clock(minutes: 630)))
        XCTAssertEqual(replies.last!.type, .booked)
    }

    func testBookingStartsFromTheIntentAndFromYesAfterAFallback() {
        let byIntent = session()
        XCTAssertEqual(byIntent.respond(to: "I want to book an appointment").field, "name")
        XCTAssertEqual(session().respond(to: "I'd like to see a doctor next week").field, "name")
        XCTAssertEqual(session().respond(to: "could I book a consultation please").field, "name")
        XCTAssertNotEqual(session().respond(to: "how much does a consultation cost").type, .booking)
        let byOffer = session()
        XCTAssertEqual(byOffer.respond(to: "what is the weather on mars").type, .fallback)
        let reply = byOffer.respond(to: "yes please")
        XCTAssertEqual(reply.type, .booking)
        XCTAssertEqual(reply.field, "name")
    }

    func testWithoutAStoreBookSaysHowToBook() {
        let reply = Session(assistant: BookingSample.assistant).respond(to: "/book")
        XCTAssertEqual(reply, Reply(type: .booking, text: "Type /book to book."))
    }

    func testRefusedValueCarriesTheErrorAndTheSameField() {
        let session = session()
        _ = run(session, ["/book", "Jane"])
        let reply = session.respond(to: "12 34")
        XCTAssertEqual(reply.type, .booking)
        XCTAssertEqual(reply.field, "phone")
        XCTAssertEqual(reply.error, FieldRefusal.phoneLength(digits: 4).message)
        XCTAssertTrue(reply.text.hasPrefix(reply.error!))
    }

    func testAQuestionInTheMiddleIsAnsweredAndTheFormResumesAtTheSameField() {
        for (step, question) in [(1, "wait, does it hurt?"), (2, "does the treatment hurt"), (3, "how long does it take to heal"),
                                 (4, "is it painful?"), (5, "Does SMP hurt?"), (0, "what is the recovery time?")] {
            let session = session()
            _ = run(session, ["/book"] + ["Jane", "1234567", "3 Dec", "morning", "no"].prefix(step))
            let field = session.bookingField
            let reply = session.respond(to: question)
            XCTAssertEqual(reply.type, .answer, question)
            XCTAssertTrue(reply.text.contains("Back to your booking:"), question)
            XCTAssertEqual(reply.field, field?.rawValue, question)
            XCTAssertEqual(session.bookingField, field, question)
        }
        // And the form then goes on as before.
        let session = session()
        _ = run(session, ["/book", "Jane", "does it hurt?"])
        XCTAssertEqual(session.respond(to: "1234567").field, "date")
    }

    func testAnUnknownQuestionMidFormSaysSoAndResumes() {
        let session = session()
        _ = run(session, ["/book", "Jane"])
        let reply = session.respond(to: "what's the weather on mars?")
        XCTAssertEqual(reply.type, .fallback)
        XCTAssertEqual(reply.field, "phone")
        XCTAssertEqual(session.bookingField, .phone)
    }

    func testDateWordsAreNotMistakenForQuestions() {
        let session = session()
        _ = run(session, ["/book", "Jane", "1234567"])
        XCTAssertEqual(session.respond(to: "next week").error, FieldRefusal.dateVague.message)
        XCTAssertEqual(session.respond(to: "is monday ok?").field, "time")
    }

    func testAGreetingIsNotTakenAsAName() {
        let session = session()
        _ = session.respond(to: "/book")
        let reply = session.respond(to: "hello")
        XCTAssertEqual(reply.type, .smalltalk)
        XCTAssertEqual(reply.field, "name")
    }

    func testCancelAtEveryStepStoresNothing() {
        let answers = ["Jane", "1234567", "3 Dec", "morning", "no"]
        for step in 0...answers.count {
            for word in ["cancel", "/cancel"] {
                let session = session()
                _ = run(session, ["/book"] + answers.prefix(step))
                let reply = session.respond(to: word)
                XCTAssertEqual(reply.type, .cancelled, "\(word) at step \(step)")
                XCTAssertFalse(session.isBooking)
                XCTAssertEqual(session.respond(to: "does it hurt?").type, .answer)
            }
        }
        XCTAssertTrue(store.stored.isEmpty)
    }

    func testResetAndQuitDropTheForm() {
        let session = session()
        _ = run(session, ["/book", "Jane"])
        XCTAssertEqual(session.respond(to: "/reset").type, .reset)
        XCTAssertFalse(session.isBooking)
        XCTAssertEqual(session.respond(to: "1234567").type, .fallback)
        _ = run(session, ["/book", "Jane"])
        session.reset()
        XCTAssertFalse(session.isBooking)
        _ = run(session, ["/book"])
        XCTAssertEqual(session.respond(to: "/quit").type, .bye)
        XCTAssertFalse(session.isBooking)
    }

    func testCommandsInsideTheForm() {
        let session = session()
        _ = run(session, ["/book", "Jane"])
        XCTAssertEqual(session.respond(to: "/help").field, "phone")
        XCTAssertEqual(session.respond(to: "/book").field, "phone")
        let unknown = session.respond(to: "/frobnicate")
        XCTAssertEqual(unknown.code, "unknown_command")
        XCTAssertEqual(unknown.field, "phone")
        XCTAssertEqual(session.respond(to: "1234567").field, "date")
    }

    func testCancelWithoutAFormSaysThereIsNone() {
        XCTAssertEqual(session().respond(to: "/cancel").type, .cancelled)
    }

    func testTooManyRefusalsEndKindlyWithTheClinicsContact() {
        let session = session()
        _ = run(session, ["/book", "Jane"])
        var last = Reply(type: .error, text: "")
        for _ in 0..<ClinicSchedule().maximumAttempts { last = session.respond(to: "no idea") }
        XCTAssertEqual(last.type, .cancelled)
        XCTAssertEqual(last.code, "too_many_attempts")
        XCTAssertTrue(last.text.contains("call 020 7946 0000"))
        XCTAssertFalse(session.isBooking)
    }

    func testAFailedSaveIsNotBookedAndYesTriesAgain() {
        let session = session()
        _ = run(session, ["/book", "Jane", "1234567", "3 Dec", "morning", "no"])
        store.fail(true)
        let failed = session.respond(to: "yes")
        XCTAssertEqual(failed.type, .error)
        XCTAssertEqual(failed.code, "booking_not_saved")
        XCTAssertNil(failed.reference)
        XCTAssertTrue(failed.text.contains("call 020 7946 0000"))
        XCTAssertFalse(failed.text.lowercased().contains("booked for"))
        XCTAssertEqual(session.bookingField, .confirm)
        store.fail(false)
        let retried = session.respond(to: "yes")
        XCTAssertEqual(retried.type, .booked)
        XCTAssertEqual(store.stored.count, 1)
    }
}
