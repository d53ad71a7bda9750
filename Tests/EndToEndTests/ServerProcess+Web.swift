import Foundation

/// What the web tests ask a running server's HTTP port.
extension ServerProcess {
    /// `/healthz`'s count of open connections (this request's own included).
    func openConnections() throws -> Int? {
        let connection = try ServerClient(port: httpPort)
        try connection.send("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        let head = try connection.readThrough("\r\n\r\n")
        let length = Int(head.components(separatedBy: "Content-Length: ")[1].prefix { $0.isNumber })!
        let health = try JSONSerialization.jsonObject(with: Data(try connection.readBytes(length))) as? [String: Any]
        return health?["open_connections"] as? Int
    }

    /// Connects with `?resume=TOKEN&seen=N` until the server has parked the conversation (it parks it
    /// when it notices the old connection closed, or when a reply that was out arrives); returns the
    /// client and its first message.
    func resume(token: String, seen: Int) throws -> (WebSocketTestClient, [String: Any]) {
        let deadline = Date().addingTimeInterval(10)
        while true {
            let chat = try WebSocketTestClient(port: httpPort, path: "/chat?resume=\(token)&seen=\(seen)")
            let first = try chat.readJSON()
            if first["type"] as? String != "welcome" || Date() > deadline { return (chat, first) }
        }
    }
}
