#if canImport(Glibc)
import Glibc
#endif

/// Seconds on the monotonic clock (never jumps with the wall clock).
public enum MonotonicClock {
    /// Now, in seconds since an arbitrary start.
    public static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Now, in nanoseconds since an arbitrary start.
    public static func nanoseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}
