/// Counts open conversations across all loops against `--max-connections`.
public final class ConnectionLimiter: @unchecked Sendable {
    // @unchecked: `count` is only touched under `lock`.
    /// The most conversations at once.
    public let maximum: Int
    private let lock = PosixLock()
    private var count = 0

    /// A limiter allowing `maximum` at once.
    public init(maximum: Int) {
        self.maximum = maximum
    }

    /// Takes a slot; false when all are taken.
    public func acquire() -> Bool {
        lock.withLock {
            guard count < maximum else { return false }
            count += 1
            return true
        }
    }

    /// Gives a slot back.
    public func release() {
        lock.withLock { count -= 1 }
    }

    /// Slots taken now.
    public var current: Int { lock.withLock { count } }
}
