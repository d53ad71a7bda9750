import Foundation
import XCTest

/// `faqbot stats` and `faqbot review` on logs written by hand (known figures) and by the chat.
final class StaffCommandTests: ServerBookingCase {
    var logs: String { directory + "/logs" }

    func writeLog(_ name: String, _ lines: [String]) throws {
        try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
        try (lines.joined(separator: "\n") + "\n").write(toFile: logs + "/" + name, atomically: true, encoding: .utf8)
    }

    static func unanswered(_ question: String, reply: String = "fallback", day: String = "2026-12-01", closest: String = "cost") -> String {
        #"{"type":"unanswered","time":"\#(day)T09:00:00Z","question":"\#(question)","reply":"\#(reply)","score":0.1,"#
            + #""candidates":[{"id":"\#(closest)","confidence":0.21}],"next":"rephrased","then":"answer"}"#
    }

    func testStatsFiguresFromAKnownLog() throws {
        try writeLog("2026-11-30.jsonl", [
            #"{"type":"counts","day":"2026-11-30","questions":4,"answered":4,"clarified":0,"fallback":0,"other_treatment":0,"picked":0,"bookings_started":0,"bookings":1,"crisis":0,"complication":0,"entries":{"cost":4},"confidences":{"60":4}}"#,
        ])
        try writeLog("2026-12-01.jsonl", [
            #"{"type":"counts","day":"2026-12-01","questions":6,"answered":4,"clarified":1,"fallback":1,"other_treatment":0,"picked":1,"bookings_started":1,"bookings":1,"crisis":1,"complication":0,"entries":{"cost":2,"healing-time":3},"confidences":{"50":2,"80":2}}"#,
            Self.unanswered("what is the capital of france"),
            #"{"type":"counts","day":"2026-12-01","questions":4,"answered":3,"clarified":0,"fallback":0,"other_treatment":1,"picked":0,"bookings_started":0,"bookings":0,"crisis":0,"complication":2,"entries":{"healing-time":2},"confidences":{"90":3}}"#,
            "{torn line",
        ])
        let outcome = try Executable.run(["stats", "--log-dir", logs, "--html", directory + "/stats.html"])
        XCTAssertEqual(outcome.status, 0, outcome.standardError)
        let rows = outcome.lines.map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        // day questions answered clarified fallback other picked bookings crisis complication median
        XCTAssertTrue(rows.contains("2026-11-30 4 4 (100 %) 0 0 0 0 1 0 0 0.60"), outcome.standardOutput)
        // 10 questions, 7 answered; confidences 0.5 0.5 0.8 0.8 0.9 0.9 0.9: median 0.80.
        XCTAssertTrue(rows.contains("2026-12-01 10 7 (70 %) 1 1 1 1 1 1 2 0.80"), outcome.standardOutput)
        // All eleven confidences: 0.5 0.5 0.6 0.6 0.6 0.6 0.8 0.8 0.9 0.9 0.9, median 0.60.
        XCTAssertTrue(rows.contains("total 14 11 (79 %) 1 1 1 1 2 1 2 0.60"), outcome.standardOutput)
        XCTAssertTrue(outcome.standardOutput.contains("Most asked: cost (6), healing-time (5)"), outcome.standardOutput)
        XCTAssertTrue(outcome.standardOutput.contains("  2026-12-01: healing-time (5), cost (2)"), outcome.standardOutput)
        XCTAssertTrue(outcome.standardError.contains("1 line(s) of the log could not be read"), outcome.standardError)
        let page = try String(contentsOfFile: directory + "/stats.html", encoding: .utf8)
        XCTAssertEqual(page.components(separatedBy: "<svg").count - 1, 2, page)
        XCTAssertTrue(page.contains("<title>answered: 7</title>") && page.contains("<title>complication: 2</title>"), page)
        XCTAssertTrue(page.contains("<td>2026-12-01</td><td>10</td><td>7 (70 %)</td>"), page)
        XCTAssertFalse(page.contains("<script") || page.contains("src=") || page.contains("href="), "the page must be self-contained")

        let since = try Executable.run(["stats", "--log-dir", logs, "--since", "2026-12-01"])
        XCTAssertFalse(since.standardOutput.contains("2026-11-30"), since.standardOutput)
        XCTAssertEqual(try Executable.run(["stats", "--log-dir", logs, "--since", "yesterday"]).status, 2)
        let missing = try Executable.run(["stats", "--log-dir", directory + "/nowhere"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.standardError.contains("no such log directory"), missing.standardError)
    }

    func testIgnoredGroupStaysIgnoredWhenAskedAgain() throws {
        try writeLog("2026-12-01.jsonl", [Self.unanswered("what is the capital of france"), Self.unanswered("Capital of France?"),
                                          Self.unanswered("do you have parking", closest: "location")])
        let listing = try Executable.run(["review", "--log-dir", logs])
        XCTAssertEqual(listing.status, 0, listing.standardError)
        XCTAssertTrue(listing.standardOutput.hasPrefix("#1  group "), listing.standardOutput)
        XCTAssertTrue(listing.lines[0].contains("asked 2×"), listing.standardOutput)
        let id = String(listing.lines[0].split(separator: " ")[2])
        XCTAssertEqual(try Executable.run(["review", "--log-dir", logs, "--ignore", id]).status, 0)
        // Asked again the next day, in other words of the same terms.
        try writeLog("2026-12-02.jsonl", [Self.unanswered("WHAT is the capital of france!!", day: "2026-12-02")])
        let after = try Executable.run(["review", "--log-dir", logs])
        XCTAssertFalse(after.standardOutput.lowercased().contains("capital"), after.standardOutput)
        XCTAssertTrue(after.standardOutput.contains("do you have parking"), after.standardOutput)
        let all = try Executable.run(["review", "--log-dir", logs, "--all"])
        XCTAssertTrue(all.standardOutput.contains("ignored  asked 3×"), all.standardOutput)
        let state = try FileManager.default.attributesOfItem(atPath: logs + "/review-state.json")
        XCTAssertEqual((state[.posixPermissions] as? NSNumber)?.intValue, 0o600)
    }

    func testAcceptAddsAValidPhrasingThatTheAssistantThenAnswers() throws {
        let knowledge = directory + "/knowledge"
        try FileManager.default.copyItem(atPath: Executable.knowledge, toPath: knowledge)
        let question = "is there a parking lot for my car"
        try writeLog("2026-12-01.jsonl", [Self.unanswered(question, closest: "location"), Self.unanswered("I am [name], " + question)])
        let before = try Executable.run(["ask", "--json", "--encoder", "off", "--knowledge", knowledge, question])
        XCTAssertNotEqual(Executable.json(before.lines[0])["type"] as? String, "answer")
        let id = String(try Executable.run(["review", "--log-dir", logs]).lines[0].split(separator: " ")[2])
        XCTAssertEqual(try Executable.run(["review", "--log-dir", logs, "--knowledge", knowledge, "--accept", id, "--to", "nowhere"]).status, 2)
        let accepted = try Executable.run(["review", "--log-dir", logs, "--knowledge", knowledge, "--accept", id, "--to", "location"])
        XCTAssertEqual(accepted.status, 0, accepted.standardError)
        let text = try String(contentsOfFile: knowledge + "/entries/location.md", encoding: .utf8)
        XCTAssertTrue(text.contains("\nalso: \(question)\n"), text)   // the example without masked data
        let after = try Executable.run(["ask", "--json", "--encoder", "off", "--knowledge", knowledge, question])
        XCTAssertEqual(Executable.json(after.lines[0])["id"] as? String, "location", after.standardOutput)
        XCTAssertTrue(try Executable.run(["review", "--log-dir", logs]).standardOutput.hasPrefix("Nothing to review"))
        // The same phrasing again is refused, and the file stays as it is.
        let again = try Executable.run(["review", "--log-dir", logs, "--knowledge", knowledge, "--accept", id, "--to", "location",
                                        "--phrasing", question.uppercased()])
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.standardError.contains("already"), again.standardError)
        XCTAssertEqual(try String(contentsOfFile: knowledge + "/entries/location.md", encoding: .utf8), text)
    }

    func testAMessageThatGotTheCrisisReplyCannotBecomeAnFAQPhrasing() throws {
        let knowledge = directory + "/knowledge"
        try FileManager.default.copyItem(atPath: Executable.knowledge, toPath: knowledge)
        try writeLog("2026-12-01.jsonl", [Self.unanswered("i want to kill myself", reply: "crisis", closest: "introduction")])
        let id = String(try Executable.run(["review", "--log-dir", logs]).lines[0].split(separator: " ")[2])
        let before = try String(contentsOfFile: knowledge + "/entries/introduction.md", encoding: .utf8)
        let refused = try Executable.run(["review", "--log-dir", logs, "--knowledge", knowledge, "--accept", id, "--to", "introduction"])
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.standardError.contains("crisis"), refused.standardError)
        XCTAssertEqual(try String(contentsOfFile: knowledge + "/entries/introduction.md", encoding: .utf8), before)
    }

    func testServerCountsStoredBookingsAndLogsWhatPatientsDidNext() throws {
        let server = try ServerProcess(["--json", "--encoder", "off", "--bookings", journal, "--log-dir", logs])
        let booking = try server.connect()
        try booking.fillBookingForm()
        try booking.send("yes\n")
        XCTAssertEqual(try booking.readJSON()["type"] as? String, "booked")
        let asking = try server.connect()
        _ = try asking.readJSON()
        try asking.send("what is the capital of france\n")
        XCTAssertEqual(try asking.readJSON()["type"] as? String, "fallback")
        asking.close()   // left
        XCTAssertEqual(server.stop(), 0)
        let log = try String(contentsOfFile: logs + "/2026-12-01.jsonl", encoding: .utf8)
        XCTAssertFalse(log.contains("Jane") || log.contains("7946"), log)
        let records = log.split(separator: "\n").map { Executable.json(String($0)) }
        XCTAssertEqual(records.first { $0["type"] as? String == "unanswered" }?["next"] as? String, "left", log)
        let counts = records.filter { $0["type"] as? String == "counts" }
        XCTAssertEqual(counts.compactMap { $0["bookings"] as? Int }.reduce(0, +), 1, log)
        XCTAssertEqual(counts.compactMap { $0["bookings_started"] as? Int }.reduce(0, +), 1, log)
    }

    func testChatWritesTheLogThatStatsAndReviewRead() throws {
        let input = "I am Rahul, what is the capital of france\nhow long does it take to heal\n/book\nRahul Sharma\n/cancel\n"
        let chat = try Executable.run(["chat", "--json", "--encoder", "off", "--bookings", journal, "--log-dir", logs], input: input)
        XCTAssertEqual(chat.status, 0, chat.standardError)
        let log = try String(contentsOfFile: logs + "/2026-12-01.jsonl", encoding: .utf8)
        XCTAssertFalse(log.contains("Rahul"), log)
        XCTAssertTrue(log.contains("I am [name], what is the capital of france"), log)
        let stats = try Executable.run(["stats", "--log-dir", logs])
        XCTAssertTrue(stats.standardOutput.contains("2026-12-01"), stats.standardOutput)
        let review = try Executable.run(["review", "--log-dir", logs])
        XCTAssertTrue(review.standardOutput.contains("\"I am [name], what is the capital of france\""), review.standardOutput)
    }
}
