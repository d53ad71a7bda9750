/// Why a knowledge base could not be loaded. Every case names the file (and line, where there is one)
/// so that the person who edited it can fix it.
public enum KnowledgeError: Error, Equatable, CustomStringConvertible {
    /// The knowledge directory or file does not exist.
    case missing(path: String)
    /// A file exists but could not be read (permissions, not UTF-8, ...).
    case unreadable(path: String, reason: String)
    /// A line of a file breaks the format.
    case malformed(file: String, line: Int, reason: String)
    /// Two entries share an id.
    case duplicateID(id: String, file: String, line: Int, firstFile: String)
    /// A required file is absent, e.g. `messages/fallback.md`.
    case missingFile(directory: String, name: String)
    /// The knowledge base has no entries.
    case noEntries(path: String)

    public var description: String {
        switch self {
        case .missing(let path):
            return "\(path): no such file or directory (pass --knowledge DIR or set FAQBOT_KNOWLEDGE)"
        case .unreadable(let path, let reason):
            return "\(path): cannot be read: \(reason)"
        case .malformed(let file, let line, let reason):
            return "\(file):\(line): \(reason)"
        case .duplicateID(let id, let file, let line, let firstFile):
            return "\(file):\(line): the id '\(id)' is already used by \(firstFile)"
        case .missingFile(let directory, let name):
            return "\(directory): the file \(name) is missing"
        case .noEntries(let path):
            return "\(path): the knowledge base has no entries"
        }
    }
}
