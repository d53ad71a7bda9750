#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The files of the staff's log: one per day (`2026-12-01.jsonl`), continued in `2026-12-01.2.jsonl`,
/// `.3`, ... when one grows past the size limit; mode 0600 in a 0700 directory.
public enum StaffLogFiles {
    /// The file name of `day`'s part `part` (1 for the first).
    static func name(day: String, part: Int) -> String {
        part == 1 ? "\(day).jsonl" : "\(day).\(part).jsonl"
    }

    /// The day and part a log file's name stands for, or nil for another file.
    static func dayAndPart(of name: String) -> (day: String, part: Int)? {
        guard name.hasSuffix(".jsonl") else { return nil }
        let stem = name.dropLast(6).split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(stem.count), isDay(stem[0]) else { return nil }
        if stem.count == 1 { return (String(stem[0]), 1) }
        guard let part = Int(stem[1]), part >= 2 else { return nil }
        return (String(stem[0]), part)
    }

    /// Whether `text` is a day as the log names them (`YYYY-MM-DD`).
    public static func isDay<S: StringProtocol>(_ text: S) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
        return bytes.enumerated().allSatisfy { index, byte in index == 4 || index == 7 || (48...57).contains(byte) }
    }

    /// The log files in `directory`, oldest day and part first.
    static func list(_ directory: String) throws(StaffLogError) -> [(name: String, day: String, part: Int)] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            var status = stat()
            if stat(directory, &status) != 0 && errno == ENOENT { throw .missingDirectory(path: directory) }
            throw .systemCall(path: directory, error: SystemCallError(call: "opendir", errno: errno == 0 ? EACCES : errno))
        }
        return names.compactMap { name in dayAndPart(of: name).map { (name, $0.day, $0.part) } }
            .sorted { $0.day != $1.day ? $0.day < $1.day : $0.part < $1.part }
    }

    /// Creates `directory` (0700) if needed and makes it 0700.
    static func prepareDirectory(_ directory: String) throws(StaffLogError) {
        do {
            try JournalFiles.createDirectories(directory)
            try systemCall("chmod") { chmod(directory, 0o700) }
        } catch {
            throw .systemCall(path: directory, error: error)
        }
    }

    /// Deletes the files of days before `firstKept`; returns their names.
    @discardableResult
    static func deleteDays(before firstKept: String, in directory: String) throws(StaffLogError) -> [String] {
        var deleted: [String] = []
        for file in try list(directory) where file.day < firstKept {
            let path = directory + "/" + file.name
            do {
                try systemCall("unlink") { unlink(path) }
            } catch {
                throw .systemCall(path: path, error: error)
            }
            deleted.append(file.name)
        }
        return deleted
    }

    /// The day of `instant` in `timeZone`, as `YYYY-MM-DD`.
    static func day(of instant: Date, in timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}
