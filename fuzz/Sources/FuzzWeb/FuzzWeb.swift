// libFuzzer target: any bytes through the HTTP request parser and site, and, after a valid upgrade,
// through the WebSocket framing. Checks: nothing crashes; every response starts with a status line;
// after a refusal nothing more is answered; every WebSocket message is whole UTF-8 no longer than
// the limit; every server frame is well formed (unmasked, FIN, a close frame at most once and last).
#if canImport(Glibc)
import Glibc
#endif
import FAQTransport

let site = WebSite(health: { #"{"status":"ok"}"# })
let handshake = Array(("GET /chat HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n").utf8)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 1 else { return 0 }
    // Byte 0: bit 0 starts with a valid handshake (so the rest is WebSocket frames); the rest of the
    // byte is the chunk size the bytes are fed in.
    let chunk = 1 + Int(data[0] >> 1)
    var stream = data[0] & 1 == 1 ? handshake : []
    stream += UnsafeBufferPointer(start: data + 1, count: size - 1)
    let http = HTTPProtocol(site: site)
    var webSocket: WebSocketProtocol? = nil
    var output: [UInt8] = []
    var finished = false
    var index = 0
    while index < stream.count && !finished {
        let piece = stream[index..<min(stream.count, index + chunk)]
        index += piece.count
        if let webSocket {
            let (messages, disposition) = webSocket.receive(piece, into: &output)
            for message in messages { precondition(message.utf8.count <= 4096, "message over the limit") }
            finished = disposition == .closeAfterFlush
            continue
        }
        let before = output.count
        switch http.receive(piece, into: &output) {
        case .open: break
        case .closeAfterFlush: finished = true
        case .upgrade:
            output.removeAll()  // from here on, only WebSocket frames
            webSocket = WebSocketProtocol(maximumMessageBytes: 4096)
            let (_, disposition) = webSocket!.receive(http.takeRemainingBytes(), into: &output)
            finished = disposition == .closeAfterFlush
            continue
        }
        if output.count > before && webSocket == nil {
            precondition(output[before...].starts(with: Array("HTTP/1.1 ".utf8)), "a response without a status line")
        }
    }
    if let webSocket { checkFrames(output, closed: webSocket.closeSent) }
    return 0
}

/// Server frames: unmasked, final, a known opcode, lengths that add up; a close frame only last.
func checkFrames(_ bytes: [UInt8], closed: Bool) {
    var index = 0
    var sawClose = false
    while index < bytes.count {
        precondition(!sawClose, "a frame after the close frame")
        precondition(index + 2 <= bytes.count && bytes[index] & 0x80 != 0 && bytes[index + 1] & 0x80 == 0, "bad frame header")
        let opcode = bytes[index] & 0x0F
        precondition([0x1, 0x8, 0xA].contains(opcode), "unexpected opcode \(opcode)")
        var length = Int(bytes[index + 1] & 0x7F)
        var start = index + 2
        if length == 126 { length = Int(bytes[index + 2]) << 8 | Int(bytes[index + 3]); start += 2 }
        precondition(length <= 125 || opcode == 0x1, "control frame too long")
        sawClose = opcode == 0x8
        index = start + length
    }
    precondition(index == bytes.count, "frames do not add up")
    precondition(sawClose == closed, "close frame sent \(sawClose), recorded \(closed)")
}
