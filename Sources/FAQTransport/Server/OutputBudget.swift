/// Unsent reply bytes held across all connections of all loops, against `--max-output-total`, so
/// many clients that never read cannot make the server hold `--max-output` bytes each.
public final class OutputBudget: @unchecked Sendable {
    // @unchecked: `held` is only touched under `lock`.
    /// The most unsent bytes held in all.
    public let maximum: Int
    private let lock = PosixLock()
    private var held = 0

    /// A budget of `maximum` bytes.
    public init(maximum: Int) {
        self.maximum = maximum
    }

    /// Adds `delta` (negative when bytes were sent or dropped); returns whether the total is now over.
    @discardableResult
    public func add(_ delta: Int) -> Bool {
        lock.withLock {
            held += delta
            return held > maximum
        }
    }

    /// Unsent bytes held now.
    public var current: Int { lock.withLock { held } }
}
