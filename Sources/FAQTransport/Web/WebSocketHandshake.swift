/// The server's half of the WebSocket opening handshake (RFC 6455 §4.2). Pure.
public enum WebSocketHandshake {
    /// The GUID the accept key is derived with.
    static let guid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

    /// `Sec-WebSocket-Accept` for the client's `Sec-WebSocket-Key`.
    public static func acceptValue(forKey key: String) -> String {
        Base64.encode(SHA1.digest(Array((key + guid).utf8)))
    }

    /// Why an upgrade request is refused: status and reason, or nil when it is a valid handshake.
    public static func refusal(of request: HTTPRequest) -> (status: Int, reason: String)? {
        guard request.method == "GET" else { return (405, "a WebSocket handshake uses GET") }
        guard request.header("upgrade", contains: "websocket"), request.header("connection", contains: "upgrade") else {
            return (426, "this address speaks WebSocket: upgrade the connection")
        }
        guard request.minorVersion == 1 else { return (400, "a WebSocket handshake needs HTTP/1.1") }
        guard request.header("sec-websocket-version") == "13" else { return (426, "only WebSocket version 13 is spoken") }
        guard let key = request.header("sec-websocket-key"), Base64.decodedCount(Substring(key)) == 16 else {
            return (400, "Sec-WebSocket-Key must be 16 bytes in base64")
        }
        return nil
    }
}
