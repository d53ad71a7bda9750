/// One HTTP/1.1 connection before any WebSocket upgrade: bytes in, responses out. Pure: no I/O, no
/// clock (the loop times slow and idle connections from `isInsideRequest`).
///
/// Keep-alive and pipelined requests are served in order; an error response closes the connection
/// (the rest of the stream cannot be trusted). A valid `GET /chat` handshake gets its 101 response,
/// and `.upgrade` hands the connection to WebSocket with the bytes that followed the request.
public final class HTTPProtocol {
    /// What the connection should do after the output so far is sent.
    public enum Disposition: Sendable, Equatable {
        /// Keep reading requests.
        case open
        /// Flush, then close.
        case closeAfterFlush
        /// The 101 response is queued: the connection speaks WebSocket from now on.
        case upgrade(HTTPRequest)
    }

    private var parser: HTTPRequestParser
    private let site: WebSite
    private var finished = false

    /// A connection served by `site`.
    public init(site: WebSite, limits: HTTPRequestParser.Limits = .init()) {
        self.site = site
        parser = HTTPRequestParser(limits: limits)
    }

    /// Whether a request has begun and is not complete.
    public var isInsideRequest: Bool { parser.isInsideRequest }

    /// The bytes received after the upgrade request (the client's first WebSocket frames).
    public func takeRemainingBytes() -> [UInt8] { parser.takeRemainingBytes() }

    /// Feeds received bytes; appends a response per complete request.
    public func receive<Bytes: Collection>(_ bytes: Bytes, into output: inout [UInt8]) -> Disposition where Bytes.Element == UInt8 {
        guard !finished else { return .closeAfterFlush }
        parser.append(bytes)
        while true {
            switch parser.next() {
            case .needMore:
                return .open
            case .failure(let status, let reason):
                return refuse(.error(status, reason), into: &output)
            case .request(let request):
                switch site.route(request) {
                case .response(let response):
                    let keepAlive = request.keepsAlive && response.status < 400
                    response.append(to: &output, keepAlive: keepAlive, includeBody: request.method != "HEAD")
                    if !keepAlive {
                        finished = true
                        return .closeAfterFlush
                    }
                case .upgrade(let response):
                    response.append(to: &output, keepAlive: true)
                    finished = true
                    return .upgrade(request)
                }
            }
        }
    }

    /// A request that timed out unfinished: 408, then close.
    public func timedOut(into output: inout [UInt8]) {
        guard !finished, parser.isInsideRequest else { return }
        _ = refuse(.error(408, "the request did not arrive in time"), into: &output)
    }

    private func refuse(_ response: HTTPResponse, into output: inout [UInt8]) -> Disposition {
        response.append(to: &output, keepAlive: false)
        finished = true
        return .closeAfterFlush
    }
}
