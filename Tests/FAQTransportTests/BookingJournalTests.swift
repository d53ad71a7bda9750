#if canImport(Glibc)
import Glibc
#endif
import FAQDialogue
@testable import FAQTransport
import Foundation
import XCTest

/// Collects log lines from several threads.
final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    var all: [String] { lock.lock(); defer { lock.unlock() }; return lines }
    var sink: @Sendable (String) -> Void { { [self] line in lock.lock(); lines.append(line); lock.unlock() } }
}

final class BookingJournalTests: XCTestCase {
    var directory = ""
    let log = LogLines()

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "faqbot-journal-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    static func request(_ name: String = "Jane Doe", note: String? = nil) -> BookingRequest {
        BookingRequest(name: name, phone: "+441234567890", date: CivilDate(year: 2026, month: 12, day: 3)!,
                       time: .slot("morning"), note: note)
    }

    func lines(_ path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    func mode(_ path: String) -> mode_t {
        var status = stat()
        XCTAssertEqual(stat(path, &status), 0, path)
        return status.st_mode & 0o777
    }

    func testCreatesDirectoryAndFilePrivatelyOnTheFirstBookingOnly() throws {
        let path = directory + "/data/nested/bookings.jsonl"
        let journal = try BookingJournal(path: path, log: log.sink)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path), "nothing is created before a booking")
        let booking = try journal.store(Self.request(note: "line\nbreak"), received: Date(timeIntervalSince1970: 1_796_126_400))
        XCTAssertEqual(mode(directory + "/data"), 0o700)
        XCTAssertEqual(mode(directory + "/data/nested"), 0o700)
        XCTAssertEqual(mode(path), 0o600)
        XCTAssertEqual(try lines(path), [booking.json, ""])
        XCTAssertTrue(log.all.isEmpty)
    }

    func testAnExistingFileIsMadePrivate() throws {
        let path = directory + "/bookings.jsonl"
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o644]))
        _ = try BookingJournal(path: path, log: log.sink).store(Self.request(), received: Date())
        XCTAssertEqual(mode(path), 0o600)
    }

    func testReferencesAreShortAndReadBackAfterARestart() throws {
        let path = directory + "/bookings.jsonl"
        let first = try BookingJournal(path: path, log: log.sink)
        let stored = try (0..<5).map { _ in try first.store(Self.request(), received: Date()) }
        for booking in stored {
            XCTAssertEqual(booking.reference.count, 7)
            XCTAssertTrue(booking.reference.allSatisfy { ReferenceGenerator.alphabet.contains($0) || $0 == "-" }, booking.reference)
        }
        let reopened = try BookingJournal(path: path, log: log.sink)
        XCTAssertEqual(reopened.recovery, BookingJournal.Recovery(bookings: 5, setAsidePath: nil, setAsideBytes: 0))
        let scan = try JournalScanner.read(path: path)
        XCTAssertEqual(scan.bookings.map(\.booking.reference), stored.map(\.reference))
        XCTAssertEqual(scan.bookings.map(\.line), stored.map(\.json))
        XCTAssertEqual(scan.bookings[0].booking, stored[0].withWholeSeconds)
    }

    func testAReferenceAlreadyInTheJournalIsNeverReused() throws {
        let path = directory + "/bookings.jsonl"
        // A generator that repeats: 0, 0, 1, 1, 2, 2 ...
        let counter = Counter()
        let repeating = ReferenceGenerator(random: { UInt64(counter.next() / 2) })
        let first = try BookingJournal(path: path, references: repeating, log: log.sink).store(Self.request(), received: Date())
        // A restarted process whose generator starts over again.
        let counter2 = Counter()
        let again = ReferenceGenerator(random: { UInt64(counter2.next() / 2) })
        let second = try BookingJournal(path: path, references: again, log: log.sink).store(Self.request(), received: Date())
        XCTAssertNotEqual(first.reference, second.reference)
    }

    func testTwoJournalsOnOneFileSeeEachOthersReferences() throws {
        let path = directory + "/bookings.jsonl"
        let counterA = Counter(), counterB = Counter()
        let a = try BookingJournal(path: path, references: ReferenceGenerator(random: { UInt64(counterA.next()) }), log: log.sink)
        let b = try BookingJournal(path: path, references: ReferenceGenerator(random: { UInt64(counterB.next()) }), log: log.sink)
        let fromA = try a.store(Self.request(), received: Date())
        let fromB = try b.store(Self.request(), received: Date())
        XCTAssertNotEqual(fromA.reference, fromB.reference)
        XCTAssertEqual(try JournalScanner.read(path: path).bookings.count, 2)
    }

    func testConcurrentBookingsAreAllStoredWholeWithUniqueReferences() throws {
        let path = directory + "/bookings.jsonl"
        let journal = try BookingJournal(path: path, log: log.sink)
        let references = LogLines()
        DispatchQueue.concurrentPerform(iterations: 200) { index in
            let booking = try! journal.store(Self.request("Patient \(index)", note: String(repeating: "n", count: index * 20)),
                                             received: Date())
            references.sink(booking.reference)
        }
        let scan = try JournalScanner.read(path: path)
        XCTAssertEqual(scan.bookings.count, 200)
        XCTAssertEqual(scan.tailLength, 0)
        XCTAssertEqual(Set(scan.bookings.map(\.booking.reference)), Set(references.all))
        XCTAssertEqual(Set(references.all).count, 200)
        XCTAssertEqual(Set(scan.bookings.map(\.booking.request.name)).count, 200)
    }

    func testATornLastLineIsMovedAsideAndTheJournalStaysAppendable() throws {
        let path = directory + "/bookings.jsonl"
        let journal = try BookingJournal(path: path, log: log.sink)
        let kept = try journal.store(Self.request(), received: Date())
        let torn = String(try journal.store(Self.request("Torn"), received: Date()).json.prefix(40))
        // The second record was only partly written when the process died.
        try (kept.json + "\n" + torn).write(toFile: path, atomically: false, encoding: .utf8)
        let restarted = try BookingJournal(path: path, log: log.sink)
        XCTAssertEqual(restarted.recovery.bookings, 1)
        let aside = try XCTUnwrap(restarted.recovery.setAsidePath)
        XCTAssertTrue(aside.hasPrefix(path + ".torn-"))
        XCTAssertEqual(try String(contentsOfFile: aside, encoding: .utf8), torn)
        XCTAssertEqual(mode(aside), 0o600)
        XCTAssertEqual(try lines(path), [kept.json, ""])
        XCTAssertEqual(log.all.count, 1)
        XCTAssertTrue(log.all[0].contains("bookings.jsonl:2"), log.all[0])
        XCTAssertFalse(log.all[0].contains("Torn"), "no personal data in logs")
        let next = try restarted.store(Self.request(), received: Date())
        XCTAssertEqual(try lines(path), [kept.json, next.json, ""])
    }

    func testAnUnparseableLastLineIsAlsoSetAside() throws {
        let path = directory + "/bookings.jsonl"
        let kept = try BookingJournal(path: path, log: log.sink).store(Self.request(), received: Date())
        try (kept.json + "\n" + "\0\0\0\0\n").write(toFile: path, atomically: false, encoding: .utf8)
        let restarted = try BookingJournal(path: path, log: log.sink)
        XCTAssertEqual(restarted.recovery.setAsideBytes, 5)
        XCTAssertEqual(try lines(path), [kept.json, ""])
    }

    func testADamagedLineInTheMiddleStopsStartUpNamingTheLine() throws {
        let path = directory + "/bookings.jsonl"
        let journal = try BookingJournal(path: path, log: log.sink)
        let a = try journal.store(Self.request(), received: Date())
        let b = try journal.store(Self.request(), received: Date())
        let original = a.json + "\n\n" + "{\"reference\":\"X\"}\n" + b.json + "\n"
        try original.write(toFile: path, atomically: false, encoding: .utf8)
        XCTAssertThrowsError(try BookingJournal(path: path, log: log.sink)) { error in
            guard case .damagedLine(let errorPath, let line, let reason)? = error as? BookingJournalError else { return XCTFail("\(error)") }
            XCTAssertEqual(errorPath, path)
            XCTAssertEqual(line, 3)
            XCTAssertEqual(reason, "no 'received' text")
            XCTAssertTrue((error as! BookingJournalError).description.contains("bookings.jsonl:3: damaged booking record"))
        }
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), original, "the journal is left untouched")
        XCTAssertThrowsError(try JournalScanner.read(path: path))
    }

    func testAnUnwritablePathFailsTheBookingAndTheNextOneCanSucceed() throws {
        let blocker = directory + "/not-a-directory"
        XCTAssertTrue(FileManager.default.createFile(atPath: blocker, contents: Data("x".utf8)))
        let journal = try BookingJournal(path: blocker + "/bookings.jsonl", log: log.sink)
        XCTAssertThrowsError(try journal.store(Self.request(), received: Date())) { error in
            guard case .cannotOpen? = error as? BookingJournalError else { return XCTFail("\(error)") }
        }
        XCTAssertEqual(log.all.count, 1)
        XCTAssertFalse(log.all[0].contains("Jane"))
        // Fixed by the operator: the next booking goes through.
        try FileManager.default.removeItem(atPath: blocker)
        XCTAssertNoThrow(try journal.store(Self.request(), received: Date()))
    }

    func testLineAndParagraphSeparatorsAndNELAreEscapedSoEveryLineSplitterSeesOneRecord() throws {
        // The form refuses them; a store reached another way must still write one line per record.
        let path = directory + "/bookings.jsonl"
        let journal = try BookingJournal(path: path, log: log.sink)
        let booking = try journal.store(Self.request("Jane\u{2028}Doe", note: "a\u{2029}b\u{85}c\u{202E}d"), received: Date())
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(text.contains(#""name":"Jane\u2028Doe""#), text)
        XCTAssertTrue(text.contains(#""note":"a\u2029b\u0085c\u202ed""#), text)
        // Python's str.splitlines, JavaScript before ES2019 and others split at these; none is raw.
        XCTAssertFalse(text.unicodeScalars.contains { [0x2028, 0x2029, 0x85, 0x202E].contains($0.value) })
        XCTAssertEqual(try JournalScanner.read(path: path).bookings.map(\.booking.request.note), [booking.request.note])
    }

    func testAFullDiskFailsTheBooking() throws {
        let journal = try BookingJournal(path: "/dev/full", log: log.sink)
        XCTAssertThrowsError(try journal.store(Self.request(), received: Date())) { error in
            guard case .writeFailed(_, let systemError)? = error as? BookingJournalError else { return XCTFail("\(error)") }
            XCTAssertEqual(systemError.errno, ENOSPC)
        }
        XCTAssertTrue(log.all[0].contains("No space left on device"), log.all[0])
    }

    func testAFailedFsyncIsNeverRetried() throws {
        let path = directory + "/bookings.jsonl"
        let calls = Counter()
        let journal = try BookingJournal(path: path, log: log.sink, sync: { _ in _ = calls.next(); errno = EIO; return -1 })
        XCTAssertThrowsError(try journal.store(Self.request(), received: Date())) { error in
            guard case .syncFailed? = error as? BookingJournalError else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try journal.store(Self.request(), received: Date())) { error in
            XCTAssertEqual(error as? BookingJournalError, .unavailable(path: path))
        }
        XCTAssertEqual(calls.next(), 1, "fdatasync was called once, never again")
    }

    func testAJournalThatIsADirectoryIsAStartUpError() {
        XCTAssertThrowsError(try BookingJournal(path: directory, log: log.sink)) { error in
            guard case .unreadable? = error as? BookingJournalError else { return XCTFail("\(error)") }
        }
    }
}

/// A thread-safe counter for generators and call counts.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int { lock.lock(); defer { lock.unlock() }; value += 1; return value - 1 }
}

extension Booking {
    /// The booking as the journal reads it back: timestamps have whole seconds.
    var withWholeSeconds: Booking {
        Booking(reference: reference, received: Date(timeIntervalSince1970: received.timeIntervalSince1970.rounded(.down)),
                request: request)
    }
}
