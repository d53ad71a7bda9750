import FAQSearch
import XCTest

/// `related:` lines of entry files: parsed in order, and each must name another existing entry.
final class RelatedEntriesTests: XCTestCase {
    let required: [KnowledgeBase.File] = ["welcome", "fallback", "clarify", "help"].map {
        ("messages/\($0).md", "id: \($0)\nquestion: text\n\nThe \($0) text.")
    } + KnowledgeBase.requiredIntents.map {
        let cue = KnowledgeBase.safetyIntents.contains($0) ? "cue: \($0) words\n" : ""
        return ("intents/\($0).md", "id: \($0)\nquestion: text\n\(cue)\nThe \($0) reply.")
    }

    func files(removal: String) -> [KnowledgeBase.File] {
        required + [("entries/removal.md", removal),
                    ("entries/cost.md", "id: cost\nquestion: How much?\n\nINR 15k."),
                    ("entries/lasts.md", "id: lasts\nquestion: How long does it last?\n\n4 to 6 years.")]
    }

    func error(removal: String) -> String? {
        do {
            _ = try KnowledgeBase.parse(files: files(removal: removal), directory: "kb")
            return nil
        } catch {
            return error.description
        }
    }

    func testRelatedEntriesAreReadInOrder() throws {
        let base = try KnowledgeBase.parse(files: files(removal: "id: removal\nquestion: Can it be removed?\nrelated: lasts\nrelated: cost\n\nYes."),
                                           directory: "kb")
        XCTAssertEqual(base.entries.first { $0.id == "removal" }?.related, ["lasts", "cost"])
        XCTAssertEqual(base.entries.first { $0.id == "cost" }?.related, [])
    }

    func testAnUnknownSelfOrRepeatedRelatedEntryNamesTheFileAndLine() {
        XCTAssertEqual(error(removal: "id: removal\nquestion: Can it be removed?\nalso: undo?\nrelated: price\n\nYes."),
                       "kb/entries/removal.md:4: no entry has the id 'price' (related: names another entry's id, its file name without .md)")
        XCTAssertEqual(error(removal: "id: removal\nquestion: Can it be removed?\nrelated: removal\n\nYes."),
                       "kb/entries/removal.md:3: an entry cannot be related to itself")
        XCTAssertEqual(error(removal: "id: removal\nquestion: Can it be removed?\nrelated: cost\nrelated: cost\n\nYes."),
                       "kb/entries/removal.md:4: 'cost' is already named on an earlier related: line")
    }
}
