import FAQDialogue

/// Bookings on an event loop: a confirmed booking goes to the `BookingWorker`, and the loop answers
/// the patient (and the lines that waited behind the confirmation) once it is stored.
extension EventLoop {
    /// A deferred reply (a booking stored or not, or a line answered with the encoder) for its connection.
    struct FinishedStore: @unchecked Sendable {
        // @unchecked: the worker only carries the connection back; only this loop's thread touches it.
        let connection: Connection
        let reply: ConnectionState.DeferredReply
        /// Whether it comes back from the encoder's workers (and so frees a place in the backlog).
        var fromWorker = false
    }

    /// A connection carried to the worker and back, untouched there.
    private struct Carried: @unchecked Sendable {
        // @unchecked: see FinishedStore.
        let connection: Connection
    }

    /// Hands the line that waits for the sentence encoder to the encoder's workers; the loop answers
    /// when it is done.
    func ask(_ line: DeferredLine, for connection: Connection) {
        guard encoderBacklog < configuration.maximumEncoderBacklog else {
            // The workers are busy: answer by words alone here rather than queue the line; the
            // reply goes the way a worker's would (at the loop's next wake-up).
            let finished = FinishedStore(connection: connection, reply: .answered(line.performByWordsAlone()))
            stopLock.withLock { finishedStores.append(finished) }
            notifier.signal()
            return
        }
        encoderBacklog += 1
        let carried = Carried(connection: connection)
        secondOpinionWorkers.async { [self] in
            let finished = FinishedStore(connection: carried.connection, reply: .answered(line.perform()), fromWorker: true)
            stopLock.withLock { finishedStores.append(finished) }
            notifier.signal()
        }
    }

    /// Hands the confirmed booking to the booking worker; the loop answers when it is stored.
    func store(_ submission: BookingSubmission, for connection: Connection) {
        let carried = Carried(connection: connection)
        bookingWorker.store(submission) { [self] result in
            let finished = FinishedStore(connection: carried.connection, reply: .stored(submission, result))
            stopLock.withLock { finishedStores.append(finished) }
            notifier.signal()
        }
    }

    /// Sends the deferred reply, then what waited behind it.
    func answerStore(_ store: FinishedStore) {
        if store.fromWorker { encoderBacklog -= 1 }
        let connection = store.connection
        guard !connection.isClosed else {
            // A WebSocket conversation closed by a deadline while its reply was out is kept for
            // resuming once the reply is in it.
            if let conversation = connection.conversation,
               connection.state.deferredReplyArrivedAfterClose(store.reply, into: &connection.output) {
                connection.frameReplies()  // recorded for replaying
                resumeStore?.park(conversation, at: MonotonicClock.now())
            }
            return
        }
        run(connection.state.deferredReplyArrived(store.reply, at: MonotonicClock.now(), sent: connection.sent,
                                                  into: &connection.output), for: connection)
    }
}
