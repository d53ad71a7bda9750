import FAQSearch
import XCTest

final class KnowledgeBaseTests: XCTestCase {
    let messages: [KnowledgeBase.File] = ["welcome", "fallback", "clarify", "help"].map {
        ("messages/\($0).md", "id: \($0)\nquestion: text\n\nThe \($0) text.")
    }

    /// The intents every knowledge directory needs; the safety ones with one cue each.
    let intents: [KnowledgeBase.File] = KnowledgeBase.requiredIntents.map {
        let cue = KnowledgeBase.safetyIntents.contains($0) ? "cue: \($0) words\n" : ""
        return ("intents/\($0).md", "id: \($0)\nquestion: text\n\(cue)\nThe \($0) reply.")
    }

    func parse(_ files: [KnowledgeBase.File]) throws -> KnowledgeBase {
        try KnowledgeBase.parse(files: files + messages + intents, directory: "kb")
    }

    func error(_ files: [KnowledgeBase.File]) -> String? {
        do {
            _ = try parse(files)
            return nil
        } catch {
            return (error as? KnowledgeError)?.description ?? "\(error)"
        }
    }

    func testParsesEntryWithAlternativesAndMultiParagraphAnswer() throws {
        let base = try parse([("entries/heal.md", """
        # a comment
        id: heal
        question: How long does it take to heal?
        also: Recovery time?
        also: When am I healed?

        First paragraph.

        - a bullet
        """)])
        XCTAssertEqual(base.entries, [Entry(id: "heal", question: "How long does it take to heal?",
                                            alternatives: ["Recovery time?", "When am I healed?"],
                                            answer: "First paragraph.\n\n- a bullet")])
        XCTAssertEqual(base.messages["fallback"], "The fallback text.")
    }

    func testUnknownKeyNamesFileAndLine() {
        XCTAssertEqual(error([("entries/a.md", "id: a\nquestoin: typo\n\nanswer")]),
                       "kb/entries/a.md:2: unknown key 'questoin'; known keys are 'also:', 'id:', 'question:', 'related:'")
    }

    func testASecondIDOrQuestionLineIsAnError() {
        XCTAssertEqual(error([("entries/a.md", "id: a\nquestion: q\nid: b\n\nanswer")]),
                       "kb/entries/a.md:3: a second 'id:' line (the first is on line 1); a file has one id")
        XCTAssertEqual(error([("entries/a.md", "id: a\nquestion: q\nalso: r\nquestion: s\n\nanswer")]),
                       "kb/entries/a.md:4: a second 'question:' line (the first is on line 2); a file has one question")
        XCTAssertNil(error([("entries/a.md", "id: a\nquestion: q\nalso: r\nalso: s\n\nanswer")]))
    }

    func testAnAnswerOverTheSizeLimitIsAnError() {
        let huge = String(repeating: "Word ", count: Record.maximumBodyBytes / 5 + 1)
        XCTAssertEqual(error([("entries/a.md", "id: a\nquestion: q\n\n" + huge)]),
                       "kb/entries/a.md:4: the text is \(huge.utf8.count - 1) bytes; an answer may have at most 65536")
    }

    func testLineWithoutColonNamesFileAndLine() {
        XCTAssertEqual(error([("entries/a.md", "id: a\nquestion: q\nno colon here\n\nanswer")])?.hasPrefix("kb/entries/a.md:3: expected 'key: value'"), true)
    }

    func testMissingQuestionIsAnError() {
        XCTAssertEqual(error([("entries/a.md", "id: a\n\nanswer")]), "kb/entries/a.md:1: the header has no 'question:' line")
    }

    func testEmptyAnswerIsAnError() {
        XCTAssertEqual(error([("entries/a.md", "id: a\nquestion: q\n")])?.hasPrefix("kb/entries/a.md:"), true)
    }

    func testIDMustMatchFileName() {
        XCTAssertEqual(error([("entries/a.md", "id: b\nquestion: q\n\nanswer")]),
                       "kb/entries/a.md:1: the id 'b' does not match the file name 'a.md'")
    }

    func testInvalidIDCharacters() {
        XCTAssertEqual(error([("entries/A b.md", "id: A b\nquestion: q\n\nanswer")])?.contains("may only have"), true)
    }

    func testMissingMessageFileIsNamed() {
        XCTAssertThrowsError(try KnowledgeBase.parse(files: [("entries/a.md", "id: a\nquestion: q\n\nanswer")], directory: "kb")) {
            XCTAssertEqual(($0 as? KnowledgeError)?.description, "kb: the file messages/welcome.md is missing")
        }
    }

    func testNoEntriesIsAnError() {
        XCTAssertEqual(error([]), "kb/entries: the knowledge base has no entries")
    }

    func testSynonymsParseAndBadLinesAreNamed() throws {
        XCTAssertEqual(try KnowledgeBase.parseSynonyms("# comment\nsmp, scalp micropigmentation  # trailing\n\nrogaine,minoxidil\n", file: "s.txt"),
                       [["smp", "scalp micropigmentation"], ["rogaine", "minoxidil"]])
        XCTAssertThrowsError(try KnowledgeBase.parseSynonyms("a, b\nlonely\n", file: "s.txt")) {
            XCTAssertEqual(($0 as? KnowledgeError)?.description,
                           "s.txt:2: a synonym group needs at least two members separated by commas")
        }
        XCTAssertThrowsError(try KnowledgeBase.parseSynonyms("a,,b\n", file: "s.txt"))
        XCTAssertEqual(try KnowledgeBase.parseSynonyms("a, b\r\nc, d\r\n", file: "s.txt"), [["a", "b"], ["c", "d"]])
        XCTAssertEqual(KnowledgeBase.parseWordList("hair\r\nscalp\r\n"), ["hair", "scalp"])
        XCTAssertEqual(KnowledgeBase.parseWordList("# a comment line\nHair scalp\n\tSMP  Café\n#x y\n"),
                       ["hair", "scalp", "smp", "café"])
    }

    func testTSVImportAndErrors() throws {
        let entries = try TSVKnowledge.entries(from: "id\tquestion\tanswer\nq1\tWhat?\tThis \"quoted\".\n", file: "f.tsv")
        XCTAssertEqual(entries, [Entry(id: "q1", question: "What?", answer: "This \"quoted\".")])
        XCTAssertThrowsError(try TSVKnowledge.entries(from: "id\tquestion\tanswer\nq1\tonly two\n", file: "f.tsv")) {
            XCTAssertEqual(($0 as? KnowledgeError)?.description, "f.tsv:2: expected 3 tab-separated columns, found 2")
        }
        XCTAssertThrowsError(try TSVKnowledge.entries(from: "key\tquestion\tanswer\n", file: "f.tsv")) {
            XCTAssertEqual(($0 as? KnowledgeError)?.description.hasPrefix("f.tsv:1: the header must name"), true)
        }
        XCTAssertThrowsError(try TSVKnowledge.entries(from: "id\tquestion\tanswer\na\tq\tx\na\tq\ty\n", file: "f.tsv")) {
            XCTAssertEqual(($0 as? KnowledgeError)?.description, "f.tsv:3: the id 'a' is already used by f.tsv:2")
        }
    }

    func testTrimmingDropsLineBreaksOfAnyKind() {
        XCTAssertEqual("  text \r\n\n\t".trimmingCharacters(in: " \t\r\n"), "text")
        XCTAssertEqual("\u{FEFF}id: x\r\n".trimmingCharacters(in: " \t\r\n\u{FEFF}"), "id: x")
        XCTAssertEqual(" \n ".trimmingCharacters(in: " \n"), "")
    }

    func testTrimmingKeepsALineThatStartsAndEndsWithAnASCIIByteOutsideTheSetWhole() {
        let set = " \t\r\n"
        for (text, trimmed) in [("does it hurt?", "does it hurt?"), ("a", "a"), ("a \t b", "a \t b"), ("é? ", "é?"),
                                (" e\u{301}", "e\u{301}"), ("\u{0600}1", "\u{0600}1"), ("x\u{301}", "x\u{301}"), ("", "")] {
            XCTAssertEqual(text.trimmingCharacters(in: set), trimmed, text)
            XCTAssertEqual(text[...].trimmingCharacters(in: set), trimmed, "substring: " + text)
        }
        // A combining mark on a space belongs to the space's character, which then stays.
        XCTAssertEqual("ab \u{301}".trimmingCharacters(in: set), "ab \u{301}")
    }

    func testAnswerHasNoTrailingLineBreak() throws {
        let base = try parse([("entries/a.md", "id: a\r\nquestion: q\r\n\r\nThe answer.\r\n\r\n")])
        XCTAssertEqual(base.entries.first?.answer, "The answer.")
        XCTAssertEqual(base.messages["welcome"], "The welcome text.")
    }

    func testMissingSafetyIntentsStopLoadingAndNameTheFile() {
        let withoutCrisis = intents.filter { $0.path != "intents/crisis.md" }
        XCTAssertThrowsError(try KnowledgeBase.parse(files: [("entries/a.md", "id: a\nquestion: q\n\nanswer")] + messages + withoutCrisis,
                                                     directory: "kb")) {
            XCTAssertEqual(($0 as? KnowledgeError)?.description, "kb: the file intents/crisis.md is missing")
        }
        let withoutCues = intents.map { $0.path == "intents/complication.md" ? ($0.path, "id: complication\nquestion: q\n\nreply") : $0 }
        XCTAssertThrowsError(try KnowledgeBase.parse(files: [("entries/a.md", "id: a\nquestion: q\n\nanswer")] + messages + withoutCues,
                                                     directory: "kb")) {
            XCTAssertEqual(($0 as? KnowledgeError)?.description,
                           "kb/intents/complication.md:1: the safety intent 'complication' needs 'cue:' lines (what to look for in a message)")
        }
    }

    func testOnlySafetyIntentsTakeTheSafetyKeys() throws {
        let base = try parse([("entries/a.md", "id: a\nquestion: q\n\nanswer"),
                              ("intents/other-treatment.md", "id: other-treatment\nquestion: q\ncue: prp\nunless: smp\n\nreply")])
        XCTAssertNotNil(base.cueRules["other-treatment"])
        XCTAssertEqual(base.safetyRules.map(\.id), ["crisis", "complication"])
        XCTAssertThrowsError(try parse([("entries/a.md", "id: a\nquestion: q\n\nanswer"),
                                        ("intents/greeting.md", "id: greeting\nquestion: q\nalarm: fire\n\nreply")])) {
            XCTAssertTrue(($0 as? KnowledgeError)?.description.hasPrefix("kb/intents/greeting.md:3: unknown key 'alarm'") == true,
                          "\($0)")
        }
    }
}
