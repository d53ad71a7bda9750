import Foundation
import XCTest

/// The widget in a real headless browser: `Tests/Browser/widget_browser_test.py` (selenium) drives
/// Debian's `chromium` through `chromedriver` against `faqbot serve --http-port 0`.
///
/// Needs `/usr/bin/chromium`, `/usr/bin/chromedriver` and a Python with selenium: `$FAQBOT_BROWSER_PYTHON`,
/// else `.build/browser-venv/bin/python` (`.ci/run` makes it), else `python3`. Skipped, saying what is
/// missing, when one of them is not there.
final class WidgetBrowserTests: XCTestCase {
    private static func python() -> String? {
        let candidates = [ProcessInfo.processInfo.environment["FAQBOT_BROWSER_PYTHON"],
                          Executable.packageRoot.appendingPathComponent(".build/browser-venv/bin/python").path,
                          "/usr/bin/python3"].compactMap { $0 }
        return candidates.first { path in
            guard FileManager.default.isExecutableFile(atPath: path) else { return false }
            return (try? Executable.run(["-c", "import selenium"], executable: path).status) == 0
        }
    }

    func testTheWidgetWorksInHeadlessChromium() throws {
        for tool in ["/usr/bin/chromium", "/usr/bin/chromedriver"] where !FileManager.default.isExecutableFile(atPath: tool) {
            throw XCTSkip("\(tool) is missing: apt-get install chromium chromium-driver (.ci/run does) to run the browser test")
        }
        guard let python = Self.python() else {
            throw XCTSkip("no Python with selenium: python3 -m venv .build/browser-venv && .build/browser-venv/bin/pip install selenium (.ci/run does)")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("faqbot-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
        let server = try ServerProcess(["--http-port", "0", "--threads", "2",
                                        "--bookings", directory.appendingPathComponent("bookings.jsonl").path])
        let script = Executable.packageRoot.appendingPathComponent("Tests/Browser/widget_browser_test.py").path
        let result = try Executable.run([script, "http://127.0.0.1:\(server.httpPort)/",
                                         "--screenshot", directory.appendingPathComponent("widget.png").path],
                                        executable: python, timeout: 180)
        let output = result.standardOutput + result.standardError
        XCTAssertEqual(result.status, 0, "the browser test failed:\n\(output)")
        XCTAssertTrue(result.standardOutput.contains("PASS: the widget works in headless Chromium"), output)
        let bookings = try String(contentsOf: directory.appendingPathComponent("bookings.jsonl"), encoding: .utf8)
        XCTAssertTrue(bookings.contains("\"name\":\"Asha Rao\""), "the booking made in the browser is stored: \(bookings)")
    }
}
