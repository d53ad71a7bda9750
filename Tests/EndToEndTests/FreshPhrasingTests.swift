import XCTest

/// Lines from the fresh tune set that once got the wrong kind of reply, through one chat (pipes, the
/// bundled knowledge, the sentence encoder on as by default).
final class FreshPhrasingTests: XCTestCase {
    func testEachLineGetsTheRightKindOfReply() throws {
        let cases: [(line: String, check: (String, String) -> Bool, expected: String)] = [
            ("I'm standing on the bridge right now. Just wanted to talk to someone.", { type, _ in type == "crisis" }, "crisis"),
            ("i got smp yesterday and now im wheezing", { type, _ in type == "complication" }, "complication"),
            ("lymph nodes on my neck are sore and swollen 3 days after smp", { type, _ in type == "complication" }, "complication"),
            ("consultation book karna hai", { type, _ in type == "booking" }, "booking, not crisis ('karna' is not 'marna')"),
            ("my wife wants to know if it pains a lot, she is scared of needles", { type, _ in type != "complication" },
             "no complication reply for a worry"),
            ("I run 10k every morning. How long do I need to stop?", { _, id in id != "minoxidil" },
             "not the minoxidil answer of the last question alone"),
            ("dard hota hai kya isme", { type, id in type == "answer" && id == "pain-and-numbing" }, "the pain answer"),
            ("smp tho noppi untunda?", { type, id in type == "answer" && id == "pain-and-numbing" }, "the pain answer (Telugu)"),
            ("मैं मरना चाहता हूँ", { type, _ in type == "crisis" }, "crisis (Hindi in Devanagari)"),
            ("SMP के बाद खून बंद नहीं हो रहा", { type, _ in type == "complication" }, "complication (Hindi in Devanagari)"),
            ("wanna come tmrw", { type, _ in type == "booking" }, "booking, not crisis"),
            ("I can't make it tomorrow, please rebook", { type, _ in type == "booking" }, "booking, not crisis"),
            ("Is Dr. available on Sunday?", { type, _ in type == "booking" }, "booking ('Dr.' ends no clause)"),
            ("\u{1F52A}\u{1FA78} me tonight", { type, _ in type == "crisis" }, "crisis (emoji read as words)"),
            ("a bit hard to swallow since this morning, had my touch-up yesterday", { type, _ in type == "complication" },
             "complication, not crisis"),
            ("I'm scared of needles, I faint at blood tests. Will I feel a lot of pain?", { type, _ in type != "complication" },
             "no complication reply for a question about what could happen"),
        ]
        // Each line in a conversation of its own: /reset between them (a booking form would take the next line).
        let input = cases.map { $0.line }.joined(separator: "\n/reset\n") + "\n"
        let outcome = try Executable.run(["--json", "--knowledge", Executable.knowledge], input: input)
        let replies = outcome.lines.dropFirst().map { Executable.json($0) }
            .filter { ($0["type"] as? String) != "reset" }
        XCTAssertEqual(replies.count, cases.count, outcome.lines.joined(separator: "\n"))
        for (testCase, reply) in zip(cases, replies) {
            let type = reply["type"] as? String ?? "", id = reply["id"] as? String ?? ""
            XCTAssertTrue(testCase.check(type, id), "\(testCase.line): expected \(testCase.expected), got \(type) \(id)")
        }
    }
}
