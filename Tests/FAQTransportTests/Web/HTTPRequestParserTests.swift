@testable import FAQTransport
import XCTest

final class HTTPRequestParserTests: XCTestCase {
    private let simple = "GET /chat?resume=abc&seen=3 HTTP/1.1\r\nHost: example.test:8080\r\nUpgrade:  websocket \r\nConnection: keep-alive, Upgrade\r\n\r\n"

    private func outcomes(_ text: String, limits: HTTPRequestParser.Limits = .init()) -> [HTTPRequestParser.Outcome] {
        var parser = HTTPRequestParser(limits: limits)
        parser.append(Array(text.utf8))
        var found: [HTTPRequestParser.Outcome] = []
        while true {
            let outcome = parser.next()
            found.append(outcome)
            if case .request = outcome { continue }
            return found
        }
    }

    private func status(_ text: String, limits: HTTPRequestParser.Limits = .init()) -> Int? {
        for outcome in outcomes(text, limits: limits) {
            if case .failure(let status, _) = outcome { return status }
        }
        return nil
    }

    func testParsesRequestLineHeadersAndQuery() throws {
        guard case .request(let request) = outcomes(simple).first else { return XCTFail("no request") }
        XCTAssertEqual(request.method, "GET")
        XCTAssertEqual(request.path, "/chat")
        XCTAssertEqual(request.queryValue("resume"), "abc")
        XCTAssertEqual(request.queryValue("seen"), "3")
        XCTAssertNil(request.queryValue("other"))
        XCTAssertEqual(request.header("host"), "example.test:8080")
        XCTAssertEqual(request.header("upgrade"), "websocket")
        XCTAssertTrue(request.header("connection", contains: "upgrade"))
        XCTAssertTrue(request.keepsAlive)
    }

    func testARequestSplitAtEveryByteGivesTheSameRequest() {
        let bytes = Array(simple.utf8)
        guard case .request(let whole) = outcomes(simple).first else { return XCTFail("no request") }
        for split in 1..<bytes.count {
            var parser = HTTPRequestParser()
            parser.append(bytes[..<split])
            XCTAssertEqual(parser.next(), .needMore, "split at \(split)")
            XCTAssertTrue(parser.isInsideRequest)
            parser.append(bytes[split...])
            XCTAssertEqual(parser.next(), .request(whole), "split at \(split)")
        }
        var parser = HTTPRequestParser()
        for byte in bytes.dropLast() {
            parser.append([byte])
            XCTAssertEqual(parser.next(), .needMore)
        }
        parser.append([bytes.last!])
        XCTAssertEqual(parser.next(), .request(whole))
        XCTAssertFalse(parser.isInsideRequest)
    }

    func testPipelinedRequestsComeInOrderAndBareLFIsTolerated() {
        let found = outcomes("GET /a HTTP/1.1\r\nHost: h\r\n\r\nHEAD /b HTTP/1.0\n\nGET /c HTTP/1.1\r\nHost: h\r\n")
        XCTAssertEqual(found.count, 3)
        guard case .request(let a) = found[0], case .request(let b) = found[1] else { return XCTFail("\(found)") }
        XCTAssertEqual([a.path, b.path], ["/a", "/b"])
        XCTAssertEqual(b.method, "HEAD")
        XCTAssertFalse(b.keepsAlive, "HTTP/1.0 closes unless it asks for keep-alive")
        XCTAssertEqual(found[2], .needMore)
    }

    func testABodyWithinTheLimitIsSkippedAndTheNextRequestRead() {
        let found = outcomes("GET /a HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhelloGET /b HTTP/1.1\r\nHost: h\r\n\r\n")
        guard case .request(let a) = found[0], case .request(let b) = found[1] else { return XCTFail("\(found)") }
        XCTAssertEqual([a.path, b.path], ["/a", "/b"])
    }

    func testLimitsGiveTheirStatus() {
        var limits = HTTPRequestParser.Limits()
        limits.maximumRequestLine = 64
        limits.maximumHeadBytes = 256
        limits.maximumHeaderCount = 4
        limits.maximumBodyBytes = 10
        XCTAssertEqual(status("GET /" + String(repeating: "a", count: 100), limits: limits), 414, "refused before the line ends")
        XCTAssertEqual(status("GET /" + String(repeating: "a", count: 100) + " HTTP/1.1\r\n", limits: limits), 414)
        XCTAssertEqual(status("GET / HTTP/1.1\r\nHost: h\r\nX: " + String(repeating: "b", count: 300), limits: limits), 431)
        let manyHeaders = (0..<5).map { "X-\($0): y\r\n" }.joined()
        XCTAssertEqual(status("GET / HTTP/1.1\r\nHost: h\r\n" + manyHeaders + "\r\n", limits: limits), 431)
        XCTAssertEqual(status("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\n", limits: limits), 413)
    }

    func testMalformedRequestsAre400() {
        let bad = [
            "GET / HTTP/1.1\r\n\r\n",                        // no Host
            "GET /\r\nHost: h\r\n\r\n",                         // no version
            "GET  / HTTP/1.1\r\nHost: h\r\n\r\n",              // two spaces
            "G(T / HTTP/1.1\r\nHost: h\r\n\r\n",              // not a token
            "GET http://x/ HTTP/1.1\r\nHost: h\r\n\r\n",       // not a path
            "GET / HTTP/1.1\r\nHost: h\r\nBad Name: x\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: h\r\nNoColon\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: h\r\n : x\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: h\r\nContent-Length: -1\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx",
            "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n",
            "GET /\u{1}x HTTP/1.1\r\nHost: h\r\n\r\n",
            "\u{FF}\u{FE} / HTTP/1.1\r\nHost: h\r\n\r\n",
        ]
        for text in bad { XCTAssertEqual(status(text), 400, text.debugDescription) }
        XCTAssertEqual(status("GET / HTTP/2.0\r\nHost: h\r\n\r\n"), 505)
    }

    func testBinaryGarbageIsRefusedWithAClientError() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            var parser = HTTPRequestParser()
            let noise = (0..<Int.random(in: 1...4000, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            parser.append([0xFF] + noise + [0x0A, 0x0A])
            guard case .failure(let status, _) = parser.next() else { return XCTFail("garbage was not refused") }
            XCTAssertTrue([400, 414, 431].contains(status), "\(status)")
        }
    }
}
