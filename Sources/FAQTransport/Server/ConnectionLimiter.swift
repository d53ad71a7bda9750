/// Counts open conversations across all loops against `--max-connections`, and per client address
/// against `--max-connections-per-address` when that is set.
public final class ConnectionLimiter: @unchecked Sendable {
    // @unchecked: `count` and `perAddress` are only touched under `lock`.
    /// The most conversations at once.
    public let maximum: Int
    /// The most conversations at once from one IPv4 address; nil: no such limit.
    public let maximumPerAddress: Int?
    private let lock = PosixLock()
    private var count = 0
    private var perAddress: [UInt32: Int] = [:]

    /// Why a slot was not given.
    public enum Refusal: Sendable, Equatable {
        /// All `maximum` slots are taken.
        case full
        /// The address already holds `maximumPerAddress` slots.
        case addressFull
    }

    /// A limiter allowing `maximum` at once, and `maximumPerAddress` from one address.
    public init(maximum: Int, maximumPerAddress: Int? = nil) {
        self.maximum = maximum
        self.maximumPerAddress = maximumPerAddress
    }

    /// Takes a slot for a client at `address` (ignored without a per-address limit); nil when given.
    public func acquire(address: UInt32? = nil) -> Refusal? {
        lock.withLock {
            guard count < maximum else { return .full }
            if let maximumPerAddress, let address {
                let held = perAddress[address, default: 0]
                guard held < maximumPerAddress else { return .addressFull }
                perAddress[address] = held + 1
            }
            count += 1
            return nil
        }
    }

    /// Gives back a slot taken for `address`.
    public func release(address: UInt32? = nil) {
        lock.withLock {
            count -= 1
            if maximumPerAddress != nil, let address, let held = perAddress[address] {
                perAddress[address] = held > 1 ? held - 1 : nil
            }
        }
    }

    /// Slots taken now.
    public var current: Int { lock.withLock { count } }
}
