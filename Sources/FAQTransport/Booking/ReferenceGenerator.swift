/// Makes booking references that are short enough to read out on the phone: six characters of
/// Crockford's base 32 (no I, L, O or U), grouped in threes, e.g. `K7Q-9MZ`. About a billion
/// possibilities; the journal checks each against the references it knows and draws again.
public struct ReferenceGenerator: Sendable {
    /// The 32 symbols.
    public static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    private let random: @Sendable () -> UInt64

    /// Creates a generator; `random` defaults to the system's secure generator (tests inject their own).
    public init(random: @escaping @Sendable () -> UInt64 = { var generator = SystemRandomNumberGenerator(); return generator.next() }) {
        self.random = random
    }

    /// A new reference that is not in `taken`.
    public func next(avoiding taken: Set<String>) -> String {
        while true {
            var bits = random()
            var symbols: [Character] = []
            for _ in 0..<6 {
                symbols.append(Self.alphabet[Int(bits & 31)])
                bits >>= 5
            }
            let reference = String(symbols[0..<3]) + "-" + String(symbols[3..<6])
            if !taken.contains(reference) { return reference }
        }
    }
}
