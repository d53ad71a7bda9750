@testable import FAQSearch
import XCTest

/// `WordTable` answers every word exactly as the dictionary it was built from.
final class WordTableTests: XCTestCase {
    let words = ["", "a", "hair", "smp", "micropigmentation", "café", "cafe\u{301}", "ß", "ढ़", "4-6", "0.3", "~smp",
                 "Hair", "hairs", "hai", "k", "K", "\u{212A}", "über", "e\u{301}", "é", "मरना", "一"]

    func check(_ dictionary: [String: Int], file: StaticString = #filePath, line: UInt = #line) {
        let table = WordTable(dictionary)
        for word in words + dictionary.keys {
            XCTAssertEqual(table[word], dictionary[word], "'\(word)'", file: file, line: line)
            XCTAssertEqual(table.contains(word), dictionary[word] != nil, "'\(word)'", file: file, line: line)
        }
    }

    func testEveryWordIsAnsweredAsByTheDictionary() {
        check([:])
        check(["hair": 1, "smp": 2, "micropigmentation": 3, "": 4, "4-6": 5, "~smp": 6])
        check(["café": 1, "hair": 2, "मरना": 3, "ß": 4])
        // Canonically equal to "é": both spellings find it.
        check(["e\u{301}": 7, "hair": 8])
        // The Kelvin sign equals the ASCII "K" under canonical equivalence: the byte table stands aside.
        check(["\u{212A}": 9, "hair": 10])
        check(Dictionary(uniqueKeysWithValues: (0..<1000).map { ("word\($0)", $0) }))
    }

    func testASetOfWords() {
        let table = WordTable(["no", "not", "never", "no"], value: true)
        XCTAssertTrue(table.contains("not"))
        XCTAssertFalse(table.contains("now"))
        XCTAssertEqual(table.dictionary.count, 3)
    }
}
