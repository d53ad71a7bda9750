import FAQDialogue

/// Bookings on an event loop: a confirmed booking goes to the `BookingWorker`, and the loop answers
/// the patient (and the lines that waited behind the confirmation) once it is stored.
extension EventLoop {
    /// A booking stored (or not) by the worker, or a deferred line answered, for its connection.
    struct FinishedStore: @unchecked Sendable {
        // @unchecked: the worker only carries the connection back; only this loop's thread touches it.
        let connection: Connection
        let outcome: Outcome
        /// Whether it comes back from the encoder's workers (and so frees a place in the backlog).
        var fromWorker = false

        enum Outcome {
            /// The booking's store finished.
            case stored(BookingSubmission, Result<Booking, any Error>)
            /// The deferred line's reply.
            case answered(Reply)
        }
    }

    /// A connection carried to the worker and back, untouched there.
    private struct Carried: @unchecked Sendable {
        // @unchecked: see FinishedStore.
        let connection: Connection
    }

    /// Hands the confirmed booking to the booking worker, or the line that waits for the sentence
    /// encoder to the encoder's workers; the loop answers when it is done.
    func startStore(_ connection: Connection) {
        let carried = Carried(connection: connection)
        if let deferred = connection.lineProtocol?.takeDeferredLine() {
            guard encoderBacklog < configuration.maximumEncoderBacklog else {
                // The workers are busy: answer by words alone here rather than queue the line; the
                // reply goes the way a worker's would (at the loop's next wake-up).
                let finished = FinishedStore(connection: connection, outcome: .answered(deferred.performByWordsAlone()))
                stopLock.withLock { finishedStores.append(finished) }
                notifier.signal()
                return
            }
            encoderBacklog += 1
            secondOpinionWorkers.async { [self] in
                let finished = FinishedStore(connection: carried.connection, outcome: .answered(deferred.perform()), fromWorker: true)
                stopLock.withLock { finishedStores.append(finished) }
                notifier.signal()
            }
            return
        }
        guard let submission = connection.lineProtocol?.takeSubmission() else { return }
        bookingWorker.store(submission) { [self] result in
            let finished = FinishedStore(connection: carried.connection, outcome: .stored(submission, result))
            stopLock.withLock { finishedStores.append(finished) }
            notifier.signal()
        }
    }

    /// Sends the booking's reply, then answers what waited behind it.
    func answerStore(_ store: FinishedStore) {
        if store.fromWorker { encoderBacklog -= 1 }
        let connection = store.connection
        guard connections[connection.fd] === connection, let lineProtocol = connection.lineProtocol else { return }
        apply(connection.interest.storeAnswered(), to: connection)
        guard connection.lifecycle.phase != .closed else { return }  // it could not be watched again
        let now = MonotonicClock.now()
        let outputLimit = configuration.maximumOutputBytes + connection.sent
        let disposition: LineProtocol.Disposition
        switch store.outcome {
        case .stored(let submission, let result):
            disposition = lineProtocol.completeStore(submission, result: result, into: &connection.output,
                                                     outputLimit: outputLimit, lineBudget: configuration.linesPerTurn)
        case .answered(let reply):
            disposition = lineProtocol.completeDeferredLine(reply, into: &connection.output,
                                                            outputLimit: outputLimit, lineBudget: configuration.linesPerTurn)
        }
        guard settle(connection, disposition, at: now) else { return }
        if lineProtocol.inputEnded && !lineProtocol.isAwaitingStore {
            perform(connection.lifecycle.endOfInput(at: now, hasPendingOutput: connection.pendingCount > 0), on: connection)
            if connection.lifecycle.phase != .closed { flush(connection) }
            return
        }
        // Awaiting a store: another confirmed booking was next in line, already handed to the worker by settle.
        follow(connection.interest.answeredWaitingLines(awaitingStore: lineProtocol.isAwaitingStore,
                                                        hasPendingLines: lineProtocol.hasPendingLines), for: connection)
        flush(connection)
    }
}
