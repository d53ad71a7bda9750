import Foundation
import XCTest

/// Knowledge files that are too large, not UTF-8, or cannot be listed (issue 10, item 8).
final class KnowledgeLimitsTests: XCTestCase {
    func copyOfKnowledge() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("faqbot-kb-limits-\(UUID().uuidString)")
        try FileManager.default.copyItem(atPath: Executable.knowledge, toPath: url.path)
        addTeardownBlock {
            chmod(url.path + "/entries", 0o755)
            chmod(url.path + "/intents", 0o755)
            try? FileManager.default.removeItem(at: url)
        }
        return url.path
    }

    func testBadUTF8NamesTheFileAndTheLine() throws {
        let directory = try copyOfKnowledge()
        var bytes = Array("id: cost\nquestion: How much?\n\nThe price is ".utf8) + [0xFF, 0xFE] + Array(" rupees.\n".utf8)
        bytes += Array("More text.\n".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: directory + "/entries/cost.md"))
        let outcome = try Executable.run(["ask", "--knowledge", directory, "how much"])
        XCTAssertEqual(outcome.status, 1)
        XCTAssertTrue(outcome.standardError.contains(directory + "/entries/cost.md:4: not valid UTF-8"), outcome.standardError)
    }

    func testAnErrorQuotingAFileShowsItsControlCharactersEscaped() throws {
        let directory = try copyOfKnowledge()
        try "id: cost\nquestion: How much?\n\u{1B}]0;pwned\u{7}\u{1B}[2J\n\nThe price.".write(
            toFile: directory + "/entries/cost.md", atomically: true, encoding: .utf8)
        let outcome = try Executable.run(["ask", "--knowledge", directory, "how much"])
        XCTAssertEqual(outcome.status, 1)
        XCTAssertTrue(outcome.standardError.contains(#"found '\u{1B}]0;pwned\u{7}\u{1B}[2J'"#), outcome.standardError)
        XCTAssertFalse(outcome.standardError.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{7}" })
    }

    func testAFiftyMegabyteEntryIsRefusedWithItsSize() throws {
        let directory = try copyOfKnowledge()
        let path = directory + "/entries/huge.md"
        FileManager.default.createFile(atPath: path, contents: Data("id: huge\nquestion: Huge?\n\n".utf8))
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 50 << 20)  // sparse: 50 MB without writing them
        try handle.close()
        let outcome = try Executable.run(["ask", "--knowledge", directory, "how much"])
        XCTAssertEqual(outcome.status, 1)
        XCTAssertTrue(outcome.standardError.contains(path + ": cannot be read: the file is 52428800 bytes; a knowledge file of this kind may have at most 262144 bytes"),
                      outcome.standardError)
    }

    /// `faqbot ask` as the user 'nobody' on a copy of the knowledge whose `folder` cannot be listed.
    /// Root reads anything; the server runs as an ordinary user, so faqbot runs as 'nobody'.
    func askAsNobody(withUnlistable folder: String, _ question: String) throws -> (directory: String, outcome: Executable.Outcome) {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else {
            throw XCTSkip("needs root and setpriv to run faqbot as another user")
        }
        let directory = try copyOfKnowledge()
        XCTAssertEqual(chmod(directory, 0o755), 0)
        XCTAssertEqual(chmod(directory + "/" + folder, 0o000), 0)
        let outcome = try Executable.run(["--reuid=65534", "--regid=65534", "--clear-groups", Executable.path, "ask",
                                          "--encoder", "off", "--knowledge", directory, question],
                                         executable: "/usr/bin/setpriv")
        return (directory, outcome)
    }

    func testAnEntriesFolderThatCannotBeListedIsAPermissionErrorNotMissing() throws {
        let (directory, outcome) = try askAsNobody(withUnlistable: "entries", "how much")
        XCTAssertEqual(outcome.status, 1)
        XCTAssertTrue(outcome.standardError.contains(directory + "/entries: cannot be read: permission denied"),
                      outcome.standardError)
        XCTAssertFalse(outcome.standardError.contains("no such file"), outcome.standardError)
    }

    func testKnowledgeWithoutItsSafetyIntentsRefusesToStartNamingWhatIsMissing() throws {
        // Issue 10, item 3: without them "I want to kill myself" would get the fallback.
        let directory = try copyOfKnowledge()
        try FileManager.default.removeItem(atPath: directory + "/intents/crisis.md")
        let withoutCrisis = try Executable.run(["ask", "--knowledge", directory, "I want to kill myself"])
        XCTAssertEqual(withoutCrisis.status, 1)
        XCTAssertTrue(withoutCrisis.standardError.contains("the file intents/crisis.md is missing"), withoutCrisis.standardError)
        XCTAssertEqual(withoutCrisis.standardOutput, "")
        try FileManager.default.removeItem(atPath: directory + "/intents")
        let withoutIntents = try Executable.run(["ask", "--knowledge", directory, "I want to kill myself"])
        XCTAssertEqual(withoutIntents.status, 1)
        XCTAssertTrue(withoutIntents.standardError.contains(directory + "/intents: no such file or directory"),
                      withoutIntents.standardError)
    }

    func testAnIntentsFolderThatCannotBeListedIsAnErrorNeverSkipped() throws {
        let (directory, outcome) = try askAsNobody(withUnlistable: "intents", "I want to die")
        XCTAssertEqual(outcome.status, 1)
        XCTAssertTrue(outcome.standardError.contains(directory + "/intents: cannot be read: permission denied"), outcome.standardError)
    }
}
