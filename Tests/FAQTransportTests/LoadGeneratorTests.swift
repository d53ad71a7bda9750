import FAQSearch
import XCTest
@testable import FAQTransport

final class LoadGeneratorTests: XCTestCase {
    func testQuestionsFromPlainTextSkipEmptyLinesAndComments() {
        XCTAssertEqual(QuestionList.parse("how much?\n\n# comment\r\n  aftercare  \r\nPING"), ["how much?", "aftercare", "PING"])
    }

    func testQuestionsFromTSVTakeTheFirstColumnAndSkipTheHeader() {
        XCTAssertEqual(QuestionList.parse("question\texpected_id\nwhat is smp\tintroduction\ncost?\tcost\n"),
                       ["what is smp", "cost?"])
    }

    func testPercentilesUseNearestRank() {
        var report = LoadGenerator.Report()
        report.latencies = (1...100).map { UInt64($0) * 1_000_000 }
        XCTAssertEqual(report.latency(0.5), 50)
        XCTAssertEqual(report.latency(0.99), 99)
        XCTAssertEqual(report.latency(1.0), 100)
        report.replies = 100
        report.elapsed = 2
        XCTAssertEqual(report.rate, 50)
    }

    func testUniqueTailsDifferAndAreReadAsNothing() {
        let tails = (0..<1000).map { LoadGenerator.uniqueTail(UInt64($0)) }
        XCTAssertEqual(Set(tails).count, 1000)
        let line = "how long does it take to heal" + String(decoding: LoadGenerator.uniqueTail(12345), as: UTF8.self)
        XCTAssertEqual(Tokenizer().tokens(in: line), Tokenizer().tokens(in: "how long does it take to heal"))
    }
}
