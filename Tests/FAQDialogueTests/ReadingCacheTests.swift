@testable import FAQDialogue
import FAQSearch
import XCTest

/// The server's cache of how recent lines were read: same results as without it, and bounded.
final class ReadingCacheTests: XCTestCase {
    static let lines = [
        "how long does it take to heal?", "whats the recovry time", "what's the price of smp", "hi", "thanks",
        "no thanks", "i want to book an appointment", "does smp affect hair growth", "can smp boost hair growth",
        "what's the weather today", "smp", "", "2",
    ]

    func testCachedReadingsEqualFreshOnes() {
        let cached = Assistant(knowledge: SampleKnowledge.base, cacheCapacity: 64)
        let fresh = Assistant(knowledge: SampleKnowledge.base)
        for round in 0..<3 {
            for line in Self.lines {
                XCTAssertEqual(cached.read(line), fresh.read(line), "round \(round): \(line)")
            }
        }
        XCTAssertEqual(cached.cachedLineCount, Self.lines.count)
        XCTAssertEqual(fresh.cachedLineCount, 0, "capacity 0 caches nothing")
    }

    func testConversationsAreTheSameWithTheCache() {
        let cachedAssistant = Assistant(knowledge: SampleKnowledge.base, cacheCapacity: 64)
        for _ in 0..<2 {
            let cached = Session(assistant: cachedAssistant)
            let fresh = Session(assistant: SampleKnowledge.assistant)
            for line in Self.lines + ["does smp help with growth", "the first one", "what's the weather today", "yes"] {
                XCTAssertEqual(cached.respond(to: line), fresh.respond(to: line), line)
            }
        }
    }

    func testCanonicallyEquivalentLinesAreReadAlike() {
        // "é" composed (U+00E9) or decomposed ("e" + U+0301): equal Strings, so one cache key; the
        // tokenizer must read them alike too, or the first form seen would decide for the other.
        let composed = "how long does the r\u{E9}covery take"
        let decomposed = "how long does the re\u{301}covery take"
        XCTAssertEqual(Tokenizer().tokens(in: composed), Tokenizer().tokens(in: decomposed))
        XCTAssertEqual(SampleKnowledge.assistant.read(composed), SampleKnowledge.assistant.read(decomposed))
        let cached = Assistant(knowledge: SampleKnowledge.base, cacheCapacity: 8)
        XCTAssertEqual(cached.read(decomposed), SampleKnowledge.assistant.read(decomposed))
    }

    func testCrisesAndFormInputAreNeverRemembered() throws {
        let record = try Record.parse("id: crisis\nquestion: crisis\ncue: kill myself\n\nCall 112.", file: "crisis.md",
                                      allowedKeys: ["id", "question", "cue"])
        let crisis = KnowledgeBase(entries: SampleKnowledge.base.entries,
                                   intents: SampleKnowledge.base.intents + [
                                       Entry(id: "crisis", question: "crisis", alternatives: ["i want to kill myself"], answer: "Call 112."),
                                   ],
                                   messages: SampleKnowledge.base.messages, synonymGroups: SampleKnowledge.base.synonymGroups,
                                   cueRules: ["crisis": try CueRule(record: record, id: "crisis")])
        let assistant = Assistant(knowledge: crisis, cacheCapacity: 64)
        XCTAssertTrue(assistant.read("i want to kill myself").isSensitive)
        XCTAssertEqual(assistant.cachedLineCount, 0)
        _ = assistant.understand("Priya Sharma")   // what the booking form asks about: not cached either
        XCTAssertEqual(assistant.cachedLineCount, 0)
        _ = assistant.read("how much does smp cost")
        XCTAssertEqual(assistant.cachedLineCount, 1)
    }

    func testStaysWithinItsCapacity() {
        let cache = ReadingCache(capacity: 8)
        var computed = 0
        let reading = Assistant.Reading(understanding: .question(.fallback(score: 0)), declines: false, asksToBook: false)
        for number in 0..<100 {
            _ = cache.reading(of: "question \(number)") { _ in computed += 1; return reading }
            XCTAssertLessThanOrEqual(cache.count, 8)
        }
        XCTAssertEqual(computed, 100)
        // The most recent lines are still there; the oldest are gone.
        _ = cache.reading(of: "question 99") { _ in computed += 1; return reading }
        XCTAssertEqual(computed, 100)
        _ = cache.reading(of: "question 0") { _ in computed += 1; return reading }
        XCTAssertEqual(computed, 101)
    }

    func testALineReadAgainSurvivesTheTurnover() {
        let cache = ReadingCache(capacity: 4)
        var computed = 0
        let reading = Assistant.Reading(understanding: .intent(id: "thanks", score: 1), declines: false, asksToBook: false)
        func read(_ line: String) { _ = cache.reading(of: line) { _ in computed += 1; return reading } }
        read("popular")
        for number in 0..<20 {
            read("rare \(number)")
            read("popular")
        }
        XCTAssertEqual(computed, 21, "the popular line is computed once")
    }

    func testLongLinesAreNotCached() {
        let cache = ReadingCache(capacity: 8)
        var computed = 0
        let long = String(repeating: "how long does it heal ", count: 20)
        let reading = Assistant.Reading(understanding: .question(.fallback(score: 0)), declines: false, asksToBook: false)
        for _ in 0..<3 { _ = cache.reading(of: long) { _ in computed += 1; return reading } }
        XCTAssertEqual(computed, 3)
        XCTAssertEqual(cache.count, 0)
    }

    func testSharedBetweenThreads() {
        let assistant = Assistant(knowledge: SampleKnowledge.base, cacheCapacity: 16)
        let expected = Self.lines.map { SampleKnowledge.assistant.read($0) }
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            for round in 0..<50 {
                for (index, line) in Self.lines.enumerated() {
                    let got = assistant.read(line + (round % 3 == 0 ? " \(worker)" : ""))
                    if round % 3 != 0 { XCTAssertEqual(got, expected[index]) }
                }
            }
        }
        XCTAssertLessThanOrEqual(assistant.cachedLineCount, 16)
    }
}
