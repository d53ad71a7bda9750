import FAQSearch
import XCTest

/// The cue language of intent files, rule by rule, on hand-written rules.
final class CueRuleTests: XCTestCase {
    let dictionary: Set<String> = ["never", "fever", "myself", "kill", "bleeding", "hair", "price", "fluid", "swell"]

    func rule(_ lines: String) throws -> CueRule {
        let record = try Record.parse("id: test\nquestion: q\n" + lines + "\nreply", file: "test.md",
                                      allowedKeys: Set(["id", "question"]).union(CueRule.keys).union(CueRule.plainKeys))
        return try CueRule(record: record, id: "test")
    }

    func matches(_ rule: CueRule, _ message: String) -> Bool {
        rule.match(CueText(message, dictionary: dictionary)) != nil
    }

    func testUnlikeLinesAreCounterExamplesNotCues() throws {
        let cue = try rule("cue: kill myself\nunlike: ugh I hate my bald spot\nunlike: the price is killing me\n")
        XCTAssertEqual(cue.counterExamples, ["ugh I hate my bald spot", "the price is killing me"])
        XCTAssertFalse(matches(cue, "ugh I hate my bald spot"), "a counter-example is not a cue")
        XCTAssertTrue(matches(cue, "i want to kill myself"))
    }

    func testWordsMatchInOrderWithAtMostTwoWordsBetween() throws {
        let cue = try rule("cue: want die\n")
        XCTAssertTrue(matches(cue, "I want to die"))
        XCTAssertTrue(matches(cue, "i want to really die"))
        XCTAssertFalse(matches(cue, "i want it to be over so i die"), "three words between")
        XCTAssertFalse(matches(cue, "die? I want to know"), "order matters")
        XCTAssertFalse(matches(cue, "I want a cure. Die hard fans"), "never across sentences")
    }

    func testAlternativesPrefixesNumbersAndOtherFormsOfAWord() throws {
        let cue = try rule("cue: took|swallowed # pills|tablets\ncue: suicid*\ncue: cut myself\n")
        XCTAssertTrue(matches(cue, "I swallowed 20 tablets"))
        XCTAssertFalse(matches(cue, "I swallowed the tablets"), "# needs a number")
        XCTAssertTrue(matches(cue, "feeling suicidal lately"))
        XCTAssertTrue(matches(cue, "I have been cutting myself"), "same stem as cut")
    }

    func testTyposMatchButNeverAnotherCorrectlySpeltWord() throws {
        let cue = try rule("cue: kill myself\ncue: fever\ncue: micropigmentation\n")
        XCTAssertTrue(matches(cue, "kill myslf"), "one edit away")
        XCTAssertTrue(matches(cue, "i have a feaver"))
        XCTAssertTrue(matches(cue, "micropigmantaton"), "two edits in a long word")
        XCTAssertFalse(matches(cue, "i never had it"), "'never' is a word of its own, not a typo of 'fever'")
    }

    func testExceptPhrasesAreSetAsideFirst() throws {
        let cue = try rule("cue: want|like die|dying\nexcept: dying hair\n")
        XCTAssertTrue(matches(cue, "i feel like dying"))
        XCTAssertFalse(matches(cue, "i would like dying hair black"))
        XCTAssertTrue(cue.hasException(CueText("i would like dying hair black", dictionary: dictionary)))
        XCTAssertFalse(cue.hasException(CueText("i feel like dying", dictionary: dictionary)))
    }

    func testNegationJustBeforeASignCancelsIt() throws {
        let cue = try rule("cue: fever\nnegation: no|not|without\n")
        XCTAssertFalse(matches(cue, "no fever at all"))
        XCTAssertFalse(matches(cue, "I do not have a fever"))
        XCTAssertTrue(matches(cue, "no idea why but i have a fever"), "'but' starts a new clause")
        XCTAssertTrue(matches(cue, "no sleep last night and now fever"), "more than three words away")
    }

    func testQuestionsAboutWhatCouldHappenCountOnlyForAlarms() throws {
        let cue = try rule("""
        alarm: cant breathe
        cue: fever
        hypothetical: can|will|is
        state: my is|are
        state: still

        """)
        XCTAssertFalse(matches(cue, "can smp cause a fever?"))
        XCTAssertTrue(matches(cue, "I have a fever"))
        XCTAssertTrue(matches(cue, "is it normal that my head is hot and i still have a fever"), "a state wins")
        XCTAssertTrue(matches(cue, "what if i cant breathe"), "an alarm always counts")
        XCTAssertTrue(matches(cue, "will it pass, i got a fever"), "the second clause describes now")
        XCTAssertTrue(cue.onlyAsksWhatCouldHappen(CueText("will i get a fever", dictionary: dictionary)))
    }

    func testAStatePhraseAfterAQuestionWordStillAsks() throws {
        let cue = try rule("""
        cue: fever
        hypothetical: will|can|is
        state: i have|feel

        """)
        XCTAssertFalse(matches(cue, "can i have a fever after smp"), "'can i have' asks")
        XCTAssertFalse(matches(cue, "will i feel fever"))
        XCTAssertTrue(matches(cue, "is it normal, i have a fever"), "'i have' after a comma describes now")
        XCTAssertTrue(matches(cue, "is it normal that i have a fever"), "'that i have' describes now")
    }

    func testATypoKeepsTheFirstLetter() throws {
        let cue = try rule("cue: marna\ncue: fever\n")
        XCTAssertTrue(matches(cue, "mujhe marrna hai"), "one edit away, same first letter")
        XCTAssertFalse(matches(cue, "consultation book karna hai"), "'karna' (to do) is not a typo of 'marna' (to die)")
        XCTAssertFalse(matches(cue, "i have a lever"), "a changed first letter is another word")
    }

    func testAskingPhrasesMakeAClauseAQuestionWhereverTheyStand() throws {
        let cue = try rule("""
        cue: painful
        asking: want|wants to know
        asking: scared|afraid of
        state: my is|are

        """)
        XCTAssertFalse(matches(cue, "my wife wants to know if it is painful"))
        XCTAssertFalse(matches(cue, "honestly scared of it being painful"))
        XCTAssertTrue(matches(cue, "it is painful"))
        XCTAssertTrue(matches(cue, "scared of it as my scalp is painful"), "a state wins")
        XCTAssertTrue(cue.onlyAsksWhatCouldHappen(CueText("she wants to know if it is painful", dictionary: dictionary)))
    }

    func testSignsCountOnlyWithASeverityNearby() throws {
        let cue = try rule("sign: bleeding|red\nseverity: wont stop\nseverity: spreading\n")
        XCTAssertFalse(matches(cue, "my scalp is a bit red"))
        XCTAssertTrue(matches(cue, "the bleeding won't stop"))
        XCTAssertTrue(matches(cue, "the red patch on my scalp is spreading"))
        XCTAssertFalse(matches(cue, "red dots on my head. a rumour is spreading at work"), "another sentence")
    }

    func testUnlessVetoesTheWholeRuleButNotItsAlwaysLines() throws {
        let cue = try rule("cue: transplant cost|price\nalways: dye my hair\nunless: smp\n")
        XCTAssertTrue(matches(cue, "how much does a hair transplant cost"))
        XCTAssertFalse(matches(cue, "is smp cheaper, a transplant cost me a lakh"))
        XCTAssertTrue(matches(cue, "can i dye my hair after smp"), "an always: line counts despite the veto")
    }

    func testMalformedCueLinesNameTheirLine() {
        XCTAssertThrowsError(try rule("cue: want die\ncue: !!!\n")) {
            XCTAssertEqual(($0 as? KnowledgeError)?.description, "test.md:4: 'cue:' needs at least one word (letters or digits)")
        }
        XCTAssertThrowsError(try rule("sign: red\n")) {
            XCTAssertEqual(($0 as? KnowledgeError)?.description, "test.md:3: 'sign:' lines count only with a 'severity:' line; add one")
        }
        XCTAssertThrowsError(try rule("negation: no\n")) {
            XCTAssertTrue(($0 as? KnowledgeError)?.description.contains("at least one 'cue:'") == true)
        }
    }

    func testSafetyRulesAreTriedInOrder() throws {
        let crisis = try rule("cue: kill myself\n")
        let record = try Record.parse("id: complication\nquestion: q\ncue: bleeding\n\nreply", file: "c.md",
                                      allowedKeys: ["id", "question", "cue"])
        let rules = [crisis, try CueRule(record: record, id: "complication")]
        let check = SafetyCheck(rules: rules), marker = CueMarker(rules: rules)
        func match(_ message: String) -> SafetyCheck.Match? { check.match(marker.mark(CueText(message, dictionary: dictionary))) }
        XCTAssertEqual(match("the bleeding makes me want to kill myself")?.id, "test")
        XCTAssertEqual(match("there is bleeding")?.id, "complication")
        XCTAssertNil(match("how much is it"))
    }
}
