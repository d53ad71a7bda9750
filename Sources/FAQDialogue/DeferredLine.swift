/// A line whose reply waits for the sentence encoder, left by a session that defers them
/// (`Session.defersSecondOpinions`) for its transport to answer on a worker thread.
public struct DeferredLine: @unchecked Sendable {
    // @unchecked: the session is touched only by the worker while the line is out, and the transport
    // sends no other line of that connection to it until the reply is back.
    let session: Session
    /// The line as received.
    public let line: String

    /// Computes the reply (the encoder included): call it on a worker, never on an event loop.
    public func perform() -> Reply {
        session.answerNow(line.trimmingCharacters(in: " \t\r\n"))
    }

    /// Computes the reply by words alone (fast enough for an event loop), when the encoder's workers
    /// are too busy to take the line without making the patient wait.
    public func performByWordsAlone() -> Reply {
        session.answerNow(line.trimmingCharacters(in: " \t\r\n"), byWordsAlone: true)
    }
}
