import FAQTransport
import XCTest

final class TextWrapperTests: XCTestCase {
    func testWrapsOnWordsBelowTheWidth() {
        let text = "Patients would have recovered completely from a SMP procedure in a period of 2 weeks."
        let wrapped = TextWrapper.wrap(text, width: 30)
        XCTAssertEqual(wrapped, "Patients would have recovered\ncompletely from a SMP\nprocedure in a period of 2\nweeks.")
        XCTAssertTrue(wrapped.split(separator: "\n").allSatisfy { $0.count < 30 })
        XCTAssertEqual(wrapped.replacingOccurrences(of: "\n", with: " "), text)
    }

    func testKeepsTheTextsOwnLineBreaksAndBlankLines() {
        XCTAssertEqual(TextWrapper.wrap("one\n\ntwo", width: 40), "one\n\ntwo")
    }

    func testBulletContinuationIsIndented() {
        let wrapped = TextWrapper.wrap("- Avoid exposure to direct sunlight and steam baths", width: 25)
        XCTAssertEqual(wrapped, "- Avoid exposure to\n  direct sunlight and\n  steam baths")
    }

    func testLongWordStaysWholeAndNarrowWidthsAreLeftAlone() {
        let word = String(repeating: "x", count: 50)
        XCTAssertEqual(TextWrapper.wrap("a \(word) b", width: 20), "a\n\(word)\nb")
        XCTAssertEqual(TextWrapper.wrap("short text", width: 5), "short text")
    }
}
