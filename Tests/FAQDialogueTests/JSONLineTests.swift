import FAQDialogue
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
}
