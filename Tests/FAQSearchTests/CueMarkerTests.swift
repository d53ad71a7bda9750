import FAQSearch
import XCTest

/// `CueMarker` marks a message once for several rules, and every rule matches it exactly as when it
/// is marked by a marker of that rule alone.
final class CueMarkerTests: XCTestCase {
    let dictionary: Set<String> = ["never", "fever", "myself", "kill", "bleeding", "hair"]

    func rule(_ id: String, _ lines: String) throws -> CueRule {
        let record = try Record.parse("id: \(id)\nquestion: q\n" + lines + "\nreply", file: "\(id).md",
                                      allowedKeys: Set(["id", "question"]).union(CueRule.keys).union(CueRule.plainKeys))
        return try CueRule(record: record, id: id)
    }

    func testEveryRuleMatchesAMarkedMessageAsItsOwnIndexDoes() throws {
        let rules = [
            try rule("crisis", "cue: kill myself\ncue: took|swallowed # pills\nalarm: suicid*\nnegation: no|not\n"),
            // "fevar" is a word of this rule, so here it is never read as a typo of "fever"...
            try rule("spelt", "cue: fevar now\ncue: fever\nexcept: fever dream\n"),
            // ...but here it is.
            try rule("typo", "cue: fever\ncue: dying hair\nunless: price\nalways: dye my hair\n"),
        ]
        let marker = CueMarker(rules: rules)
        let messages = [
            "fevar", "fevar now", "i have a feaver", "I never had a fever dream", "kill myslf", "no kill myself",
            "I swallowed 20 pills", "feeling suicidal", "dying hair, price?", "can i dye my hair, price", "",
            "Fever! but not now; kill myself 3 times", "micropigmantaton fever",
        ]
        var matched = 0
        for message in messages {
            let text = CueText(message, dictionary: dictionary)
            let marked = marker.mark(text)
            for rule in rules {
                XCTAssertEqual(rule.match(marked), rule.match(text), "\(rule.id): \(message)")
                if rule.match(text) != nil { matched += 1 }
            }
        }
        XCTAssertEqual(rules[1].match(marker.mark(CueText("fevar", dictionary: dictionary))), nil)
        XCTAssertEqual(rules[2].match(marker.mark(CueText("fevar", dictionary: dictionary))), "fever")
        XCTAssertGreaterThan(matched, 8, "the messages exercise the rules")
    }

    func testAPrefixMatchesTheWordsThatStartWithItAsHasPrefixTells() throws {
        // ASCII words and prefixes are compared by their bytes, others by characters: "मरा" does not
        // start with the characters "मर" (its last character is "रा", with a vowel sign the tokenizer
        // keeps), though its bytes do.
        let rule = try rule("prefix", "cue: suicid*\ncue: मर*\n")
        let marker = CueMarker(rules: [rule])
        let expected: [(String, String?)] = [
            ("suicidal", "suicid*"), ("suicid", "suicid*"), ("suicide!", "suicid*"), ("suici", nil), ("a suicidal thought", "suicid*"),
            ("isuicidal", nil), ("मरना", "मर*"), ("मर", "मर*"), ("मरा", nil), ("म", nil),
        ]
        for (message, phrase) in expected {
            XCTAssertEqual(rule.match(marker.mark(CueText(message, dictionary: dictionary))), phrase, message)
        }
        XCTAssertFalse("मरा".hasPrefix("मर"))
        XCTAssertTrue("मरा".utf8.starts(with: "मर".utf8))
    }

    func testARuleTheMarkerDoesNotKnowIsMarkedByItsOwnIndex() throws {
        let marker = CueMarker(rules: [try rule("crisis", "cue: kill myself\n")])
        let other = try rule("crisis", "cue: bleeding now\ncue: kill myself\n")
        let text = CueText("bleeding now", dictionary: dictionary)
        XCTAssertEqual(other.match(marker.mark(text)), "bleeding now")
        XCTAssertEqual(SafetyCheck(rules: [other]).match(marker.mark(text))?.id, "crisis")
    }

    func testPrefixesOfOtherScriptsAreFoundByTheirFirstLetter() throws {
        let rule = try rule("crisis", "cue: मर*\ncue: 한국*\ncue: die*\n")
        let marker = CueMarker(rules: [rule])
        func matches(_ message: String) -> Bool { rule.match(marker.mark(CueText(message, dictionary: dictionary))) != nil }
        XCTAssertTrue(matches("मैं मरना चाहता हूँ"))
        XCTAssertFalse(matches("मुझे क्या करना है"), "another first letter")
        XCTAssertTrue(matches("한국어"), "a precomposed prefix matches the tokenizer's decomposed word")
        XCTAssertTrue(matches("dieing"))
        XCTAssertFalse(matches("hindi: रमना"), "the same letters in another order")
    }
}
