import Foundation
import XCTest

/// The booking form through the real executable's standard input, with a fixed clock
/// (`FAQBOT_NOW`: Tuesday 1 December 2026, 10:00 UTC).
final class BookingChatTests: XCTestCase {
    var directory = ""
    var journal: String { directory + "/data/bookings.jsonl" }
    static let now = "2026-12-01T10:00:00Z"

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "faqbot-e2e-booking-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["FAQBOT_NOW"] = Self.now
        environment["FAQBOT_KNOWLEDGE"] = Executable.knowledge
        environment["FAQBOT_ENCODER"] = "off"   // the form and the cues are tested here, not the encoder
        return environment
    }

    func chat(_ lines: [String], options: [String] = [], file: StaticString = #filePath, line: UInt = #line) throws -> Executable.Outcome {
        try Executable.run(["chat", "--json", "--bookings", journal] + options, input: lines.joined(separator: "\n") + "\n",
                           environment: environment, file: file, line: line)
    }

    func replies(_ outcome: Executable.Outcome) -> [[String: Any]] { outcome.lines.dropFirst().map { Executable.json($0) } }

    func journalLines() throws -> [String] {
        try String(contentsOfFile: journal, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    func testThePatientsOwnWordsStartTheForm() throws {
        for words in ["I want to book an appointment", "can I schedule a consultation", "I'd like to see a doctor next week",
                      "I'd like to book a consultation", "book me in"] {
            let replies = replies(try chat([words]))
            XCTAssertEqual(replies.first?["field"] as? String, "name", words)
        }
        let offered = replies(try chat(["what's the weather on mars", "yes"]))
        XCTAssertEqual(offered.map { $0["type"] as? String }, ["fallback", "booking"])
    }

    func testTheWholeFormThroughStandardInputStoresOneBooking() throws {
        let outcome = try chat(["I'd like to book a consultation", "Jane Doe", "+44 (20) 7946-0958", "3rd of December", "morning",
                                "First visit", "yes", "thanks"])
        XCTAssertEqual(outcome.status, 0, outcome.standardError)
        let replies = replies(outcome)
        XCTAssertEqual(replies.map { $0["type"] as? String }, ["booking", "booking", "booking", "booking", "booking", "booking", "booked", "smalltalk"])
        XCTAssertEqual(replies.prefix(6).map { $0["field"] as? String }, ["name", "phone", "date", "time", "note", "confirm"])
        let reference = try XCTUnwrap(replies[6]["reference"] as? String)
        XCTAssertTrue((replies[6]["text"] as? String)?.contains("Thursday 3 December 2026") ?? false)
        let stored = try journalLines()
        XCTAssertEqual(stored, [#"{"reference":"\#(reference)","received":"2026-12-01T10:00:00Z","name":"Jane Doe","phone":"+442079460958","date":"2026-12-03","time":"morning","note":"First visit"}"#])
        XCTAssertFalse(outcome.standardError.contains("Jane"), "no personal data in logs")

        let listed = try Executable.run(["bookings", "--bookings", journal, "--json"], environment: environment)
        XCTAssertEqual(listed.lines, stored)
        let table = try Executable.run(["bookings", "--bookings", journal], environment: environment)
        XCTAssertEqual(table.status, 0)
        XCTAssertTrue(table.lines[0].hasPrefix("REFERENCE"), table.standardOutput)
        XCTAssertTrue(table.lines[1].hasPrefix(reference) && table.lines[1].contains("Thu 2026-12-03  morning  Jane Doe  +442079460958  First visit"),
                      table.standardOutput)
        XCTAssertTrue(table.lines[1].contains("2026-12-01 15:30"), "10:00 UTC is 15:30 in Asia/Kolkata: \(table.lines[1])")
        let since = try Executable.run(["bookings", "--bookings", journal, "--since", "2026-12-02"], environment: environment)
        XCTAssertEqual(since.lines, ["No bookings received since 2026-12-02."])
        XCTAssertEqual(try Executable.run(["bookings", "--bookings", journal, "--since", "2026-12-01", "--json"],
                                          environment: environment).lines, stored)
        XCTAssertEqual(try Executable.run(["bookings", "--bookings", journal, "--since", "today", "--json"],
                                          environment: environment).lines, stored)
        XCTAssertEqual(try Executable.run(["bookings", "--bookings", journal, "--since", "soon"], environment: environment).status, 2)
    }

    func testEveryKindOfInvalidValueIsExplainedThroughStandardInput() throws {
        // At most three refusals in a row per field: the fourth ends the form (attempts: 4).
        let outcome = try chat(["/book", "12345", "Jane", "call me", "123", "1234567", "whenever", "sunday", "24 December",
                                "saturday", "at midnight", "evening", "19:30", "morning", "no", "maybe", "cancel",
                                "/book", "Jane", "1234567", "2026-11-30", "2028-01-01", "31 November", "friday", "cancel"])
        XCTAssertEqual(outcome.status, 0, outcome.standardError)
        let replies = replies(outcome)
        let fields = replies.map { $0["field"] as? String ?? "-" }
        let errors = replies.map { $0["error"] as? String }
        XCTAssertEqual(fields, ["name", "name", "phone", "phone", "phone", "date", "date", "date", "date", "time", "time", "time",
                                "time", "note", "confirm", "confirm", "-",
                                "name", "phone", "date", "date", "date", "date", "time", "-"])
        let refused = [1, 3, 4, 6, 7, 8, 10, 11, 12, 15, 20, 21, 22]
        for index in 0..<replies.count {
            XCTAssertEqual(errors[index] != nil, refused.contains(index), "reply \(index): \(replies[index])")
        }
        XCTAssertTrue(errors[7]!.contains("closed on Sundays"))
        XCTAssertTrue(errors[8]!.contains("closed on Thursday 24 December 2026"))
        XCTAssertTrue(errors[11]!.contains("no evening appointments on Saturdays"), errors[11]!)
        XCTAssertTrue(errors[12]!.contains("outside our hours on Saturdays"), errors[12]!)
        XCTAssertTrue(errors[20]!.contains("in the past"))
        XCTAssertTrue(errors[21]!.contains("up to a year ahead"))
        XCTAssertTrue(errors[22]!.contains("November has only 30 days"))
        XCTAssertEqual(replies[16]["type"] as? String, "cancelled")
        XCTAssertEqual(replies.last?["type"] as? String, "cancelled")
        XCTAssertFalse(FileManager.default.fileExists(atPath: journal), "nothing stored, nothing created")
    }

    func testFourRefusalsInARowEndTheFormKindly() throws {
        let replies = replies(try chat(["/book", "Jane", "a", "b", "c", "d", "how much does it cost?"]))
        XCTAssertEqual(replies[5]["type"] as? String, "cancelled")
        XCTAssertEqual(replies[5]["code"] as? String, "too_many_attempts")
        XCTAssertTrue((replies[5]["text"] as? String)?.contains("call the clinic's reception") ?? false)
        XCTAssertEqual(replies[6]["type"] as? String, "answer")
    }

    func testCancelAtEachStepStoresNothing() throws {
        let answers = ["Jane", "1234567", "3 Dec", "morning", "no"]
        var lines: [String] = []
        for step in 0...answers.count {
            lines += ["/book"] + answers.prefix(step) + [step % 2 == 0 ? "cancel" : "/cancel"]
        }
        let replies = replies(try chat(lines))
        XCTAssertEqual(replies.filter { $0["type"] as? String == "cancelled" }.count, answers.count + 1)
        XCTAssertEqual(replies.last?["type"] as? String, "cancelled")
        XCTAssertFalse(FileManager.default.fileExists(atPath: journal))
    }

    func testAQuestionInTheMiddleIsAnsweredAndTheFormResumes() throws {
        let replies = replies(try chat(["/book", "Jane", "how much does it cost?", "1234567", "wait, how long does it take to heal?",
                                        "tomorrow", "/reset", "1234567"]))
        XCTAssertEqual(replies[2]["type"] as? String, "answer")
        XCTAssertEqual(replies[2]["id"] as? String, "cost")
        XCTAssertEqual(replies[2]["field"] as? String, "phone")
        XCTAssertEqual(replies[3]["field"] as? String, "date")
        XCTAssertEqual(replies[4]["type"] as? String, "answer")
        XCTAssertEqual(replies[4]["field"] as? String, "date")
        XCTAssertEqual(replies[5]["field"] as? String, "time")
        XCTAssertEqual(replies[6]["type"] as? String, "reset")
        XCTAssertNil(replies[7]["field"], "the form was dropped by /reset")
    }

    func testAnUnwritableJournalTellsThePatientAndTheChatGoesOn() throws {
        for path in ["/dev/full", directory + "/file/bookings.jsonl"] {
            XCTAssertTrue(FileManager.default.createFile(atPath: directory + "/file", contents: Data("x".utf8)))
            let outcome = try Executable.run(["chat", "--json", "--bookings", path],
                                             input: "/book\nJane Doe\n1234567\n3 Dec\nmorning\nno\nyes\nhow much does it cost?\n",
                                             environment: environment)
            XCTAssertEqual(outcome.status, 0, outcome.standardError)
            let replies = replies(outcome)
            XCTAssertEqual(replies[6]["type"] as? String, "error", path)
            XCTAssertEqual(replies[6]["code"] as? String, "booking_not_saved")
            XCTAssertNil(replies[6]["reference"])
            XCTAssertTrue((replies[6]["text"] as? String)?.contains("call the clinic's reception") ?? false)
            XCTAssertEqual(replies[7]["type"] as? String, "answer", "the assistant keeps answering")
            XCTAssertTrue(outcome.standardError.contains(path), outcome.standardError)
            XCTAssertFalse(outcome.standardError.contains("Jane"), "no personal data in logs")
        }
    }

    func testATornLastLineIsSetAsideAtStartUp() throws {
        _ = try chat(["/book", "Jane", "1234567", "3 Dec", "morning", "no", "yes"])
        let good = try journalLines()
        try (good[0] + "\n" + #"{"reference":"ABC-DEF","received":"2026-12-01T1"#).write(toFile: journal, atomically: false, encoding: .utf8)
        let listed = try Executable.run(["bookings", "--bookings", journal], environment: environment)
        XCTAssertTrue(listed.standardError.contains("bookings.jsonl:2: the last"), listed.standardError)
        let outcome = try chat(["/book", "Ann", "1234567", "4 Dec", "morning", "no", "yes"])
        XCTAssertEqual(outcome.status, 0)
        XCTAssertTrue(outcome.standardError.contains("moved aside to \(journal).torn-"), outcome.standardError)
        let aside = try FileManager.default.contentsOfDirectory(atPath: directory + "/data").filter { $0.contains(".torn-") }
        XCTAssertEqual(aside.count, 1)
        XCTAssertEqual(try String(contentsOfFile: directory + "/data/" + aside[0], encoding: .utf8),
                       #"{"reference":"ABC-DEF","received":"2026-12-01T1"#)
        XCTAssertEqual(try journalLines().count, 2)
        XCTAssertEqual(try journalLines()[0], good[0])
    }

    func testADamagedMiddleLineStopsStartUpWithTheLine() throws {
        _ = try chat(["/book", "Jane", "1234567", "3 Dec", "morning", "no", "yes"])
        let good = try journalLines()[0]
        try ([good, "garbage", good].joined(separator: "\n") + "\n").write(toFile: journal, atomically: false, encoding: .utf8)
        let outcome = try chat(["hello"])
        XCTAssertEqual(outcome.status, 1)
        XCTAssertTrue(outcome.standardError.contains("\(journal):2: damaged booking record (not a JSON object)"), outcome.standardError)
        let listed = try Executable.run(["bookings", "--bookings", journal], environment: environment)
        XCTAssertEqual(listed.status, 1)
    }

    func testTheHookReceivesExactlyTheStoredJSON() throws {
        let received = directory + "/hook-input"
        let outcome = try chat(["/book", "Zoë O'Neil", "1234567", "3 Dec", "morning", "a \"quoted\" note\twith a tab, ünïcode", "yes"],
                               options: ["--on-booking", "cat > '\(received)'"])
        XCTAssertEqual(outcome.status, 0, outcome.standardError)
        XCTAssertEqual(replies(outcome).last?["type"] as? String, "booked")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: received)), try Data(contentsOf: URL(fileURLWithPath: journal)))
        // A tab in a note is stored as a space (FieldText).
        XCTAssertTrue(try String(contentsOfFile: received, encoding: .utf8).contains(#""note":"a \"quoted\" note with a tab, ünïcode""#))
    }

    func testAFailingHookDoesNotChangeTheConfirmation() throws {
        let outcome = try chat(["/book", "Jane", "1234567", "3 Dec", "morning", "no", "yes"],
                               options: ["--on-booking", "exit 7", "--on-booking-timeout", "5"])
        let reply = replies(outcome).last!
        XCTAssertEqual(reply["type"] as? String, "booked")
        let reference = reply["reference"] as! String
        XCTAssertTrue(outcome.standardError.contains("booking \(reference): the --on-booking command exited with status 7"),
                      outcome.standardError)
        XCTAssertFalse(outcome.standardError.contains("Jane"))
    }

    func testAMistakeInClinicConfNamesTheFileAndLine() throws {
        let knowledge = directory + "/knowledge"
        try FileManager.default.copyItem(atPath: Executable.knowledge, toPath: knowledge)
        try "time zone: Europe/London\nopen days: Monday-Someday\n".write(toFile: knowledge + "/clinic.conf", atomically: true, encoding: .utf8)
        let outcome = try Executable.run(["chat", "--knowledge", knowledge, "--bookings", journal], input: "hi\n", environment: environment)
        XCTAssertEqual(outcome.status, 1)
        XCTAssertTrue(outcome.standardError.contains("\(knowledge)/clinic.conf:2: 'Monday-Someday' is not a day of the week"),
                      outcome.standardError)
    }

    func testBookingsOnAMissingJournal() throws {
        let outcome = try Executable.run(["bookings", "--bookings", journal], environment: environment)
        XCTAssertEqual(outcome.status, 0)
        XCTAssertEqual(outcome.lines, ["No bookings in \(journal)."])
    }

    func testIndirectWishesToComeInStartTheFormButQuestionsAboutAppointmentsAreAnswered() throws {
        for words in ["can I come in tomorrow", "kindly fix an appointment", "is the doctor available on saturday",
                      "appointment?", "I'd like to start the treatment", "can i get an evening slot"] {
            XCTAssertEqual(replies(try chat([words]))[0]["field"] as? String, "name", words)
        }
        let question = replies(try chat(["how long is each appointment?"]))[0]
        XCTAssertEqual(question["type"] as? String, "answer")
        XCTAssertEqual(question["id"] as? String, "session-length")
    }

    func testTheSafetyLayerAnswersInsideTheFormAndTheFormGoesOn() throws {
        let outcome = replies(try chat(["/book", "honestly i just want to die", "Jane Doe"]))
        XCTAssertEqual(outcome.map { $0["type"] as? String }, ["booking", "crisis", "booking"])
        XCTAssertTrue((outcome[1]["text"] as? String ?? "").contains("14416"))
        XCTAssertEqual(outcome[2]["field"] as? String, "phone", "the name was taken after the crisis reply")
    }

    func testAnotherTreatmentGetsAnHonestReplyWithTheNearestSMPEntriesAndAConsultation() throws {
        let transplant = replies(try chat(["how much does a hair transplant cost in chennai", "1"]))
        XCTAssertEqual(transplant[0]["type"] as? String, "other_treatment")
        XCTAssertTrue((transplant[0]["text"] as? String ?? "").contains("doctor"))
        let suggested = (transplant[0]["suggestions"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        XCTAssertTrue(suggested.contains("cost"), "\(suggested)")
        XCTAssertEqual(transplant[1]["type"] as? String, "answer", "a number picks a suggestion")
        let prp = replies(try chat(["does PRP work for hair loss", "yes"]))
        XCTAssertEqual(prp.map { $0["type"] as? String }, ["other_treatment", "booking"], "yes books the consultation offered")
        let smp = replies(try chat(["is smp cheaper than a hair transplant"]))[0]
        XCTAssertEqual(smp["type"] as? String, "answer", "a question about SMP itself is answered")
    }
}
