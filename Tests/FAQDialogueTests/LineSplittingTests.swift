import Foundation
import XCTest
@testable import FAQDialogue

/// The byte-level splitting of ASCII lines (`ASCIILine`) gives what the character-level code gives.
final class LineSplittingTests: XCTestCase {
    /// Every question of the knowledge's evaluation files, and lines made to reach the edge cases.
    static func lines() throws -> [String] {
        let knowledge = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("knowledge")
        var lines: [String] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: knowledge.path)
        where file.hasPrefix("eval") && file.hasSuffix(".tsv") {
            let text = try String(contentsOf: knowledge.appendingPathComponent(file), encoding: .utf8)
            lines += text.split(separator: "\n").map { String($0.split(separator: "\t").first ?? "") }
        }
        XCTAssertGreaterThan(lines.count, 1_000, "the evaluation files were not found")
        return lines + [
            "", "?", "??", "a?b", "how much? and when?", "cost and and time", " and ", "pain  and  healing ; cost & time?",
            "I'm 34. My crown is bald.  How much would one session cost?", "Is it safe. is it", "what is smp\tand\tcost?",
            "It hurts!\nDoes it hurt?", "a.b.c.d", "how long... does it last?? and what about   sweat",
            "Cost also pain also time also care", "is it safe?is it permanent?", "can I swim after. ", "\t\t.  .",
        ]
    }

    func testQuestionPartsOfASCIILinesMatchTheCharacterSplit() throws {
        var checked = 0
        for line in try Self.lines() {
            guard let ascii = ASCIILine(line) else { continue }
            XCTAssertEqual(Assistant.questionParts(of: ascii), Assistant.questionParts(ofCharacters: line), line)
            checked += 1
        }
        XCTAssertGreaterThan(checked, 1_000)
    }

    func testLastQuestionOfASCIILinesMatchesTheCharacterSplit() throws {
        var found = 0
        for line in try Self.lines() {
            guard let ascii = ASCIILine(line) else { continue }
            let question = Assistant.lastQuestion(in: ascii)
            XCTAssertEqual(question, Assistant.lastQuestion(inCharacters: line), line)
            if question != nil { found += 1 }
        }
        XCTAssertGreaterThan(found, 50, "too few lines of several sentences to compare")
    }

    func testLinesOutsideASCIIOrWithCarriageReturnsAreLeftToTheCharacterCode() {
        XCTAssertNil(ASCIILine("café and cost?"))
        XCTAssertNil(ASCIILine("pain\r\nand cost?"))
        XCTAssertEqual(ASCIILine("pain and cost?")?.bytes, Array("pain and cost?".utf8))
    }
}
