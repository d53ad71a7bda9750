@testable import FAQTransport
import XCTest

final class WebSiteTests: XCTestCase {
    private let key = "dGhlIHNhbXBsZSBub25jZQ=="

    private func serve(_ text: String, site: WebSite = WebSite(health: { #"{"status":"ok"}"# })) -> (String, HTTPProtocol.Disposition) {
        let http = HTTPProtocol(site: site)
        var output: [UInt8] = []
        let disposition = http.receive(Array(text.utf8), into: &output)
        return (String(decoding: output, as: UTF8.self), disposition)
    }

    private func handshake(origin: String? = nil, version: String = "13", key: String? = nil) -> String {
        "GET /chat HTTP/1.1\r\nHost: bot.test:8080\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: \(key ?? self.key)\r\n"
            + "Sec-WebSocket-Version: \(version)\r\n" + (origin.map { "Origin: \($0)\r\n" } ?? "") + "\r\n"
    }

    func testDemoPageHasAStrictPolicyAndEveryResponseTheSecurityHeaders() {
        let (page, disposition) = serve("GET / HTTP/1.1\r\nHost: bot.test:8080\r\n\r\n")
        XCTAssertEqual(disposition, .open)
        XCTAssertTrue(page.hasPrefix("HTTP/1.1 200 OK\r\n"))
        XCTAssertTrue(page.contains("Content-Security-Policy: default-src 'none'; script-src 'self'; style-src 'self';"), page)
        XCTAssertTrue(page.contains("connect-src 'self' ws://bot.test:8080 wss://bot.test:8080;"))
        XCTAssertFalse(page.contains("<script>"), "no inline script")
        XCTAssertFalse(page.contains("<style"), "no inline style")
        XCTAssertFalse(page.contains("style=\""), "no style attributes")
        for request in ["GET / HTTP/1.1\r\nHost: h\r\n\r\n", "GET /nothing HTTP/1.1\r\nHost: h\r\n\r\n", "BAD\r\n\r\n", handshake()] {
            let (response, _) = serve(request)
            for header in ["X-Content-Type-Options: nosniff", "Referrer-Policy: no-referrer", "X-Frame-Options: DENY"] {
                XCTAssertTrue(response.contains(header + "\r\n"), "\(header) missing for \(request)")
            }
        }
        XCTAssertFalse(WebSite.demoPagePolicy(host: "evil.test; script-src *").contains("evil"), "a Host with odd characters stays out of the policy")
    }

    func testWidgetFilesAreServedWithTypesAndHEADHasNoBody() {
        let (script, _) = serve("GET /widget.js HTTP/1.1\r\nHost: h\r\n\r\n")
        XCTAssertTrue(script.contains("Content-Type: text/javascript; charset=utf-8"))
        XCTAssertTrue(script.contains("Cross-Origin-Resource-Policy: cross-origin"))
        XCTAssertTrue(script.contains("faqbot chat widget"))
        XCTAssertFalse(script.contains("innerHTML"), "patient and bot text is never set as HTML")
        let (style, _) = serve("GET /widget.css HTTP/1.1\r\nHost: h\r\n\r\n")
        XCTAssertTrue(style.contains("Content-Type: text/css"))
        let (head, _) = serve("HEAD /widget.js HTTP/1.1\r\nHost: h\r\n\r\n")
        XCTAssertTrue(head.contains("Content-Length: \(WebAssets.widgetScript.utf8.count)\r\n"))
        XCTAssertTrue(head.hasSuffix("\r\n\r\n"), "HEAD sends no body")
    }

    func testStatusesForWrongRequests() {
        XCTAssertTrue(serve("GET /nope HTTP/1.1\r\nHost: h\r\n\r\n").0.hasPrefix("HTTP/1.1 404 "))
        let (post, disposition) = serve("POST /widget.js HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n")
        XCTAssertTrue(post.hasPrefix("HTTP/1.1 405 ") && post.contains("Allow: GET, HEAD\r\n"), post)
        XCTAssertEqual(disposition, .closeAfterFlush, "an error response closes")
        let (plain, _) = serve("GET /chat HTTP/1.1\r\nHost: h\r\n\r\n")
        XCTAssertTrue(plain.hasPrefix("HTTP/1.1 426 ") && plain.contains("Upgrade: websocket\r\n"), plain)
        XCTAssertTrue(serve(handshake(version: "8")).0.hasPrefix("HTTP/1.1 426 "))
        XCTAssertTrue(serve(handshake(key: "short")).0.hasPrefix("HTTP/1.1 400 "))
        XCTAssertTrue(serve(handshake(origin: "https://evil.test")).0.hasPrefix("HTTP/1.1 403 "))
        XCTAssertTrue(serve("GET / HTTP/1.1\r\nHost: h\r\nX: " + String(repeating: "x", count: 20000) + "\r\n\r\n").0.hasPrefix("HTTP/1.1 431 "))
    }

    func testHandshakeAcceptsOwnOriginAndTheAllowList() {
        let (response, disposition) = serve(handshake(origin: "http://bot.test:8080") + "\u{81}")
        XCTAssertTrue(response.hasPrefix("HTTP/1.1 101 Switching Protocols\r\n"), response)
        XCTAssertTrue(response.contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"))
        guard case .upgrade(let request) = disposition else { return XCTFail("\(disposition)") }
        XCTAssertEqual(request.path, "/chat")
        XCTAssertTrue(serve(handshake()).0.hasPrefix("HTTP/1.1 101 "), "no Origin: not a browser")
        let listed = WebSite(allowedOrigins: ["https://clinic.example"], health: { "" })
        XCTAssertTrue(serve(handshake(origin: "https://clinic.example"), site: listed).0.hasPrefix("HTTP/1.1 101 "))
        XCTAssertTrue(serve(handshake(origin: "http://bot.test:8080"), site: listed).0.hasPrefix("HTTP/1.1 403 "))
        XCTAssertTrue(serve(handshake(origin: "https://any.example"), site: WebSite(allowedOrigins: ["*"], health: { "" })).0.hasPrefix("HTTP/1.1 101 "))
    }

    func testBytesAfterTheUpgradeRequestAreKeptForWebSocket() {
        let http = HTTPProtocol(site: WebSite(health: { "" }))
        var output: [UInt8] = []
        _ = http.receive(Array(handshake().utf8) + [0x81, 0x80], into: &output)
        XCTAssertEqual(http.takeRemainingBytes(), [0x81, 0x80])
    }

    func testKeepAliveServesPipelinedRequestsAndConnectionCloseEnds() {
        let (both, open) = serve("GET /healthz HTTP/1.1\r\nHost: h\r\n\r\nGET /healthz HTTP/1.1\r\nHost: h\r\n\r\n")
        XCTAssertEqual(both.components(separatedBy: "HTTP/1.1 200 OK").count, 3)
        XCTAssertEqual(open, .open)
        let (last, closing) = serve("GET /healthz HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")
        XCTAssertTrue(last.contains("Connection: close\r\n"))
        XCTAssertEqual(closing, .closeAfterFlush)
    }

    func testAnUnfinishedRequestTimesOutWith408() {
        let http = HTTPProtocol(site: WebSite(health: { "" }))
        var output: [UInt8] = []
        XCTAssertEqual(http.receive(Array("GET / HT".utf8), into: &output), .open)
        XCTAssertTrue(http.isInsideRequest)
        http.timedOut(into: &output)
        XCTAssertTrue(String(decoding: output, as: UTF8.self).hasPrefix("HTTP/1.1 408 "))
    }
}
