/// One accepted socket on an event loop: its bytes (unsent output, WebSocket framing) and its
/// `ConnectionState`, which decides everything else.
///
/// Confined to the loop thread that accepted it; only that loop's code touches it.
final class Connection {
    /// The socket.
    let fd: Int32
    /// The protocol's, lifecycle's and epoll interest's state: what to do on each event.
    let state: ConnectionState
    /// Whether the loop closed the socket (the actions still queued for it are dropped).
    var isClosed = false
    /// The HTTP state before any upgrade (HTTP port only).
    var http: HTTPProtocol?
    /// The WebSocket framing after the upgrade; replies the line protocol appends to `output` (from
    /// `framedEnd` on) are sent as one text message each (`frameReplies`).
    var webSocket: WebSocketProtocol?
    /// The resumable conversation a WebSocket connection carries.
    var conversation: ChatConversation?
    /// Where unframed reply lines start in `output` (WebSocket only).
    var framedEnd = 0
    /// Whether the connection holds a slot of the `ConnectionLimiter` (not one refused as busy).
    let holdsSlot: Bool
    /// Bytes queued for the client; `output[sent...]` is still unsent.
    var output: [UInt8] = []
    /// How many bytes of `output` were sent.
    var sent = 0
    /// Bytes this connection has counted in the server's `OutputBudget` (`heldOutputBytes` when last
    /// flushed).
    var budgeted = 0
    /// The client's IPv4 address when a per-address limit counts it (it holds a slot under it).
    let address: UInt32?

    init(fd: Int32, state: ConnectionState, address: UInt32? = nil, holdsSlot: Bool = true) {
        self.fd = fd
        self.holdsSlot = holdsSlot
        self.address = address
        self.state = state
    }

    /// Unsent bytes.
    var pendingCount: Int { output.count - sent }

    /// Memory held for unsent output: the buffer's capacity while anything is unsent (a buffer grows
    /// by doubling, so this can be twice the unsent bytes), else nothing.
    var heldOutputBytes: Int { sent < output.count ? output.capacity : 0 }

    /// Sends as much queued output as the socket takes. Returns true when everything was sent.
    func flush() throws(SystemCallError) -> Bool {
        frameReplies()
        defer { framedEnd = output.count }
        while sent < output.count {
            let result = output.withUnsafeBytes { buffer in
                Result { () throws(SystemCallError) in try Socket.send(fd, UnsafeRawBufferPointer(rebasing: buffer[sent...])) }
            }
            switch try result.get() {
            case .done(let count): sent += count
            case .wouldBlock:
                if sent >= 65536 {
                    output.removeFirst(sent)
                    sent = 0
                }
                return false
            }
        }
        // Keep a small buffer for the next reply; give a big one back.
        if output.capacity > 16384 { output = [] } else { output.removeAll(keepingCapacity: true) }
        sent = 0
        return true
    }

    /// WebSocket: turns the reply lines queued since the last call into text messages (each recorded
    /// for resuming). Nothing is framed after a close frame.
    func frameReplies() {
        guard let webSocket, framedEnd < output.count else { return }
        var framed: [UInt8] = []
        framed.reserveCapacity(output.count - framedEnd + 16)
        output.withUnsafeBufferPointer { buffer in
            var start = framedEnd
            while start < buffer.count {
                let end = buffer[start...].firstIndex(of: 0x0A) ?? buffer.count
                if end > start {
                    let reply = UnsafeBufferPointer(rebasing: buffer[start..<end])
                    conversation?.record(reply)
                    if !webSocket.closeSent { WebSocketProtocol.appendText(reply, to: &framed) }
                }
                start = end + 1
            }
        }
        output.replaceSubrange(framedEnd..., with: framed)
        framedEnd = output.count
    }

    /// WebSocket: queues a close frame after the replies queued so far.
    func closeWebSocket(_ code: WebSocketProtocol.CloseCode, reason: String = "") {
        guard let webSocket else { return }
        frameReplies()
        webSocket.close(code, reason: reason, into: &output)
        framedEnd = output.count
    }
}
