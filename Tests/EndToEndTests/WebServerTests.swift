import Foundation
import XCTest

/// `faqbot serve --http-port 0` over real sockets: HTTP statuses, the WebSocket chat, resuming.
final class WebServerTests: XCTestCase {
    private func startServer(_ extra: [String] = []) throws -> ServerProcess {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("faqbot-web-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
        return try ServerProcess(["--http-port", "0", "--json", "--threads", "2", "--encoder", "off",
                                  "--bookings", directory.appendingPathComponent("bookings.jsonl").path] + extra)
    }

    private func http(_ port: Int, _ request: String) throws -> (head: String, connection: ServerClient) {
        let connection = try ServerClient(port: port)
        try connection.send(request)
        return (try connection.readThrough("\r\n\r\n"), connection)
    }

    func testHealthAndWidgetFilesOnOneKeptAliveConnection() throws {
        let server = try startServer()
        let connection = try ServerClient(port: server.httpPort)
        try connection.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        let head = try connection.readThrough("\r\n\r\n")
        XCTAssertTrue(head.hasPrefix("HTTP/1.1 200 OK\r\n"), head)
        XCTAssertTrue(head.contains("X-Content-Type-Options: nosniff\r\n"))
        let length = Int(head.components(separatedBy: "Content-Length: ")[1].prefix { $0.isNumber })!
        let health = try JSONSerialization.jsonObject(with: Data(try connection.readBytes(length))) as! [String: Any]
        XCTAssertEqual(health["status"] as? String, "ok")
        XCTAssertEqual(health["open_connections"] as? Int, 1)
        XCTAssertNotNil(health["uptime_seconds"] as? Int)
        XCTAssertNotNil(health["version"] as? String)
        try connection.send("GET /widget.js HTTP/1.1\r\nHost: x\r\n\r\n")
        XCTAssertTrue(try connection.readThrough("\r\n\r\n").contains("Content-Type: text/javascript"))
    }

    func testBadRequestsGetTheirStatusAndTheServerGoesOn() throws {
        let server = try startServer()
        let cases: [(String, Int)] = [
            ("\u{16}\u{3}\u{1}garbage\r\n\r\n", 400),
            ("GET /missing HTTP/1.1\r\nHost: x\r\n\r\n", 404),
            ("DELETE / HTTP/1.1\r\nHost: x\r\n\r\n", 405),
            ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n", 413),
            ("GET /" + String(repeating: "a", count: 9000) + " HTTP/1.1\r\nHost: x\r\n\r\n", 414),
            ("GET /chat HTTP/1.1\r\nHost: x\r\n\r\n", 426),
            ("GET / HTTP/1.1\r\nHost: x\r\n" + (0..<100).map { "X-\($0): y\r\n" }.joined() + "\r\n", 431),
            ("GET /chat HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: https://evil.example\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n", 403),
        ]
        for (request, status) in cases {
            let (head, connection) = try http(server.httpPort, request)
            XCTAssertTrue(head.hasPrefix("HTTP/1.1 \(status) "), "\(request.prefix(40).debugDescription): \(head)")
            XCTAssertTrue(head.contains("Connection: close\r\n"))
            XCTAssertTrue(connection.waitForClose(), "closed after \(status)")
        }
        XCTAssertTrue(try http(server.httpPort, "GET / HTTP/1.1\r\nHost: x\r\n\r\n").head.hasPrefix("HTTP/1.1 200 "))
        XCTAssertEqual(server.stop(), 0)
    }

    func testASlowRequestGets408() throws {
        let server = try startServer(["--http-timeout", "0.3"])
        let connection = try ServerClient(port: server.httpPort)
        try connection.send("GET / HTTP/1.1\r\nHost: x\r\n")
        XCTAssertTrue(try connection.readToEnd().hasPrefix("HTTP/1.1 408 "))
    }

    func testWebSocketRepliesAreTheLineProtocolsJSON() throws {
        let server = try startServer()
        let chat = try WebSocketTestClient(port: server.httpPort, origin: "http://127.0.0.1:\(server.httpPort)")
        XCTAssertTrue(chat.handshake.hasPrefix("HTTP/1.1 101 "), chat.handshake)
        XCTAssertTrue(chat.handshake.contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"))
        let welcome = try chat.readJSON()
        XCTAssertEqual(welcome["type"] as? String, "welcome")
        XCTAssertEqual((welcome["resume"] as? String)?.count, 32)
        try chat.send("GET / HTTP/1.1")
        XCTAssertNotEqual(try chat.readJSON()["type"] as? String, "bye", "over WebSocket an HTTP-like first line is a question")
        let line = try server.connect()
        _ = try line.readLine()
        for question in ["how long does it take to heal?", "does it hurt", "hair"] {
            try chat.send(question)
            try line.send(question + "\n")
            XCTAssertEqual(try chat.readText(), try line.readLine(), question)
        }
        try chat.send("")
        XCTAssertEqual(try chat.readJSON()["code"] as? String, "empty_line")
        try chat.send(String(repeating: "a", count: 5000))
        XCTAssertEqual(try chat.readJSON()["code"] as? String, "line_too_long")
        try chat.send("/format text")
        XCTAssertEqual(try chat.readJSON()["code"] as? String, "unknown_format", "WebSocket replies stay JSON")
        try chat.send("line one\nline two")
        XCTAssertNotNil(try chat.readJSON()["type"], "a message with a line break is one request")
        try chat.send("/quit")
        XCTAssertEqual(try chat.readJSON()["type"] as? String, "bye")
        let close = try chat.readFrame()
        XCTAssertEqual(close.opcode, 0x8)
        XCTAssertEqual(WebSocketTestClient.closeCode(close.payload), 1000)
        XCTAssertTrue(chat.connection.waitForClose())
    }

    func testTheClientsCloseIsAnsweredAndOversizedMessagesClose1009() throws {
        let server = try startServer()
        let chat = try WebSocketTestClient(port: server.httpPort)
        _ = try chat.readJSON()
        try chat.sendFrame(opcode: 0x9, Array("ping".utf8))
        let pong = try chat.readFrame()
        XCTAssertEqual(pong.opcode, 0xA)
        XCTAssertEqual(pong.payload, Array("ping".utf8))
        try chat.sendFrame(opcode: 0x8, [0x03, 0xE9])
        let close = try chat.readFrame()
        XCTAssertEqual(close.opcode, 0x8)
        XCTAssertEqual(WebSocketTestClient.closeCode(close.payload), 1001)
        XCTAssertTrue(chat.connection.waitForClose())

        let big = try WebSocketTestClient(port: server.httpPort)
        _ = try big.readJSON()
        try big.connection.send([0x81, 0xFF, 0, 0, 0, 0, 0, 2, 0, 0])  // announces 128 KiB
        let refused = try big.readFrame()
        XCTAssertEqual(WebSocketTestClient.closeCode(refused.payload), 1009)
        XCTAssertTrue(big.connection.waitForClose())
    }

    func testAResumedConversationReplaysMissedRepliesAndKeepsTheBookingForm() throws {
        let server = try startServer()
        let chat = try WebSocketTestClient(port: server.httpPort)
        let token = try XCTUnwrap(try chat.readJSON()["resume"] as? String)
        try chat.send("/book")
        XCTAssertEqual(try chat.readJSON()["field"] as? String, "name")
        try chat.send("Asha Rao")
        chat.connection.close()  // the reply to the name is missed
        let (resumed, missed) = try server.resume(token: token, seen: 2)
        XCTAssertEqual(missed["field"] as? String, "phone", "the missed reply is replayed: \(missed)")
        try resumed.send("+91 98765 43210")
        XCTAssertEqual(try resumed.readJSON()["field"] as? String, "date", "the booking form goes on")
        let rival = try WebSocketTestClient(port: server.httpPort, path: "/chat?resume=\(token)&seen=3")
        let fresh = try rival.readJSON()
        XCTAssertEqual(fresh["type"] as? String, "welcome", "a conversation in use is not handed to a second client")
        XCTAssertNotEqual(fresh["resume"] as? String, token)
    }

    func testResumingOffStartsANewConversation() throws {
        let server = try startServer(["--resume-window", "0"])
        let chat = try WebSocketTestClient(port: server.httpPort)
        let token = try XCTUnwrap(try chat.readJSON()["resume"] as? String)
        chat.connection.close()
        XCTAssertTrue(waitUntil(timeout: 10) { (try? server.openConnections()) == 1 }, "the server saw the close")
        let again = try WebSocketTestClient(port: server.httpPort, path: "/chat?resume=\(token)&seen=1")
        XCTAssertEqual(try again.readJSON()["type"] as? String, "welcome")
    }

    func testLoadtestSpeaksWebSocket() throws {
        let server = try startServer()
        let outcome = try Executable.run(["loadtest", "--port", String(server.httpPort), "--websocket", "/chat", "--connections", "4",
                                          "--duration", "0.5", "--greeting-lines", "1", "--questions", Executable.knowledge + "/eval.tsv"])
        XCTAssertEqual(outcome.status, 0, outcome.standardError)
        XCTAssertTrue(outcome.standardOutput.contains("error replies 0, connection errors 0"), outcome.standardOutput)
        let match = outcome.standardOutput.range(of: #"replies [1-9]"#, options: .regularExpression)
        XCTAssertNotNil(match, outcome.standardOutput)
    }
}
