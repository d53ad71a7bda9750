import FAQDialogue
import Foundation

/// What the staff's log holds, read back for `faqbot review` and `faqbot stats`.
public struct StaffLogContents: Sendable {
    /// The lines not simply answered, oldest first.
    public var unanswered: [UnansweredRecord] = []
    /// Each day's counts, added up.
    public var days: [String: DayCounts] = [:]
    /// Lines that could not be read (a torn last line, a file edited by hand).
    public var skippedLines = 0

    /// Reads every log file in `directory` of `since` or later (`YYYY-MM-DD`; nil: all).
    public static func read(directory: String, since: String? = nil) throws(StaffLogError) -> StaffLogContents {
        var contents = StaffLogContents()
        let decoder = JSONDecoder()
        for file in try StaffLogFiles.list(directory) where since.map({ file.day >= $0 }) ?? true {
            let path = directory + "/" + file.name
            let bytes: [UInt8]
            do {
                let fd = try systemCall("open") { open(path, O_RDONLY | O_CLOEXEC) }.value
                defer { close(fd) }
                bytes = try JournalFiles.readAll(fd)
            } catch {
                throw .systemCall(path: path, error: error)
            }
            for line in bytes.split(separator: UInt8(ascii: "\n")) {
                let data = Data(line)
                if let record = try? decoder.decode(UnansweredRecord.self, from: data), record.type == "unanswered" {
                    contents.unanswered.append(record)
                } else if let counts = try? decoder.decode(DayCounts.self, from: data), counts.type == "counts" {
                    contents.days[counts.day, default: DayCounts(day: counts.day)].merge(counts)
                } else {
                    contents.skippedLines += 1
                }
            }
        }
        return contents
    }
}
