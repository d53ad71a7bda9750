import Foundation
import XCTest

/// The built `faqbot` driven through pipes, as a script or the website backend would.
final class ChatTests: XCTestCase {
    let knowledge = ["--knowledge", Executable.knowledge]

    func testJSONChatAnswersEveryLineWithOneJSONObject() throws {
        let outcome = try Executable.run(["--json"] + knowledge, input: """
        hello
        how long does smp take to heal?

        how much does it cost in india
        what's the weather like today
        /help
        """)
        XCTAssertEqual(outcome.status, 0, outcome.standardError)
        let replies = outcome.lines.map { Executable.json($0) }
        XCTAssertEqual(replies.map { $0["type"] as? String },
                       ["welcome", "smalltalk", "answer", "answer", "fallback", "help"])
        XCTAssertEqual(replies[2]["id"] as? String, "healing-time")
        XCTAssertEqual(replies[3]["id"] as? String, "cost")
        XCTAssertNotNil(replies[2]["score"] as? Double)
        XCTAssertNotNil(replies[2]["source"] as? String)
    }

    func testEndOfInputEndsTheChatCleanly() throws {
        let outcome = try Executable.run(knowledge, input: "")
        XCTAssertEqual(outcome.status, 0)
        XCTAssertEqual(outcome.lines.count, 1, "only the welcome: \(outcome.standardOutput)")
    }

    func testQuitSaysByeAndStopsReading() throws {
        let outcome = try Executable.run(["--json"] + knowledge, input: "/quit\nhow long to heal\n")
        XCTAssertEqual(outcome.lines.map { Executable.json($0)["type"] as? String }, ["welcome", "bye"])
    }

    func testTextModeThroughAPipePrintsRepliesOnly() throws {
        let outcome = try Executable.run(knowledge, input: "can smp be removed\n")
        XCTAssertEqual(outcome.status, 0)
        XCTAssertFalse(outcome.standardOutput.contains("> "), "no prompt through a pipe")
        XCTAssertTrue(outcome.standardOutput.contains("laser tattoo removal"), outcome.standardOutput)
    }

    func testOverlongAndInvalidLinesGetErrorsAndTheChatGoesOn() throws {
        var input = Data(String(repeating: "x", count: 5000).utf8)
        input.append(contentsOf: [0x0A, 0xFF, 0xFE, 0x0A])
        input.append(Data("can smp be removed\n".utf8))
        // Feed raw bytes from a file: the invalid UTF-8 cannot travel in a Swift String.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("faqbot-bytes-\(UUID().uuidString)")
        try input.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let raw = try Executable.run(["--json", "--max-line", "100"] + knowledge, inputFile: file.path)
        let replies = raw.lines.map { Executable.json($0) }
        XCTAssertEqual(replies.map { $0["type"] as? String }, ["welcome", "error", "error", "answer"], raw.standardOutput)
        XCTAssertEqual(replies[1]["code"] as? String, "line_too_long")
        XCTAssertEqual(replies[2]["code"] as? String, "invalid_utf8")
        XCTAssertEqual(replies[3]["id"] as? String, "removal")
    }

    func testAskPrintsOneReply() throws {
        let outcome = try Executable.run(["ask", "--json"] + knowledge + ["will minoxidil fade my smp?"])
        XCTAssertEqual(outcome.status, 0, outcome.standardError)
        XCTAssertEqual(outcome.lines.count, 1)
        XCTAssertEqual(Executable.json(outcome.lines[0])["id"] as? String, "minoxidil")
    }

    func testAskExplainShowsTheRanking() throws {
        let outcome = try Executable.run(["ask", "--explain"] + knowledge + ["can i use rogaine after smp"])
        XCTAssertEqual(outcome.status, 0)
        XCTAssertTrue(outcome.standardOutput.contains("--- explanation"), outcome.standardOutput)
        XCTAssertTrue(outcome.standardOutput.contains("minoxidil"))
    }

    func testPatientsWordingTyposBrandNamesAndChatSpellingAreUnderstood() throws {
        let expectations = ["hw much is smp": "cost", "can i use rogaine after smp": "minoxidil",
                            "when can i hit the gym after my hair tattoo": "working-out",
                            "can micropigmantation be removed": "removal", "when can i shampo my hair": "washing-hair"]
        for (question, id) in expectations {
            let outcome = try Executable.run(["ask", "--json"] + knowledge + [question])
            let reply = Executable.json(outcome.lines.first ?? "")
            XCTAssertEqual(reply["type"] as? String, "answer", question)
            XCTAssertEqual(reply["id"] as? String, id, question)
        }
    }

    func testCrisesAndComplicationsGetTheirReplyNeverAnFAQEntry() throws {
        // The chat line, so the whole path (safety layer, search, intents, session) runs in one process.
        let messages = [("I want to kill myself", "crisis"), ("im gonna kill myself", "crisis"),
                        ("my hair loss makes me want to kill myself", "crisis"), ("after smp i feel suicidal", "crisis"),
                        ("honestly everyone would be better off without me", "crisis"),
                        ("im having chest pain what do i do", "complication"),
                        ("its been 3 days and there is yellow pus coming from the dots", "complication"),
                        ("is it normal that my scalp is still bleeding a day after smp", "complication"),
                        ("my hair is gone and i can't go on", "crisis"),
                        ("Soon I won't be a problem for anyone", "crisis"),
                        ("I have a knife and I'm going to use it on myself tonight", "crisis"),
                        ("What's the point of living like this", "crisis")]
        let outcome = try Executable.run(["--json"] + knowledge, input: messages.map(\.0).joined(separator: "\n") + "\n")
        let replies = outcome.lines.dropFirst().map { Executable.json($0) }   // after the welcome
        XCTAssertEqual(replies.count, messages.count)
        for ((message, kind), reply) in zip(messages, replies) {
            XCTAssertEqual(reply["type"] as? String, kind, message)
            XCTAssertEqual(reply["id"] as? String, kind, message)
            XCTAssertTrue((reply["text"] as? String ?? "").contains("112"), message)
        }
        // Words of the safety layer used innocently get no safety reply.
        for ordinary in ["this price is to die for", "can i dye my hair after smp", "will there be pus",
                         "What happens if I'm allergic to the pigment?", "can smp cause an infection"] {
            let reply = Executable.json(try Executable.run(["ask", "--json"] + knowledge + [ordinary]).lines.first ?? "")
            XCTAssertFalse(["crisis", "complication"].contains(reply["type"] as? String ?? ""), ordinary)
        }
        // A question about a risk is still a question.
        let question = try Executable.run(["ask", "--json"] + knowledge + ["can smp cause an allergic reaction"])
        XCTAssertEqual(Executable.json(question.lines.first ?? "")["id"] as? String, "side-effects")
        let hair = try Executable.run(["ask", "--json"] + knowledge + ["will the needles kill my hair follicles"])
        XCTAssertEqual(Executable.json(hair.lines.first ?? "")["id"] as? String, "affects-hair-growth")
    }

    func testTheExampleQuestionsOfTheHelpTextAreAnsweredOutright() throws {
        // Whatever staff write under "Example questions:" in messages/help.md must be answered.
        let help = try String(contentsOfFile: Executable.knowledge + "/messages/help.md", encoding: .utf8)
        let examples = help.components(separatedBy: "Example questions:").last?.split(separator: "\n")
            .filter { $0.hasPrefix("- ") }.map { String($0.dropFirst(2)) } ?? []
        XCTAssertGreaterThanOrEqual(examples.count, 3)
        for example in examples {
            let reply = Executable.json(try Executable.run(["ask", "--json"] + knowledge + [example]).lines.first ?? "")
            XCTAssertEqual(reply["type"] as? String, "answer", example)
        }
    }

    func testOffTopicQuestionIsNotAnsweredConfidently() throws {
        for question in ["who won the cricket match", "what is 2+2", "recommend a pizza place"] {
            let outcome = try Executable.run(["ask", "--json"] + knowledge + [question])
            XCTAssertNotEqual(Executable.json(outcome.lines.first ?? "")["type"] as? String, "answer", question)
        }
    }

    func testBundledEvaluationSetMeetsTheQualityBar() throws {
        let outcome = try Executable.run(["eval"] + knowledge + ["--min-accuracy", "0.85", "--min-rejection", "0.9",
                                                                  "--min-answered", "0.8", Executable.knowledge + "/eval.tsv"])
        XCTAssertEqual(outcome.status, 0, outcome.standardOutput + outcome.standardError)
        XCTAssertTrue(outcome.standardOutput.contains("top-1 accuracy (P@1)"))
        XCTAssertTrue(outcome.standardOutput.contains("MRR"))
        XCTAssertTrue(outcome.standardOutput.contains("out-of-domain rejection"))
    }

    func testPatientQuestionSetsMeetTheirMeasuredLevelOnTheHeldOutHalf() throws {
        // Written by people who never saw the knowledge files; the tune half was used to write cues and
        // phrasings, the held half only to measure. The bars sit a little under the measured figures.
        let safety = try Executable.run(["eval"] + knowledge + ["--half", "held", "--min-safety-recall", "0.9",
                                                                 Executable.knowledge + "/eval-safety.tsv"])
        XCTAssertEqual(safety.status, 0, safety.standardOutput + safety.standardError)
        let falseAlarms = safety.lines.first { $0.hasPrefix("ordinary ") } ?? ""
        XCTAssertLessThanOrEqual(Int(falseAlarms.split(separator: " ").map(String.init).dropFirst(3).first ?? "") ?? 99, 3,
                       "at most three ordinary messages of 48 get a safety reply: \(falseAlarms)")
        let patients = try Executable.run(["eval"] + knowledge + ["--half", "held", "--min-answered", "0.75", "--min-rejection", "0.85",
                                                                   Executable.knowledge + "/eval-patients.tsv"])
        XCTAssertEqual(patients.status, 0, patients.standardOutput + patients.standardError)
    }

    func testEvalFailsUnderTheMinimumAndListsMisses() throws {
        let file = try temporaryFile("question\texpected_id\nhow long to heal\tcost\nweather today\t-\n")
        let outcome = try Executable.run(["eval"] + knowledge + ["--min-accuracy", "0.5", file])
        XCTAssertEqual(outcome.status, 1)
        XCTAssertTrue(outcome.standardOutput.contains("wrong  line 2: how long to heal\n      expected cost, got answer healing-time"),
                      outcome.standardOutput)
    }

    func testEvalRejectsUnknownExpectedID() throws {
        let file = try temporaryFile("how long to heal\thealing-time\nwhat\tno-such-entry\n")
        let outcome = try Executable.run(["eval"] + knowledge + [file])
        XCTAssertEqual(outcome.status, 1)
        XCTAssertTrue(outcome.standardError.contains(":2: no entry has the id 'no-such-entry'"), outcome.standardError)
    }

    func testUnknownFlagAndCommandAreUsageErrors() throws {
        let flag = try Executable.run(["--frobnicate"] + knowledge)
        XCTAssertEqual(flag.status, 2)
        XCTAssertTrue(flag.standardError.contains("unknown option '--frobnicate'"))
        XCTAssertTrue(flag.standardError.contains("Usage:"))
        let command = try Executable.run(["frobnicate"])
        XCTAssertEqual(command.status, 2)
        XCTAssertTrue(command.standardError.contains("unknown command"))
        let missingValue = try Executable.run(["ask", "--knowledge"])
        XCTAssertEqual(missingValue.status, 2)
        let badNumber = try Executable.run(["ask", "--answer-threshold", "2", "x"] + knowledge)
        XCTAssertEqual(badNumber.status, 2)
    }

    func testEveryCommandHasHelp() throws {
        for command in [[], ["chat"], ["ask"], ["eval"]] {
            let outcome = try Executable.run(command + ["--help"])
            XCTAssertEqual(outcome.status, 0, "\(command)")
            XCTAssertTrue(outcome.standardOutput.contains("Usage: faqbot"), "\(command)")
        }
    }

    func testMissingKnowledgeDirectoryIsAClearError() throws {
        let outcome = try Executable.run(["ask", "--knowledge", "/nonexistent/kb", "hello"])
        XCTAssertEqual(outcome.status, 1)
        XCTAssertTrue(outcome.standardError.contains("/nonexistent/kb: no such file or directory"), outcome.standardError)
    }

    func testMalformedKnowledgeFileIsNamedWithItsLine() throws {
        let directory = try copyOfKnowledge()
        try "id: cost\nquestion: How much?\nprice 100\n\nanswer".write(toFile: directory + "/entries/cost.md", atomically: true, encoding: .utf8)
        let outcome = try Executable.run(["ask", "--knowledge", directory, "how much"])
        XCTAssertEqual(outcome.status, 1)
        XCTAssertTrue(outcome.standardError.contains(directory + "/entries/cost.md:3:"), outcome.standardError)
        XCTAssertTrue(outcome.standardOutput.isEmpty, "nothing half-loaded is used")
    }

    func testKnowledgeFromTheEnvironment() throws {
        var environment = ProcessInfo.processInfo.environment
        environment["FAQBOT_KNOWLEDGE"] = "/nonexistent/from-env"
        let outcome = try Executable.run(["ask", "hello"], environment: environment)
        XCTAssertEqual(outcome.status, 1)
        XCTAssertTrue(outcome.standardError.contains("/nonexistent/from-env"), outcome.standardError)
    }

    func testStaffCanAddAnEntryAndASynonym() throws {
        let directory = try copyOfKnowledge()
        try """
        id: parking
        question: Is there parking at the clinic?
        also: Where can I park?

        Yes, the clinic has free parking for patients.
        """.write(toFile: directory + "/entries/parking.md", atomically: true, encoding: .utf8)
        let synonyms = try String(contentsOfFile: directory + "/synonyms.txt", encoding: .utf8)
        try (synonyms + "\nparking, car park, garage\n").write(toFile: directory + "/synonyms.txt", atomically: true, encoding: .utf8)
        let outcome = try Executable.run(["ask", "--json", "--knowledge", directory, "is there a car park at the clinic"])
        XCTAssertEqual(Executable.json(outcome.lines.first ?? "")["id"] as? String, "parking", outcome.standardOutput)
    }

    // MARK: - Helpers

    func temporaryFile(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("faqbot-\(UUID().uuidString).tsv")
        try text.write(to: url, atomically: true, encoding: .utf8)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url.path
    }

    func copyOfKnowledge() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("faqbot-kb-\(UUID().uuidString)")
        try FileManager.default.copyItem(atPath: Executable.knowledge, toPath: url.path)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url.path
    }
}
