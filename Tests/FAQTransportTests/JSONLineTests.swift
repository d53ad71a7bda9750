import FAQDialogue
import FAQTransport
import Foundation
import XCTest

final class JSONLineTests: XCTestCase {
    func testEncodesFieldsInOrderAndOmitsUnsetOnes() {
        let reply = Reply(type: .answer, text: "Two weeks.", id: "healing", score: 0.8765, source: "Heal?")
        XCTAssertEqual(JSONLine.encode(reply),
                       #"{"type":"answer","text":"Two weeks.","id":"healing","score":0.877,"source":"Heal?"}"#)
    }

    func testEscapesQuotesBackslashesAndControlCharacters() throws {
        let text = "line1\nline2 \"quoted\" back\\slash \u{1} tab\t é 🙂"
        let line = JSONLine.encode(Reply(type: .error, text: text, code: "x"))
        XCTAssertFalse(line.contains("\n"))
        let decoded = try JSONDecoder().decode(Reply.self, from: Data(line.utf8))
        XCTAssertEqual(decoded.text, text)
        XCTAssertEqual(decoded.code, "x")
    }

    func testEscapesC1ControlsLineSeparatorsAndBidiControlsSoALineSplitterSeesOneLine() throws {
        let text = "a\u{85}b\u{2028}c\u{2029}d\u{202E}e\u{2066}f\u{2069}g\u{7F}h\u{9B}i é€\u{2027}\u{202F}\u{2070}"
        let line = JSONLine.encode(Reply(type: .error, text: text))
        XCTAssertTrue(line.contains(#"a\u0085b\u2028c\u2029d\u202ee\u2066f\u2069g\u007fh\u009bi"#), line)
        // Neighbours of the escaped ranges stay as they are.
        XCTAssertTrue(line.contains("é€\u{2027}\u{202F}\u{2070}"), line)
        for scalar in line.unicodeScalars {
            XCTAssertFalse([0x85, 0x2028, 0x2029, 0x202E, 0x2066, 0x7F, 0x9B].contains(scalar.value), line)
        }
        XCTAssertEqual(try JSONDecoder().decode(Reply.self, from: Data(line.utf8)).text, text)
    }

    func testSuggestionsRoundTrip() throws {
        let reply = Reply(type: .clarify, text: "Did you mean:", score: 0.4,
                          suggestions: [.init(id: "a", title: "A?"), .init(id: "b", title: "B?")])
        XCTAssertEqual(try JSONDecoder().decode(Reply.self, from: Data(JSONLine.encode(reply).utf8)), reply)
    }

    func testAlsoRoundTripsAfterSuggestions() throws {
        let reply = Reply(type: .answer, text: "One.\n\nTwo.", id: "a", score: 0.9, source: "A?", also: [.init(id: "b", title: "B?")])
        let line = JSONLine.encode(reply)
        XCTAssertTrue(line.hasSuffix(#","also":[{"id":"b","title":"B?"}]}"#), line)
        XCTAssertEqual(try JSONDecoder().decode(Reply.self, from: Data(line.utf8)), reply)
    }

    func testScoresAreClampedValidNumbers() {
        XCTAssertTrue(JSONLine.encode(Reply(type: .fallback, text: "", score: .nan)).contains(#""score":0"#))
        XCTAssertTrue(JSONLine.encode(Reply(type: .fallback, text: "", score: 1)).contains(#""score":1.000"#))
    }

    func testBookingJSONHasFixedKeysAndEscapes() {
        let request = BookingRequest(name: "Zoë \"Z\" O'Neil", phone: "+441234567", date: CivilDate(year: 2026, month: 12, day: 3)!,
                                     time: .slot("morning"), note: "line one\nline two")
        let booking = Booking(reference: "K7Q-9MZ", received: Booking.instant(fromTimestamp: "2026-12-01T10:00:00Z")!, request: request)
        XCTAssertEqual(booking.json, #"{"reference":"K7Q-9MZ","received":"2026-12-01T10:00:00Z","name":"Zoë \"Z\" O'Neil","phone":"+441234567","date":"2026-12-03","time":"morning","note":"line one\nline two"}"#)
        var noNote = request
        noNote.note = nil
        XCTAssertFalse(Booking(reference: "A", received: Date(), request: noNote).json.contains("note"))
    }
}
