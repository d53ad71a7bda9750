#if canImport(Glibc)
import Glibc
#endif

/// Replaces a file's content all at once: a new file beside it (same mode), fsynced, renamed over it,
/// the directory fsynced. A reader sees the old content or the new, never half of it.
public enum AtomicFile {
    /// Writes `text` to `path`, keeping the mode of the file it replaces (`mode` for a new one).
    public static func replace(_ path: String, with text: String, mode: mode_t = 0o600) throws(StaffLogError) {
        try replace(path, with: ArraySlice(Array(text.utf8)), mode: mode)
    }

    /// Writes `bytes` to `path`, keeping the mode of the file it replaces (`mode` for a new one).
    public static func replace(_ path: String, with bytes: ArraySlice<UInt8>, mode: mode_t = 0o600) throws(StaffLogError) {
        var status = stat()
        let keptMode = stat(path, &status) == 0 ? status.st_mode & 0o7777 : mode
        let temporary = path + ".tmp-\(getpid())"
        do {
            unlink(temporary)
            try JournalFiles.writeNewFile(temporary, bytes)
            try systemCall("chmod") { chmod(temporary, keptMode) }
            try systemCall("rename") { rename(temporary, path) }
            try JournalFiles.syncDirectory(of: path)
        } catch {
            unlink(temporary)
            throw .systemCall(path: path, error: error)
        }
    }
}
