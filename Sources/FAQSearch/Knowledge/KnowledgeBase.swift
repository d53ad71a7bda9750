/// Everything the assistant knows: FAQ entries, small-talk intents, fixed messages, synonyms and the
/// dictionary of correctly spelt words.
///
/// Built from the files of a knowledge directory (read by the caller) with `parse(files:directory:)`;
/// either every file is valid and the whole base is returned, or the first error is thrown, naming
/// the file and line. It is never half loaded.
public struct KnowledgeBase: Sendable {
    /// FAQ entries and article sections.
    public var entries: [Entry]
    /// Small-talk and booking intents: `question` describes, `alternatives` are example phrasings,
    /// `answer` is the reply.
    public var intents: [Entry]
    /// Fixed texts by id (`welcome`, `fallback`, `clarify`, `help`).
    public var messages: [String: String]
    /// Synonym groups, as written.
    public var synonymGroups: [[String]]
    /// Correctly spelt words that spelling correction leaves alone.
    public var dictionary: Set<String>
    /// Other files of the directory by relative path (e.g. `clinic.conf`), for the layers that read them.
    public var otherFiles: [String: String]
    /// What the intents with `cue:` lines look for (the safety intents, booking), by intent id.
    public var cueRules: [String: CueRule]

    /// Creates a knowledge base.
    public init(entries: [Entry], intents: [Entry] = [], messages: [String: String] = [:],
                synonymGroups: [[String]] = [], dictionary: Set<String> = [], otherFiles: [String: String] = [:],
                cueRules: [String: CueRule] = [:]) {
        self.entries = entries
        self.intents = intents
        self.messages = messages
        self.synonymGroups = synonymGroups
        self.dictionary = dictionary
        self.otherFiles = otherFiles
        self.cueRules = cueRules
    }

    /// The safety intents' rules, in the order they are tried (crisis first).
    public var safetyRules: [CueRule] { Self.safetyIntents.compactMap { cueRules[$0] } }

    /// Messages a knowledge directory must provide.
    public static let requiredMessages = ["welcome", "fallback", "clarify", "help"]

    /// Intents a knowledge directory must provide: the two safety intents, tried in this order (a
    /// message that is both gets the crisis reply), and those the conversation relies on.
    public static let requiredIntents = ["crisis", "complication", "booking", "goodbye", "help"]

    /// The safety intents, in the order they are tried.
    public static let safetyIntents = ["crisis", "complication"]

    /// A file of a knowledge directory: its path relative to the directory, and its text.
    public typealias File = (path: String, text: String)

    /// Parses the files of a knowledge directory. `directory` only prefixes file names in errors.
    public static func parse(files: [File], directory: String) throws(KnowledgeError) -> KnowledgeBase {
        func name(_ path: String) -> String { directory.isEmpty ? path : directory + "/" + path }
        var base = KnowledgeBase(entries: [])
        for file in files.sorted(by: { $0.path < $1.path }) {
            let path = file.path
            // An id must equal its file's name, so ids within a folder are unique by construction.
            if path.hasPrefix("entries/") && path.hasSuffix(".md") {
                base.entries.append(try parseEntry(file.text, file: name(path), expectedID: baseName(path)))
            } else if path.hasPrefix("intents/") && path.hasSuffix(".md") {
                // Every intent may have 'cue:' and 'except:' lines; the safety intents use every cue key.
                let cueKeys = safetyIntents.contains(baseName(path)) ? CueRule.keys : CueRule.plainKeys
                let record = try Record.parse(file.text, file: name(path), allowedKeys: entryKeys.union(cueKeys))
                let entry = try entry(from: record, expectedID: baseName(path))
                base.intents.append(entry)
                if record.fields.contains(where: { cueKeys.contains($0.key) }) {
                    base.cueRules[entry.id] = try CueRule(record: record, id: entry.id)
                }
            } else if path.hasPrefix("messages/") && path.hasSuffix(".md") {
                let record = try Record.parse(file.text, file: name(path), allowedKeys: ["id", "question"])
                let id = try record.required("id")
                try checkID(id, file: name(path), expected: baseName(path))
                guard !record.body.isEmpty else {
                    throw .malformed(file: name(path), line: record.bodyLine, reason: "the message has no text after the header")
                }
                base.messages[id.value] = record.body
            } else if path == "synonyms.txt" {
                base.synonymGroups = try parseSynonyms(file.text, file: name(path))
            } else if path == "dictionary.txt" {
                base.dictionary = parseWordList(file.text)
            } else {
                base.otherFiles[path] = file.text
            }
        }
        guard !base.entries.isEmpty else { throw .noEntries(path: name("entries")) }
        try checkRelated(base.entries, files: files, name: name)
        for message in requiredMessages where base.messages[message] == nil {
            throw .missingFile(directory: directory, name: "messages/\(message).md")
        }
        for intent in requiredIntents where !base.intents.contains(where: { $0.id == intent }) {
            throw .missingFile(directory: directory, name: "intents/\(intent).md")
        }
        for intent in safetyIntents where base.cueRules[intent] == nil {
            throw .malformed(file: name("intents/\(intent).md"), line: 1,
                             reason: "the safety intent '\(intent)' needs 'cue:' lines (what to look for in a message)")
        }
        return base
    }

    /// Parses one entry (or intent) file.
    public static func parseEntry(_ text: String, file: String, expectedID: String?) throws(KnowledgeError) -> Entry {
        try entry(from: try Record.parse(text, file: file, allowedKeys: entryKeys), expectedID: expectedID)
    }

    /// The keys of an entry or intent file.
    private static let entryKeys: Set<String> = ["id", "question", "also", "related"]

    /// Every `related:` line of an entry names another entry, at most once: else the file and line.
    private static func checkRelated(_ entries: [Entry], files: [File], name: (String) -> String) throws(KnowledgeError) {
        let ids = Set(entries.map(\.id))
        for entry in entries where !entry.related.isEmpty {
            let path = "entries/\(entry.id).md"
            let text = files.first { $0.path == path }?.text ?? ""
            let record = try Record.parse(text, file: name(path), allowedKeys: entryKeys)
            var seen = Set<String>()
            for field in record.fields where field.key == "related" {
                let reason: String?
                if field.value == entry.id {
                    reason = "an entry cannot be related to itself"
                } else if !ids.contains(field.value) {
                    reason = "no entry has the id '\(field.value)' (related: names another entry's id, its file name without .md)"
                } else if !seen.insert(field.value).inserted {
                    reason = "'\(field.value)' is already named on an earlier related: line"
                } else {
                    reason = nil
                }
                if let reason { throw .malformed(file: name(path), line: field.line, reason: reason) }
            }
        }
    }

    private static func entry(from record: Record, expectedID: String?) throws(KnowledgeError) -> Entry {
        let file = record.file
        let id = try record.required("id")
        try checkID(id, file: file, expected: expectedID)
        let question = try record.required("question")
        guard !record.body.isEmpty else {
            throw .malformed(file: file, line: record.bodyLine,
                             reason: "the entry has no answer: write it after one blank line below the header")
        }
        return Entry(id: id.value, question: question.value, alternatives: record.values("also"), answer: record.body,
                     related: record.values("related"))
    }

    private static func checkID(_ id: Record.Field, file: String, expected: String?) throws(KnowledgeError) {
        guard id.value.allSatisfy({ ($0.isLetter && $0.isASCII && $0.isLowercase) || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw .malformed(file: file, line: id.line,
                             reason: "the id '\(id.value)' may only have lower-case letters, digits, '-' and '_'")
        }
        if let expected, expected != id.value {
            throw .malformed(file: file, line: id.line,
                             reason: "the id '\(id.value)' does not match the file name '\(expected).md'")
        }
    }

    /// Parses a synonyms file: one group per line, members separated by commas; `#` starts a comment.
    public static func parseSynonyms(_ text: String, file: String) throws(KnowledgeError) -> [[String]] {
        var groups: [[String]] = []
        for (index, rawLine) in text.textLines.enumerated() {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            guard !line.trimmingSpaces.isEmpty else { continue }
            let members = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingSpaces }
            if members.contains(where: \.isEmpty) {
                throw .malformed(file: file, line: index + 1, reason: "empty member: separate words with single commas")
            }
            guard members.count >= 2 else {
                throw .malformed(file: file, line: index + 1,
                                 reason: "a synonym group needs at least two members separated by commas")
            }
            groups.append(members)
        }
        return groups
    }

    /// Parses a word list: words separated by white space; a line starting with `#` is a comment.
    /// Works on slices of the UTF-8 bytes: the list is large and read at every start.
    public static func parseWordList(_ text: String) -> Set<String> {
        let bytes = text.utf8
        var words = Set<String>(minimumCapacity: bytes.count / 8)
        var index = bytes.startIndex
        var atLineStart = true
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == 0x0A || byte == 0x0D || byte == 0x20 || byte == 0x09 {
                atLineStart = atLineStart || byte == 0x0A || byte == 0x0D
                index = bytes.index(after: index)
                continue
            }
            if atLineStart && byte == UInt8(ascii: "#") {
                // Skip the comment line.
                while index != bytes.endIndex && bytes[index] != 0x0A && bytes[index] != 0x0D { index = bytes.index(after: index) }
                continue
            }
            atLineStart = false
            let start = index
            var hasUpperCase = false
            while index != bytes.endIndex {
                let next = bytes[index]
                if next == 0x0A || next == 0x0D || next == 0x20 || next == 0x09 { break }
                if next >= 65 && next <= 90 || next >= 128 { hasUpperCase = true }
                index = bytes.index(after: index)
            }
            let word = String(Substring(bytes[start..<index]))
            words.insert(hasUpperCase ? word.lowercased() : word)
        }
        return words
    }

    private static func baseName(_ path: String) -> String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        return file.hasSuffix(".md") ? String(file.dropLast(3)) : file
    }
}
