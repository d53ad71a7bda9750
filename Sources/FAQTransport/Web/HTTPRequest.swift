import Foundation

/// One parsed HTTP/1.x request head (the server serves no request bodies).
public struct HTTPRequest: Sendable, Equatable {
    /// `GET`, `HEAD`, ... as sent (methods are case-sensitive).
    public var method: String
    /// The request target's path, e.g. `/chat`.
    public var path: String
    /// The query after `?`, without it (empty when none).
    public var query: String
    /// 0 for HTTP/1.0, 1 for HTTP/1.1.
    public var minorVersion: Int
    /// Header fields in order, names lower-cased, values trimmed.
    public var headers: [(name: String, value: String)]

    /// Creates a request.
    public init(method: String, path: String, query: String = "", minorVersion: Int = 1,
                headers: [(name: String, value: String)] = []) {
        self.method = method
        self.path = path
        self.query = query
        self.minorVersion = minorVersion
        self.headers = headers
    }

    /// The first value of header `name` (lower-case), or nil.
    public func header(_ name: String) -> String? { headers.first { $0.name == name }?.value }

    /// Whether header `name` lists `token` (comma-separated, case-insensitive), as `Connection: keep-alive, Upgrade`.
    public func header(_ name: String, contains token: String) -> Bool {
        headers.contains { field in
            field.name == name && field.value.split(separator: ",").contains {
                $0.trimmingCharacters(in: .whitespaces).lowercased() == token
            }
        }
    }

    /// Whether the connection stays open after the response (HTTP/1.1 unless `Connection: close`;
    /// HTTP/1.0 only with `Connection: keep-alive`).
    public var keepsAlive: Bool {
        minorVersion >= 1 ? !header("connection", contains: "close") : header("connection", contains: "keep-alive")
    }

    /// The value of query parameter `name`, or nil (no percent-decoding: our parameters are plain).
    public func queryValue(_ name: String) -> String? {
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.count == 2 && parts[0] == name { return String(parts[1]) }
        }
        return nil
    }

    public static func == (lhs: HTTPRequest, rhs: HTTPRequest) -> Bool {
        lhs.method == rhs.method && lhs.path == rhs.path && lhs.query == rhs.query && lhs.minorVersion == rhs.minorVersion
            && lhs.headers.map(\.name) == rhs.headers.map(\.name) && lhs.headers.map(\.value) == rhs.headers.map(\.value)
    }
}
