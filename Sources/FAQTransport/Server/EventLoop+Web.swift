import FAQDialogue

/// The HTTP port on an event loop: HTTP requests until a WebSocket upgrade, then WebSocket messages
/// carried to a line protocol in JSON, one text message per request line and per reply. The loop
/// only moves bytes: `HTTPProtocol`, `WebSocketProtocol` and the `ConnectionState` (with its
/// `LineProtocol`) decide.
extension EventLoop {
    /// A new connection on the HTTP port (a 503 response when over the connection limit), and what
    /// to do first.
    func acceptHTTP(_ fd: Int32, address: UInt32?, site: WebSite, at now: Double) -> (Connection, [ConnectionState.Action]) {
        let state = ConnectionState(lineProtocol: nil, at: now, limits: limits, idleTimeout: configuration.httpTimeout)
        if let refusal = limiter.acquire(address: address) {
            let connection = Connection(fd: fd, state: state, holdsSlot: false)
            HTTPResponse.error(503, "the assistant is busy right now; please try again in a minute")
                .append(to: &connection.output, keepAlive: false)
            state.conversationEnded(at: now)
            logRefusal(refusal, at: now)
            return (connection, [.flush])
        }
        let connection = Connection(fd: fd, state: state, address: address)
        connection.http = HTTPProtocol(site: site)
        return (connection, [.flush])
    }

    /// Bytes from a connection of the HTTP port.
    func receiveWeb<Bytes: Collection>(_ connection: Connection, _ bytes: Bytes, at now: Double) where Bytes.Element == UInt8 {
        guard connection.state.readsInput else { return }  // closing or draining: input is discarded
        if let http = connection.http {
            switch http.receive(bytes, into: &connection.output) {
            case .open:
                connection.state.receivedOther(at: now, insideRequest: http.isInsideRequest)
            case .closeAfterFlush:
                connection.state.conversationEnded(at: now)
            case .upgrade(let request):
                upgrade(connection, request, leftover: http.takeRemainingBytes(), at: now)
                return
            }
            run([.flush], for: connection)
            return
        }
        guard let webSocket = connection.webSocket else { return }
        connection.frameReplies()
        let (messages, disposition) = webSocket.receive(bytes, into: &connection.output)
        connection.framedEnd = connection.output.count
        connection.state.receivedOther(at: now)
        if !messages.isEmpty && disposition == .open {
            // One message is one request line: line breaks inside it become spaces.
            var lines: [UInt8] = []
            for message in messages {
                lines.append(contentsOf: message.utf8.lazy.map { $0 == 0x0A || $0 == 0x0D ? 0x20 : $0 })
                lines.append(0x0A)
            }
            lines.withUnsafeBytes { receiveLines(connection, $0, at: now) }
            return
        }
        if disposition == .closeAfterFlush { connection.state.conversationEnded(at: now) }
        run([.flush], for: connection)
    }

    /// Switches a connection that sent a valid handshake (its 101 is queued) to WebSocket: resumes the
    /// conversation of `?resume=TOKEN` (replaying the replies after `&seen=N`) or starts a new one.
    private func upgrade(_ connection: Connection, _ request: HTTPRequest, leftover: [UInt8], at now: Double) {
        connection.http = nil
        connection.webSocket = WebSocketProtocol(maximumMessageBytes: configuration.maximumMessageBytes)
        connection.framedEnd = connection.output.count
        if let token = request.queryValue("resume"), let conversation = resumeStore?.take(token, at: now) {
            connection.conversation = conversation
            let seen = request.queryValue("seen").flatMap { Int($0) } ?? 0
            for reply in conversation.replies(after: seen) { WebSocketProtocol.appendText(reply, to: &connection.output) }
            connection.framedEnd = connection.output.count
            run(connection.state.upgrade(to: conversation.lineProtocol, at: now), for: connection)
        } else {
            let session = makeSession()
            session.defersBookingStores = true
            session.defersSecondOpinions = true
            let lineProtocol = LineProtocol(session: session, format: .json, maximumLineLength: configuration.maximumLineLength)
            lineProtocol.isOverWebSocket = true
            let conversation = ChatConversation(lineProtocol: lineProtocol, kept: configuration.repliesKeptForResume)
            connection.conversation = conversation
            run(connection.state.upgrade(to: lineProtocol, at: now), for: connection)
            lineProtocol.greet(into: &connection.output, resumeToken: conversation.token)
        }
        if leftover.isEmpty {
            run([.flush], for: connection)
        } else {
            receiveWeb(connection, leftover, at: now)
        }
    }
}
