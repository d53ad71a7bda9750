import FAQTransport
import XCTest

final class DisplayWidthTests: XCTestCase {
    func testWidthIsCountedPerGrapheme() {
        XCTAssertEqual(DisplayWidth.of("a" as Character), 1)
        XCTAssertEqual(DisplayWidth.of("é" as Character), 1)
        XCTAssertEqual(DisplayWidth.of("e\u{0301}" as Character), 1, "combining acute accent adds nothing")
        XCTAssertEqual(DisplayWidth.of("\u{0301}" as Character), 0, "a lone combining mark")
        XCTAssertEqual(DisplayWidth.of("ह" as Character), 1)
        XCTAssertEqual(DisplayWidth.of("हि" as Character), 1)
        XCTAssertEqual(DisplayWidth.of("日" as Character), 2)
        XCTAssertEqual(DisplayWidth.of("한" as Character), 2)
        XCTAssertEqual(DisplayWidth.of("Ａ" as Character), 2, "fullwidth")
        XCTAssertEqual(DisplayWidth.of("😀" as Character), 2)
        XCTAssertEqual(DisplayWidth.of("👍🏽" as Character), 2, "skin tone")
        XCTAssertEqual(DisplayWidth.of("👨‍👩‍👧" as Character), 2, "ZWJ family")
        XCTAssertEqual(DisplayWidth.of("❤️" as Character), 2, "VS16")
        XCTAssertEqual(DisplayWidth.of("🇮🇳" as Character), 2, "flag")
    }

    func testWidthOfText() {
        XCTAssertEqual(DisplayWidth.of("héllo 日本 😀"), 13)
    }
}
