import FAQDialogue
@testable import FAQTransport
import Foundation
import XCTest

final class BookingHookTests: XCTestCase {
    var directory = ""

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "faqbot-hook-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func testTheHookReceivesExactlyTheStoredLine() throws {
        let log = LogLines()
        let journalPath = directory + "/bookings.jsonl"
        let hook = BookingHook(command: "cat > '\(directory)/hook-input'", timeout: 10, log: log.sink)
        let store = BookingHandOff(journal: try BookingJournal(path: journalPath, log: log.sink), hook: hook)
        let booking = try store.store(BookingJournalTests.request(note: "ünïcode \"quoted\""), received: Date())
        XCTAssertTrue(hook.waitUntilIdle(limit: 10))
        let received = try Data(contentsOf: URL(fileURLWithPath: directory + "/hook-input"))
        XCTAssertEqual(received, try Data(contentsOf: URL(fileURLWithPath: journalPath)))
        XCTAssertEqual(String(decoding: received, as: UTF8.self), booking.json + "\n")
        XCTAssertTrue(log.all.isEmpty, "\(log.all)")
    }

    func testAFailingHookIsLoggedWithTheReferenceOnly() throws {
        let log = LogLines()
        let hook = BookingHook(command: "cat >/dev/null; exit 3", timeout: 10, log: log.sink)
        let store = BookingHandOff(journal: try BookingJournal(path: directory + "/b.jsonl", log: log.sink), hook: hook)
        let booking = try store.store(BookingJournalTests.request(), received: Date())
        XCTAssertTrue(hook.waitUntilIdle(limit: 10))
        XCTAssertEqual(log.all, ["booking \(booking.reference): the --on-booking command exited with status 3; the booking is in the journal"])
    }

    func testAHangingHookIsStoppedAtItsTimeLimitWithItsChildren() throws {
        let log = LogLines()
        let marker = directory + "/survivor"
        // The shell's child would write the marker if it outlived the time limit.
        let hook = BookingHook(command: "(sleep 0.8; touch '\(marker)') & sleep 30", timeout: 0.2, log: log.sink)
        let started = Date()
        hook.run(for: Booking(reference: "ABC-123", received: Date(), request: BookingJournalTests.request()))
        XCTAssertTrue(hook.waitUntilIdle(limit: 10))
        XCTAssertLessThan(Date().timeIntervalSince(started), 3)
        XCTAssertEqual(log.all.count, 1)
        XCTAssertTrue(log.all[0].hasPrefix("booking ABC-123: the --on-booking command timed out after 0.2 s"), log.all[0])
        Thread.sleep(forTimeInterval: 1.0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: marker), "the process group was stopped")
    }

    func testFinishBoundsTheWaitStopsTheCommandAndNamesWhatDidNotFinish() throws {
        let log = LogLines()
        let marker = directory + "/survivor"
        let hook = BookingHook(command: "sleep 0.8; touch '\(marker)'", timeout: 60, log: log.sink)
        hook.run(reference: "ABC-123", line: "{}")
        let started = Date()
        XCTAssertEqual(hook.finish(within: 0.2), ["ABC-123"])
        XCTAssertLessThan(Date().timeIntervalSince(started), 1)
        XCTAssertEqual(log.all, ["booking ABC-123: the --on-booking command did not finish before stopping"])
        // Reaped well before its 0.8 s sleep could end: it was killed, not left running.
        XCTAssertTrue(hook.waitUntilIdle(limit: 5), "the stopped command was reaped")
        XCTAssertLessThan(Date().timeIntervalSince(started), 0.7)
        XCTAssertFalse(FileManager.default.fileExists(atPath: marker))
        hook.run(reference: "DEF-456", line: "{}")
        XCTAssertTrue(hook.waitUntilIdle(limit: 1))
        XCTAssertEqual(log.all.count, 1, "nothing starts after finish")
    }

    func testTheOutboxRecordsConfirmationsDurablyAndListsTheRest() throws {
        let journalPath = directory + "/bookings.jsonl"
        let journal = try BookingJournal(path: journalPath, log: LogLines().sink)
        let before = try journal.store(BookingJournalTests.request(), received: Date())
        let record = try HandOffRecord(journalPath: journalPath, bookingsNow: 1)
        let hook = BookingHook(command: "grep -q OK", timeout: 10, record: record, log: LogLines().sink)
        let store = BookingHandOff(journal: journal, hook: hook)
        let confirmed = try store.store(BookingJournalTests.request(note: "OK"), received: Date())
        let failed = try store.store(BookingJournalTests.request(note: "no"), received: Date())
        XCTAssertTrue(hook.waitUntilIdle(limit: 10))
        let contents = try HandOffRecord.read(journalPath: journalPath)
        XCTAssertEqual(contents, HandOffRecord.Contents(start: 1, done: [confirmed.reference]))
        let pending = HandOffRecord.pending(try JournalScanner.read(path: journalPath), contents)
        XCTAssertEqual(pending.map(\.booking.reference), [failed.reference], "not \(before.reference): it came before")
        // A torn confirmation (a crash while writing it) does not count.
        XCTAssertEqual(HandOffRecord.parse(Array("start 0\ndone A\ndone B".utf8)), HandOffRecord.Contents(start: 0, done: ["A"]))
    }

    func testAHookThatDoesNotReadItsInputStillRuns() throws {
        let log = LogLines()
        let hook = BookingHook(command: "touch '\(directory)/ran'", timeout: 10, log: log.sink)
        hook.run(for: Booking(reference: "ABC-123", received: Date(), request: BookingJournalTests.request()))
        XCTAssertTrue(hook.waitUntilIdle(limit: 10))
        XCTAssertTrue(FileManager.default.fileExists(atPath: directory + "/ran"))
        XCTAssertTrue(log.all.isEmpty, "\(log.all)")
    }
}
