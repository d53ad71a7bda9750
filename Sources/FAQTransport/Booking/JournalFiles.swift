#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The file-system steps of the journal, each one system call through `systemCall`.
enum JournalFiles {
    /// Creates `directory` and its missing parents with mode 0700, fsyncing each parent after a
    /// directory is created in it.
    static func createDirectories(_ directory: String) throws(SystemCallError) {
        var status = stat()
        if stat(directory, &status) == 0 { return }
        let parent = (directory as NSString).deletingLastPathComponent
        if !parent.isEmpty && parent != directory { try createDirectories(parent) }
        do {
            try systemCall("mkdir") { mkdir(directory, 0o700) }
        } catch where error.errno == EEXIST {
            return
        }
        try syncDirectory(of: directory)
    }

    /// Opens `path` for appending (`O_RDWR | O_APPEND | O_CLOEXEC`), creating it with mode 0600 if
    /// needed; says whether it was created.
    static func openAppending(_ path: String) throws(SystemCallError) -> (fd: Int32, created: Bool) {
        let flags = O_RDWR | O_APPEND | O_CLOEXEC
        do {
            if case .done(let fd) = try systemCall("open", { open(path, flags | O_CREAT | O_EXCL, 0o600) }) {
                return (fd, true)
            }
        } catch where error.errno == EEXIST {
            if case .done(let fd) = try systemCall("open", { open(path, flags) }) { return (fd, false) }
        }
        throw SystemCallError(call: "open", errno: EAGAIN)
    }

    /// fsyncs the directory that holds `path`, so a newly created entry survives a crash.
    static func syncDirectory(of path: String) throws(SystemCallError) {
        var directory = (path as NSString).deletingLastPathComponent
        if directory.isEmpty { directory = "." }
        guard case .done(let fd) = try systemCall("open", { open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }) else { return }
        defer { close(fd) }
        try systemCall("fsync") { fsync(fd) }
    }

    /// Reads a whole file from an open descriptor.
    static func readAll(_ fd: Int32) throws(SystemCallError) -> [UInt8] {
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            var failure: SystemCallError? = nil
            let count = chunk.withUnsafeMutableBytes { buffer -> Int in
                do throws(SystemCallError) {
                    if case .done(let count) = try systemCall("read", { read(fd, buffer.baseAddress, buffer.count) }) { return count }
                    return 0
                } catch {
                    failure = error
                    return 0
                }
            }
            if let failure { throw failure }
            if count == 0 { return result }
            result.append(contentsOf: chunk[0..<count])
        }
    }

    /// Writes `bytes` to a new file `path` (mode 0600, must not exist) and fsyncs it.
    static func writeNewFile(_ path: String, _ bytes: ArraySlice<UInt8>) throws(SystemCallError) {
        guard case .done(let fd) = try systemCall("open", { open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600) }) else {
            throw SystemCallError(call: "open", errno: EAGAIN)
        }
        defer { close(fd) }
        try write(fd, Array(bytes))
        try systemCall("fsync") { fsync(fd) }
    }

    /// Writes all of `bytes`, looping on short writes and EINTR.
    static func write(_ fd: Int32, _ bytes: [UInt8]) throws(SystemCallError) {
        try writeAll(fd, bytes)
    }

    /// Reads exactly `count` bytes at `offset` (pread, looping on short reads); fewer at end of file.
    static func readAt(_ fd: Int32, count: Int, offset: Int) throws(SystemCallError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            var failure: SystemCallError? = nil
            let got = bytes.withUnsafeMutableBytes { buffer -> Int in
                do throws(SystemCallError) {
                    return try systemCall("pread") {
                        pread(fd, buffer.baseAddress! + filled, count - filled, off_t(offset + filled))
                    }.value
                } catch {
                    failure = error
                    return 0
                }
            }
            if let failure { throw failure }
            if got == 0 { break }
            filled += got
        }
        return Array(bytes[0..<filled])
    }

    /// Takes (`LOCK_EX`) or drops (`LOCK_UN`) an advisory lock on the whole file.
    static func lock(_ fd: Int32, _ operation: Int32) throws(SystemCallError) {
        try systemCall("flock") { flock(fd, operation) }
    }
}
