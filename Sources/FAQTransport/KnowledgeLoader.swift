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
            let entries = try TSVKnowledge.entries(from: try readText(path), file: path)
            return KnowledgeBase(entries: entries, messages: DefaultMessages.all)
        }
        var files: [KnowledgeBase.File] = []
        let root = URL(fileURLWithPath: path)
        for name in ["synonyms.txt", "dictionary.txt", "clinic.conf"] {
            let file = root.appendingPathComponent(name).path
            if FileManager.default.fileExists(atPath: file) { files.append((name, try readText(file))) }
        }
        for folder in ["entries", "intents", "messages"] {
            let directory = root.appendingPathComponent(folder).path
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
                if folder == "entries" { throw .missing(path: directory) }
                continue
            }
            for name in names.sorted() where name.hasSuffix(".md") {
                files.append((folder + "/" + name, try readText(directory + "/" + name)))
            }
        }
        return try KnowledgeBase.parse(files: files, directory: path)
    }

    /// Reads a UTF-8 text file.
    public static func readText(_ path: String) throws(KnowledgeError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .unreadable(path: path, reason: "not valid UTF-8 text")
        }
        return text
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
