/// Every limit and setting of the TCP server, with its default, in one place.
public struct ServerConfiguration: Sendable {
    /// The IPv4 address to bind (loopback by default; a wider bind is the operator's choice).
    public var host = "127.0.0.1"
    /// The TCP port; 0 lets the kernel choose (the log line names the port bound).
    public var port = 7878
    /// Event-loop threads; each runs its own epoll over its share of the connections.
    public var threads = 1
    /// Open conversations at most; one more gets a `busy` reply and is closed.
    public var maximumConnections = 4096
    /// Open conversations at most from one IPv4 address (nil: no such limit; behind a reverse proxy
    /// every connection comes from the proxy's address); one more gets a `busy` reply and is closed.
    public var maximumConnectionsPerAddress: Int? = nil
    /// Seconds without input before the server says bye and closes; also the longest a line may take
    /// to arrive, counted from its first byte.
    public var idleTimeout = 300.0
    /// The longest request line, in bytes, without its terminator.
    public var maximumLineLength = 4096
    /// Whether replies start as JSON lines (else text; `/format` switches one connection).
    public var json = false
    /// Unsent reply bytes a connection may hold; past this the client is not reading and is closed.
    public var maximumOutputBytes = 1 << 20
    /// Memory all connections may hold for unsent replies together (their output buffers' capacity);
    /// past this, a connection whose buffer grows while it holds more than `outputAllowance` unsent
    /// bytes is closed as not reading.
    public var maximumTotalOutputBytes = 32 << 20
    /// Unsent bytes any connection may hold even when the total is over `maximumTotalOutputBytes`, so
    /// clients that read are never closed for the ones that do not.
    public var outputAllowance = 65536
    /// Request lines one connection gets answered per turn of its loop; the rest wait (and reading
    /// from it pauses) while the loop's other connections get their turn.
    public var linesPerTurn = 32
    /// Lines waiting for the sentence encoder that one event loop hands its workers at most; past it,
    /// a line is answered by words alone on the loop (a flood of never-seen lines cannot make every
    /// patient wait for the encoder).
    public var maximumEncoderBacklog = 16
    /// Connections accepted per wake-up of one loop, so accepting cannot starve the others.
    public var acceptsPerWakeup = 16
    /// Seconds to stop accepting after running out of file descriptors (EMFILE).
    public var acceptPause = 0.1
    /// Seconds a closing connection is drained (reading and discarding) after our last reply, so the
    /// client reads that reply instead of a reset.
    public var lingerTimeout = 1.0
    /// Seconds the server waits on shutdown for replies to be flushed before closing regardless.
    public var shutdownGrace = 1.5
    /// The listen backlog.
    public var backlog: Int32 = 1024
    /// Bytes read from a socket at a time.
    public var readChunk = 65536

    /// The HTTP/WebSocket port for the website widget (nil: off; 0 lets the kernel choose). Bound on
    /// `host` like the line port.
    public var httpPort: Int? = nil
    /// Origins whose pages may open `/chat` (`--allow-origin`); empty: the server's own origin only.
    public var allowedOrigins: [String] = []
    /// Seconds a WebSocket conversation whose connection dropped can be resumed with its token.
    public var resumeWindow = 900.0
    /// Conversations kept for resuming at most; past it the one that would expire first is dropped.
    public var maximumParkedConversations = 10_000
    /// Replies a conversation keeps for replaying to a client that resumes it.
    public var repliesKeptForResume = 64
    /// Seconds an HTTP request may take to arrive, and a kept-alive HTTP connection may stay idle.
    public var httpTimeout = 15.0
    /// The largest WebSocket message (all its fragments), in bytes; a longer one closes with 1009.
    /// Messages over `maximumLineLength` but within this get the `line_too_long` reply.
    public var maximumMessageBytes = 65536
    /// The version `/healthz` reports.
    public var version = "0.11.0"

    /// The defaults.
    public init() {}
}
