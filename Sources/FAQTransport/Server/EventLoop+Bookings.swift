import FAQDialogue

/// Bookings on an event loop: a confirmed booking goes to the `BookingWorker`, and the loop answers
/// the patient (and the lines that waited behind the confirmation) once it is stored.
extension EventLoop {
    /// A booking stored (or not) by the worker, for the connection that confirmed it.
    struct FinishedStore: @unchecked Sendable {
        // @unchecked: the worker only carries the connection back; only this loop's thread touches it.
        let connection: Connection
        let submission: BookingSubmission
        let result: Result<Booking, any Error>
    }

    /// A connection carried to the worker and back, untouched there.
    private struct Carried: @unchecked Sendable {
        // @unchecked: see FinishedStore.
        let connection: Connection
    }

    /// Hands the confirmed booking to the worker; the loop answers when it is stored.
    func startStore(_ connection: Connection) {
        guard let submission = connection.lineProtocol?.takeSubmission() else { return }
        let carried = Carried(connection: connection)
        bookingWorker.store(submission) { [self] result in
            let finished = FinishedStore(connection: carried.connection, submission: submission, result: result)
            stopLock.withLock { finishedStores.append(finished) }
            notifier.signal()
        }
    }

    /// Sends the booking's reply, then answers what waited behind it.
    func answerStore(_ store: FinishedStore) {
        let connection = store.connection
        guard connections[connection.fd] === connection, let lineProtocol = connection.lineProtocol else { return }
        if connection.detached {
            connection.detached = false
            do {
                try epoll.add(connection.fd, .readable)
                updateInterest(connection)
            } catch {
                log.write("error: \(error)")
                perform(connection.lifecycle.failed(), on: connection)
                return
            }
        }
        let now = MonotonicClock.now()
        let disposition = lineProtocol.completeStore(store.submission, result: store.result, into: &connection.output,
                                                     outputLimit: configuration.maximumOutputBytes + connection.sent,
                                                     lineBudget: configuration.linesPerTurn)
        guard settle(connection, disposition, at: now) else { return }
        if lineProtocol.inputEnded && !lineProtocol.isAwaitingStore {
            perform(connection.lifecycle.endOfInput(at: now, hasPendingOutput: connection.pendingCount > 0), on: connection)
            if connection.lifecycle.phase != .closed { flush(connection) }
            return
        }
        if lineProtocol.isAwaitingStore {
            // Another confirmed booking was next in line: already handed to the worker by settle.
        } else if lineProtocol.hasPendingLines {
            backlog.append(connection)
        } else if connection.readingPaused {
            connection.readingPaused = false
            updateInterest(connection)
        }
        flush(connection)
    }
}
