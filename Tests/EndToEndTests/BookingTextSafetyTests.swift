import Foundation
import XCTest

/// What patients can put into a booking, and what staff see of it (issue 10, items 1 and 5).
final class BookingTextSafetyTests: ServerBookingCase {
    /// Characters a terminal acts on, or that hide or reorder text.
    static let dangerous: [Unicode.Scalar] = ["\u{1B}", "\u{7}", "\u{9B}", "\u{85}", "\u{202E}", "\u{2066}", "\u{2028}", "\u{200B}"]

    func testControlAndInvisibleCharactersAreRefusedOverTheSocketAndAPlainBookingIsStored() throws {
        let server = try ServerProcess(["--json", "--bookings", journal])
        let client = try server.connect()
        _ = try client.readJSON()
        func say(_ line: String) throws -> [String: Any] {
            try client.send(line + "\n")
            return try client.readJSON()
        }
        XCTAssertEqual(try say("/book")["field"] as? String, "name")
        let badName = try say("Jane\u{1B}[2J\u{1B}]0;pwned\u{7}Doe")
        XCTAssertEqual(badName["field"] as? String, "name")
        XCTAssertTrue((badName["error"] as? String)?.contains("control or invisible") ?? false, "\(badName)")
        XCTAssertEqual(try say("\u{3164}")["field"] as? String, "name")  // a Hangul filler: an invisible "letter"
        XCTAssertEqual(try say("Jane Doe")["field"] as? String, "phone")
        // Three refusals: a fourth in a row would end the form.
        for phone in ["0\u{301}20 7946 0958", "1\u{FE0F}\u{20E3}2079460958", String(repeating: "0", count: 2048)] {
            let refused = try say(phone)
            XCTAssertEqual(refused["field"] as? String, "phone", phone.debugDescription)
            XCTAssertNotNil(refused["error"], "\(refused)")
        }
        XCTAssertEqual(try say("０２０ ７９４６ ０９５８")["field"] as? String, "date")  // full-width digits
        XCTAssertEqual(try say("3 December")["field"] as? String, "time")
        XCTAssertEqual(try say("morning")["field"] as? String, "note")
        let badNote = try say("hello \u{202E}txt.exe\u{1B}[1A")
        XCTAssertEqual(badNote["field"] as? String, "note")
        XCTAssertTrue((badNote["error"] as? String)?.contains("control or invisible") ?? false, "\(badNote)")
        XCTAssertEqual(try say("First visit")["field"] as? String, "confirm")
        XCTAssertEqual(try say("yes")["type"] as? String, "booked")
        let stored = try String(contentsOfFile: journal, encoding: .utf8)
        XCTAssertTrue(stored.contains(#""name":"Jane Doe","phone":"02079460958""#), stored)
        XCTAssertEqual(stored.split(separator: "\n").count, 1)
    }

    func testStaffSeeControlCharactersOfAStoredRecordEscapedInTheTableAndInJSON() throws {
        // A record written by another program (or an older faqbot) holding ESC, BEL, CSI, NEL, bidi
        // overrides and line separators: escaped in the JSON (the journal stays valid) or raw.
        let record = #"{"reference":"K7Q-9MZ","received":"2026-12-01T10:00:00Z","name":"Jane\u001b[2J\u001b]0;pwned\u0007","#
            + #""phone":"+442079460958","date":"2026-12-03","time":"morning","note":"a\u009b31mb\u0085c\u202Ed\u2066e\u2028f\nFAKE ROW\u200b"}"#
            + "\n"
        let raw = "{\"reference\":\"ABC-DEF\",\"received\":\"2026-12-01T10:00:00Z\",\"name\":\"Raw\u{202E}Name\","
            + "\"phone\":\"+442079460958\",\"date\":\"2026-12-03\",\"time\":\"morning\",\"note\":\"x\u{2028}y\u{85}z\u{9B}0m\"}\n"
        try (record + raw).write(toFile: journal, atomically: true, encoding: .utf8)
        let table = try Executable.run(["bookings", "--bookings", journal, "--knowledge", Executable.knowledge])
        XCTAssertEqual(table.status, 0, table.standardError)
        let json = try Executable.run(["bookings", "--bookings", journal, "--json", "--knowledge", Executable.knowledge])
        XCTAssertEqual(json.status, 0, json.standardError)
        for output in [table.standardOutput, json.standardOutput] {
            for scalar in Self.dangerous {
                XCTAssertFalse(output.unicodeScalars.contains(scalar), "U+\(String(scalar.value, radix: 16)) reached the terminal: \(output.debugDescription)")
            }
        }
        // The table: one row per booking (the newline is shown, not obeyed), each character visible.
        XCTAssertEqual(table.lines.count, 4, table.standardOutput)
        XCTAssertTrue(table.standardOutput.contains(#"Jane\u{1B}[2J\u{1B}]0;pwned\u{7}"#), table.standardOutput)
        XCTAssertTrue(table.standardOutput.contains(#"a\u{9B}31mb\u{85}c\u{202E}d\u{2066}e\u{2028}f\u{A}FAKE ROW\u{200B}"#), table.standardOutput)
        XCTAssertTrue(table.standardOutput.contains(#"Raw\u{202E}Name"#), table.standardOutput)
        // JSON: still the same values, one line per booking.
        XCTAssertEqual(json.lines.count, 2)
        let values = json.lines.map { Executable.json($0) }
        XCTAssertEqual(values[0]["note"] as? String, "a\u{9B}31mb\u{85}c\u{202E}d\u{2066}e\u{2028}f\nFAKE ROW\u{200B}")
        XCTAssertEqual(values[1]["name"] as? String, "Raw\u{202E}Name")
    }
}
