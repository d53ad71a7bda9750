/// What the HTTP port serves: the demo page, the widget's files, the health check and the chat's
/// WebSocket handshake. Pure: the health figures come from an injected closure.
public struct WebSite: Sendable {
    /// How a request is answered.
    public enum Route: Sendable, Equatable {
        /// A plain response.
        case response(HTTPResponse)
        /// The 101 response of a valid WebSocket handshake on `/chat`.
        case upgrade(HTTPResponse)
    }

    /// Origins (`https://clinic.example`) whose pages may open the chat; empty: only the server's own
    /// origin (the `Host` the browser used, over http or https). A client that sends no `Origin` (not a
    /// browser) is let in: the check protects patients' browsers from other sites, not the server.
    public var allowedOrigins: [String]
    /// The `/healthz` body (JSON).
    public var health: @Sendable () -> String

    /// A site with the origin allow-list and the health report.
    public init(allowedOrigins: [String] = [], health: @escaping @Sendable () -> String) {
        self.allowedOrigins = allowedOrigins
        self.health = health
    }

    /// The response or upgrade for `request`.
    public func route(_ request: HTTPRequest) -> Route {
        if request.path == "/chat" {
            if let refusal = WebSocketHandshake.refusal(of: request) {
                var headers: [String: String] = [:]
                if refusal.status == 405 { headers["Allow"] = "GET" }
                if refusal.status == 426 { headers["Upgrade"] = "websocket"; headers["Sec-WebSocket-Version"] = "13" }
                return .response(.error(refusal.status, refusal.reason, headers: headers))
            }
            guard isAllowed(origin: request.header("origin"), host: request.header("host")) else {
                return .response(.error(403, "pages of this origin may not open the chat (see --allow-origin)"))
            }
            return .upgrade(HTTPResponse(status: 101, headers: [
                "Upgrade": "websocket", "Connection": "Upgrade",
                "Sec-WebSocket-Accept": WebSocketHandshake.acceptValue(forKey: request.header("sec-websocket-key") ?? ""),
            ]))
        }
        guard let file = file(at: request.path, host: request.header("host")) else {
            return .response(.error(404, "there is nothing at \(Self.printable(request.path))"))
        }
        guard request.method == "GET" || request.method == "HEAD" else {
            return .response(.error(405, "only GET and HEAD are served here", headers: ["Allow": "GET, HEAD"]))
        }
        return .response(file)
    }

    /// Whether a page of `origin` may open the chat on a server reached as `host`.
    func isAllowed(origin: String?, host: String?) -> Bool {
        guard let origin else { return true }
        if allowedOrigins.isEmpty {
            guard let host else { return false }
            return origin == "http://" + host || origin == "https://" + host
        }
        return allowedOrigins.contains("*") || allowedOrigins.contains(origin)
    }

    private func file(at path: String, host: String?) -> HTTPResponse? {
        switch path {
        case "/", "/index.html":
            return HTTPResponse(status: 200, headers: [
                "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-cache",
                "Content-Security-Policy": Self.demoPagePolicy(host: host),
            ], body: Array(WebAssets.demoPage.utf8))
        case "/demo.css": return asset(WebAssets.demoStyle, type: "text/css; charset=utf-8")
        case "/widget.js": return asset(WebAssets.widgetScript, type: "text/javascript; charset=utf-8")
        case "/widget.css": return asset(WebAssets.widgetStyle, type: "text/css; charset=utf-8")
        case "/healthz":
            return HTTPResponse(status: 200, headers: ["Content-Type": "application/json", "Cache-Control": "no-store"],
                                body: Array(health().utf8))
        default: return nil
        }
    }

    /// The widget's files may be embedded by any site (`Cross-Origin-Resource-Policy: cross-origin`).
    private func asset(_ text: String, type: String) -> HTTPResponse {
        HTTPResponse(status: 200, headers: ["Content-Type": type, "Cache-Control": "public, max-age=300",
                                            "Cross-Origin-Resource-Policy": "cross-origin"], body: Array(text.utf8))
    }

    /// The demo page's policy: its own scripts and styles only (nothing inline), the chat's socket on
    /// the same host, no frames, forms or plugins.
    static func demoPagePolicy(host: String?) -> String {
        var connect = "'self'"
        if let host, !host.isEmpty, host.utf8.allSatisfy({ byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ":")
                || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]")
        }) {
            connect += " ws://\(host) wss://\(host)"
        }
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src \(connect); "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    }

    /// `text` cut short, with control characters dropped, for an error message.
    private static func printable(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.prefix(80).map(Character.init))
    }
}
