/// One HTTP/1.1 response, serialised with the headers every response carries. Pure.
public struct HTTPResponse: Sendable, Equatable {
    /// The status code.
    public var status: Int
    /// Extra header fields (besides the security headers, `Content-Length` and `Connection`).
    public var headers: [String: String]
    /// The body (empty for 101 and HEAD).
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int, headers: [String: String] = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A short plain-text error response (the reason says what to change).
    public static func error(_ status: Int, _ reason: String, headers: [String: String] = [:]) -> HTTPResponse {
        var headers = headers
        headers["Content-Type"] = "text/plain; charset=utf-8"
        headers["Cache-Control"] = "no-store"
        return HTTPResponse(status: status, headers: headers, body: Array("\(status) \(reasonPhrase(status)): \(reason)\n".utf8))
    }

    /// Headers on every response: no content sniffing, no referrer, not framed by other sites.
    static let securityHeaders: [(String, String)] = [
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("X-Frame-Options", "DENY"),
        ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
    ]

    /// Appends the response; `includeBody` false for HEAD (the length still says what GET would send).
    public func append(to output: inout [UInt8], keepAlive: Bool, includeBody: Bool = true) {
        var head = "HTTP/1.1 \(status) \(Self.reasonPhrase(status))\r\n"
        for (name, value) in Self.securityHeaders where headers[name] == nil { head += "\(name): \(value)\r\n" }
        for name in headers.keys.sorted() { head += "\(name): \(headers[name]!)\r\n" }
        if status != 101 {
            head += "Content-Length: \(body.count)\r\n"
            head += keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n"
        }
        head += "\r\n"
        output.append(contentsOf: head.utf8)
        if includeBody { output.append(contentsOf: body) }
    }

    /// The standard reason phrase of `status`.
    public static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 101: return "Switching Protocols"
        case 200: return "OK"
        case 400: return "Bad Request"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 408: return "Request Timeout"
        case 413: return "Content Too Large"
        case 414: return "URI Too Long"
        case 426: return "Upgrade Required"
        case 431: return "Request Header Fields Too Large"
        case 503: return "Service Unavailable"
        case 505: return "HTTP Version Not Supported"
        default: return "Status"
        }
    }
}
