#if canImport(Glibc)
import Glibc
#endif
import SentenceEncoder

/// `faqbot bench --encoder`: how long the built-in sentence encoder takes to load and to encode each
/// query, on the calling thread (one core), with the monotonic clock.
struct EncoderBench {
    /// Seconds from the first use of `SentenceEncoder.shared` until it is ready.
    var loadSeconds = 0.0
    /// Time per encoded query (tokenizing included), over all repeats.
    var latencies = BenchCommand.Latencies()
    /// The same, as CPU time of the thread: what the encoding cost, even when other processes shared
    /// the core.
    var cpuTimes = BenchCommand.Latencies()
    /// The median number of tokens per query, `[CLS]` and `[SEP]` included.
    var medianTokens = 0

    /// Loads the encoder, then encodes every query `repeats` times, each timed on its own.
    static func run(_ queries: [String], repeats: Int) throws(SentenceEncoderError) -> EncoderBench {
        guard SentenceEncoder.isSupportedByThisProcessor else { throw .unsupportedProcessor }
        var bench = EncoderBench()
        let loadStart = monotonicNanoseconds()
        let encoder = SentenceEncoder.shared
        bench.loadSeconds = Double(monotonicNanoseconds() - loadStart) / 1e9
        bench.medianTokens = queries.map { encoder.tokenize($0).count }.sorted()[queries.count / 2]
        var nanoseconds: [UInt64] = []
        var cpuNanoseconds: [UInt64] = []
        var checksum: Float = 0
        for _ in 0..<repeats {
            for query in queries {
                let start = monotonicNanoseconds(), cpuStart = threadCPUNanoseconds()
                let vector = encoder.encode(query)
                cpuNanoseconds.append(threadCPUNanoseconds() - cpuStart)
                nanoseconds.append(monotonicNanoseconds() - start)
                checksum += vector[0]
            }
        }
        precondition(checksum.isFinite, "the encoder returned a non-finite value")
        bench.latencies = BenchCommand.Latencies(nanoseconds: nanoseconds)
        bench.cpuTimes = BenchCommand.Latencies(nanoseconds: cpuNanoseconds)
        return bench
    }

    /// Nanoseconds on the monotonic clock.
    private static func monotonicNanoseconds() -> UInt64 { nanoseconds(CLOCK_MONOTONIC) }

    /// Nanoseconds of CPU time this thread has used.
    private static func threadCPUNanoseconds() -> UInt64 { nanoseconds(CLOCK_THREAD_CPUTIME_ID) }

    private static func nanoseconds(_ clock: clockid_t) -> UInt64 {
        var now = timespec()
        clock_gettime(clock, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }
}
