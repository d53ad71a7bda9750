#if canImport(Glibc)
import Glibc
#endif
import FAQSearch
import Foundation

/// Reads a knowledge base from disk: a knowledge directory, or a spreadsheet export (`.tsv`).
public enum KnowledgeLoader {
    /// Where the knowledge is: `--knowledge`, else `$FAQBOT_KNOWLEDGE`, else `./knowledge`.
    public static func resolvePath(option: String?, environment: [String: String]) -> String {
        if let option, !option.isEmpty { return option }
        if let fromEnvironment = environment["FAQBOT_KNOWLEDGE"], !fromEnvironment.isEmpty { return fromEnvironment }
        return "knowledge"
    }

    /// Loads the knowledge at `path`; throws a `KnowledgeError` naming the file (and line) at fault.
    public static func load(_ path: String) throws(KnowledgeError) -> KnowledgeBase {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .missing(path: path)
        }
        if !isDirectory.boolValue {
            let entries = try TSVKnowledge.entries(from: try readText(path, maximumBytes: maximumTableBytes), file: path)
            return KnowledgeBase(entries: entries, messages: DefaultMessages.all)
        }
        var files: [KnowledgeBase.File] = []
        let root = URL(fileURLWithPath: path)
        for name in ["synonyms.txt", "dictionary.txt", "clinic.conf"] {
            let file = root.appendingPathComponent(name).path
            if FileManager.default.fileExists(atPath: file) { files.append((name, try readText(file, maximumBytes: maximumListBytes))) }
        }
        for folder in ["entries", "intents", "messages"] {
            let directory = root.appendingPathComponent(folder).path
            // All three are needed (the safety intents and the fixed messages too): a folder that is
            // missing or cannot be listed stops start-up, naming it, never skipped.
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
                throw unlistable(directory)
            }
            for name in names.sorted() where name.hasSuffix(".md") {
                files.append((folder + "/" + name, try readText(directory + "/" + name, maximumBytes: maximumRecordBytes)))
            }
        }
        return try KnowledgeBase.parse(files: files, directory: path)
    }

    /// The largest entry, intent or message file (`.md`), in bytes.
    public static let maximumRecordBytes = 256 << 10
    /// The largest `synonyms.txt`, `dictionary.txt` or `clinic.conf`, in bytes.
    public static let maximumListBytes = 8 << 20
    /// The largest `.tsv` knowledge file (a whole knowledge base), in bytes.
    public static let maximumTableBytes = 2 << 30

    /// Why a folder that must be listed cannot be: missing, or the system's reason (permission denied).
    static func unlistable(_ directory: String) -> KnowledgeError {
        do {
            try systemCall("open") { open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }.value.closeDescriptor()
        } catch where error.errno == ENOENT {
            return .missing(path: directory)
        } catch {
            return .unreadable(path: directory, reason: String(cString: strerror(error.errno)).lowercased())
        }
        return .unreadable(path: directory, reason: "cannot list the folder")
    }

    /// Reads a UTF-8 text file of at most `maximumBytes` bytes. Errors give the system's reason
    /// (no such file, permission denied), the size against the limit, or the line with bad UTF-8.
    public static func readText(_ path: String, maximumBytes: Int = maximumTableBytes) throws(KnowledgeError) -> String {
        let bytes: [UInt8]
        do {
            let fd = try systemCall("open") { open(path, O_RDONLY | O_CLOEXEC) }.value
            defer { fd.closeDescriptor() }
            var status = stat()
            try systemCall("fstat") { fstat(fd, &status) }
            if Int(status.st_size) > maximumBytes {
                throw KnowledgeError.unreadable(path: path, reason: "the file is \(status.st_size) bytes; a knowledge file of "
                                                + "this kind may have at most \(maximumBytes) bytes")
            }
            bytes = try JournalFiles.readAll(fd)
        } catch let error as KnowledgeError {
            throw error
        } catch let error as SystemCallError {
            throw .unreadable(path: path, reason: String(cString: strerror(error.errno)).lowercased())
        } catch {
            throw .unreadable(path: path, reason: "\(error)")
        }
        guard bytes.count <= maximumBytes else {
            throw .unreadable(path: path, reason: "the file has more than \(maximumBytes) bytes, the most a knowledge file of this kind may have")
        }
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let bad = lines.firstIndex { String(validating: $0, as: UTF8.self) == nil } ?? 0
        throw .malformed(file: path, line: bad + 1, reason: "not valid UTF-8 text (save the file as UTF-8)")
    }
}

/// Messages used when the knowledge is a bare spreadsheet export without `messages/`.
public enum DefaultMessages {
    /// welcome, fallback, clarify and help.
    public static let all: [String: String] = [
        "welcome": "Hello! Ask me a question. Type /help for the commands.",
        "fallback": "Sorry, I don't know the answer to that. Could you rephrase it?",
        "clarify": "I'm not sure which of these you mean:",
        "help": "Type a question and I will answer it from the knowledge base. Commands: /help, /reset, /quit.",
    ]
}

private extension Int32 {
    /// Closes this descriptor (errors ignored: the descriptor is released either way).
    func closeDescriptor() { _ = Glibc.close(self) }
}
