#if canImport(Glibc)
import Glibc
#endif

/// The process's limit on open file descriptors (RLIMIT_NOFILE).
public enum FileLimit {
    /// The soft and hard limits now.
    public static func current() throws(SystemCallError) -> (soft: Int, hard: Int) {
        var limit = rlimit()
        try systemCall("getrlimit") { getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) }
        return (clamp(limit.rlim_cur), clamp(limit.rlim_max))
    }

    /// Raises the soft limit towards `wanted` (never above the hard limit, never lowers it); returns
    /// the soft limit afterwards.
    @discardableResult
    public static func raise(to wanted: Int) throws(SystemCallError) -> Int {
        var limit = rlimit()
        try systemCall("getrlimit") { getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) }
        let target = min(rlim_t(max(0, wanted)), limit.rlim_max)
        guard target > limit.rlim_cur else { return clamp(limit.rlim_cur) }
        limit.rlim_cur = target
        try systemCall("setrlimit") { setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) }
        return clamp(target)
    }

    private static func clamp(_ value: rlim_t) -> Int {
        value > rlim_t(Int.max) ? Int.max : Int(value)  // RLIM_INFINITY is all ones
    }
}
