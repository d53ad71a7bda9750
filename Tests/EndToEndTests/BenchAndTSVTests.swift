import Foundation
import XCTest

/// The spreadsheet (TSV) import, the multi-id evaluation and the `bench` command, through the real
/// executable on the fixtures in Tests/Fixtures/tsv. Timing figures are never checked here.
final class BenchAndTSVTests: XCTestCase {
    private let fixtures = Executable.packageRoot.appendingPathComponent("Tests/Fixtures/tsv")
    private func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    func testTSVKnowledgeWithColumnsInAnyOrderAnswersAQuestion() throws {
        // faq.tsv's header is question, id, answer: the columns are found by name, not position.
        let outcome = try Executable.run(["ask", "--json", "--knowledge", fixture("faq.tsv"), "how do I renew my library card"])
        XCTAssertEqual(outcome.status, 0, outcome.standardError)
        let reply = Executable.json(outcome.lines.first ?? "")
        XCTAssertEqual(reply["id"] as? String, "card-renew")
    }

    func testMalformedRowIsReportedWithItsFileAndLineAndExitsNonZero() throws {
        let outcome = try Executable.run(["ask", "--knowledge", fixture("malformed.tsv"), "opening hours"])
        XCTAssertEqual(outcome.status, 1)
        XCTAssertTrue(outcome.standardError.contains("malformed.tsv:4:"), outcome.standardError)
        XCTAssertTrue(outcome.standardError.contains("expected 3 tab-separated columns, found 2"), outcome.standardError)
        XCTAssertEqual(outcome.standardOutput, "")
    }

    func testEvalAcceptsAHeaderAndSeveralCorrectIDsJoinedWithBars() throws {
        // Two entries share the question "Where can I park my bicycle?"; either one is a hit.
        let outcome = try Executable.run(["eval", "--knowledge", fixture("faq.tsv"), fixture("queries.tsv")])
        XCTAssertEqual(outcome.status, 0, outcome.standardError)
        let text = outcome.standardOutput
        XCTAssertTrue(text.contains("questions: 5 in domain, 0 out of domain"), "the header line must not count: \(text)")
        XCTAssertTrue(text.contains("top-1 accuracy (P@1): 1.000  (5/5)"), text)
        XCTAssertTrue(text.contains("MRR: 1.000"), text)
    }

    func testEvalNamesTheLineOfAnExpectedIDThatNoEntryHas() throws {
        let outcome = try Executable.run(["eval", "--knowledge", fixture("faq.tsv"), fixture("unknown-id.tsv")])
        XCTAssertEqual(outcome.status, 1)
        XCTAssertTrue(outcome.standardError.contains("unknown-id.tsv:3: no entry has the id 'coffee'"), outcome.standardError)
    }

    func testBenchReportsEntriesQueriesAndEveryFigureOnOneLine() throws {
        let outcome = try Executable.run(["bench", "--knowledge", fixture("faq.tsv"), "--queries", fixture("queries.tsv"),
                                          "--repeat", "2", "--format", "line"])
        XCTAssertEqual(outcome.status, 0, outcome.standardError)
        let line = outcome.lines.first ?? ""
        for expected in ["model=faqbot", "entries=5", "queries=5", "repeat=2"] {
            XCTAssertTrue(line.contains(expected + " "), "missing \(expected) in \(line)")
        }
        for key in ["load_s", "build_s", "query_us_median", "query_us_p99", "query_us_mean", "peak_rss_mb"] {
            let value = line.split(separator: " ").first { $0.hasPrefix(key + "=") }.map { String($0.dropFirst(key.count + 1)) }
            XCTAssertNotNil(value.flatMap(Double.init), "\(key) is not a number in \(line)")
        }
    }

    func testBenchWithEncoderAddsTheEncodersLoadAndEncodeFigures() throws {
        let outcome = try Executable.run(["bench", "--knowledge", fixture("faq.tsv"), "--queries", fixture("queries.tsv"),
                                          "--repeat", "1", "--format", "line", "--encoder"])
        XCTAssertEqual(outcome.status, 0, outcome.standardError)
        let line = outcome.lines.first ?? ""
        for key in ["encoder_load_s", "encode_us_median", "encode_us_p99", "encode_cpu_us_median", "encode_tokens_median"] {
            let value = line.split(separator: " ").first { $0.hasPrefix(key + "=") }.map { String($0.dropFirst(key.count + 1)) }
            XCTAssertNotNil(value.flatMap(Double.init), "\(key) is not a number in \(line)")
        }
    }

    func testBenchTablePrintsPeakMemoryFromProc() throws {
        let outcome = try Executable.run(["bench", "--knowledge", fixture("faq.tsv"), "--queries", fixture("queries.tsv"), "--repeat", "1"])
        XCTAssertEqual(outcome.status, 0, outcome.standardError)
        let memory = outcome.lines.first { $0.hasPrefix("peak RSS at end") } ?? ""
        let megabytes = memory.split(separator: " ").compactMap { Double($0) }.first ?? 0
        XCTAssertGreaterThan(megabytes, 0, "VmHWM not read: \(outcome.standardOutput)")
    }

    func testBenchWithoutQueriesIsAUsageError() throws {
        let outcome = try Executable.run(["bench", "--knowledge", fixture("faq.tsv")])
        XCTAssertEqual(outcome.status, 2)
        XCTAssertTrue(outcome.standardError.contains("--queries FILE is required"), outcome.standardError)
    }
}
