import Foundation

/// A WebSocket client for the server tests, over `ServerClient`: handshake, masked frames out,
/// frames in (each read has the client's deadline).
final class WebSocketTestClient {
    let connection: ServerClient
    /// The handshake response's head.
    let handshake: String

    /// Opens `path` on the HTTP port; `origin` adds an Origin header.
    init(port: Int, path: String = "/chat", origin: String? = nil, timeout: TimeInterval = 10) throws {
        connection = try ServerClient(port: port, timeout: timeout)
        var request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        request += "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
        if let origin { request += "Origin: \(origin)\r\n" }
        try connection.send(request + "\r\n")
        handshake = try connection.readThrough("\r\n\r\n")
    }

    /// Sends one masked frame.
    func sendFrame(opcode: UInt8, _ payload: [UInt8], fin: Bool = true) throws {
        var frame: [UInt8] = [(fin ? 0x80 : 0) | opcode]
        if payload.count < 126 {
            frame.append(0x80 | UInt8(payload.count))
        } else {
            frame += [0x80 | 126, UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)]
        }
        let mask: [UInt8] = [0x12, 0x34, 0x56, 0x78]
        frame += mask + payload.enumerated().map { $0.element ^ mask[$0.offset % 4] }
        try connection.send(frame)
    }

    /// Sends a text message.
    func send(_ text: String) throws { try sendFrame(opcode: 0x1, Array(text.utf8)) }

    /// The next frame from the server.
    func readFrame() throws -> (opcode: UInt8, payload: [UInt8]) {
        let head = try connection.readBytes(2)
        var length = Int(head[1] & 0x7F)
        if length == 126 {
            let extended = try connection.readBytes(2)
            length = Int(extended[0]) << 8 | Int(extended[1])
        } else if length == 127 {
            length = try connection.readBytes(8).reduce(0) { $0 << 8 | Int($1) }
        }
        return (head[0] & 0x0F, try connection.readBytes(length))
    }

    /// The next text message, as a JSON object.
    func readJSON() throws -> [String: Any] {
        let frame = try readFrame()
        guard frame.opcode == 0x1, let object = try JSONSerialization.jsonObject(with: Data(frame.payload)) as? [String: Any] else {
            throw ServerClient.Failure.closed("not a JSON text message: opcode \(frame.opcode) \(String(decoding: frame.payload, as: UTF8.self))")
        }
        return object
    }

    /// The next text message, as the raw JSON text.
    func readText() throws -> String {
        let frame = try readFrame()
        guard frame.opcode == 0x1 else { throw ServerClient.Failure.closed("expected text, got opcode \(frame.opcode)") }
        return String(decoding: frame.payload, as: UTF8.self)
    }

    /// The close code of a close frame's payload.
    static func closeCode(_ payload: [UInt8]) -> Int? { payload.count >= 2 ? Int(payload[0]) << 8 | Int(payload[1]) : nil }
}
