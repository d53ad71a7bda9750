/// One knowledge file in the staff-editable format: `key: value` header lines, a blank line, then
/// free text.
///
/// ```
/// id: healing-time
/// question: How long does scalp micropigmentation take to heal?
/// also: How long is the recovery after SMP?
///
/// Patients would have recovered completely ...
/// ```
/// Header lines starting with `#` are comments. The body keeps its paragraphs.
public struct Record: Sendable, Equatable {
    /// A `key: value` header line.
    public struct Field: Sendable, Equatable {
        /// The key, lower-cased.
        public let key: String
        /// The value, trimmed.
        public let value: String
        /// The 1-based line number.
        public let line: Int
    }

    /// The file's name as given (for error messages).
    public let file: String
    /// The header fields, in order.
    public let fields: [Field]
    /// The free text after the header, trimmed.
    public let body: String
    /// The line number where the body starts.
    public let bodyLine: Int

    /// The value of the first field with `key`.
    public func value(_ key: String) -> String? { fields.first { $0.key == key }?.value }

    /// The values of every field with `key`.
    public func values(_ key: String) -> [String] { fields.filter { $0.key == key }.map(\.value) }

    /// The field with `key`, or an error naming the file when it is absent or empty.
    public func required(_ key: String) throws(KnowledgeError) -> Field {
        guard let field = fields.first(where: { $0.key == key }), !field.value.isEmpty else {
            throw .malformed(file: file, line: 1, reason: "the header has no '\(key):' line")
        }
        return field
    }

    /// Keys a file may have only once (`also:` may repeat).
    public static let singleKeys: Set<String> = ["id", "question"]

    /// The longest answer or reply text, in bytes of UTF-8.
    public static let maximumBodyBytes = 64 << 10

    /// Parses `text`, accepting only header keys in `allowedKeys`; `id:` and `question:` at most once,
    /// a body of at most `maximumBodyBytes`.
    public static func parse(_ text: String, file: String, allowedKeys: Set<String>) throws(KnowledgeError) -> Record {
        let lines = text.textLines
        var fields: [Field] = []
        var lineIndex = 0
        while lineIndex < lines.count {
            let line = lines[lineIndex]
            let number = lineIndex + 1
            let trimmed = line.trimmingSpaces
            if trimmed.isEmpty {
                if fields.isEmpty { lineIndex += 1; continue }  // blank lines before the header
                break
            }
            lineIndex += 1
            if trimmed.hasPrefix("#") { continue }
            guard let colon = trimmed.firstIndex(of: ":") else {
                throw .malformed(file: file, line: number,
                                 reason: "expected 'key: value' (e.g. 'question: ...') or a blank line before the answer, found '\(trimmed.prefix(60))'")
            }
            let key = trimmed[..<colon].trimmingSpaces.lowercased()
            let value = trimmed[trimmed.index(after: colon)...].trimmingSpaces
            guard allowedKeys.contains(key) else {
                let known = allowedKeys.sorted().map { "'\($0):'" }.joined(separator: ", ")
                throw .malformed(file: file, line: number, reason: "unknown key '\(key)'; known keys are \(known)")
            }
            guard !value.isEmpty else {
                throw .malformed(file: file, line: number, reason: "'\(key):' has no value")
            }
            if singleKeys.contains(key), let first = fields.first(where: { $0.key == key }) {
                throw .malformed(file: file, line: number,
                                 reason: "a second '\(key):' line (the first is on line \(first.line)); a file has one \(key)")
            }
            fields.append(Field(key: key, value: value, line: number))
        }
        guard !fields.isEmpty else {
            throw .malformed(file: file, line: 1, reason: "the file has no header ('id: ...' lines) ")
        }
        while lineIndex < lines.count && lines[lineIndex].trimmingSpaces.isEmpty { lineIndex += 1 }
        let body = lines[lineIndex...].joined(separator: "\n").trimmingSpaces
        guard body.utf8.count <= maximumBodyBytes else {
            throw .malformed(file: file, line: lineIndex + 1,
                             reason: "the text is \(body.utf8.count) bytes; an answer may have at most \(maximumBodyBytes)")
        }
        return Record(file: file, fields: fields, body: body, bodyLine: lineIndex + 1)
    }
}

extension StringProtocol {
    /// The text's lines, split at LF, CRLF or a bare CR (a Swift `Character` holds CRLF as one, so a
    /// split on "\n" alone would leave Windows line ends glued to their lines).
    public var textLines: [SubSequence] {
        split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
    }

    /// The text without leading and trailing spaces, tabs, line breaks and byte-order marks.
    var trimmingSpaces: String { trimmingCharacters(in: " \t\r\n\u{FEFF}") }

    /// The text without leading and trailing characters made only of scalars that appear in `set`
    /// (compared scalar by scalar, so "\r\n" counts as two characters of the set, not one cluster).
    public func trimmingCharacters(in set: String) -> String {
        // Most lines start and end with an ASCII byte outside `set`: the characters holding those
        // bytes stay, so the text is returned whole without walking its characters.
        let text = String(self)
        if let first = text.utf8.first, let last = text.utf8.last, first < 128, last < 128,
           !set.utf8.contains(first), !set.utf8.contains(last) {
            return text
        }
        let drop: (Character) -> Bool = { $0.unicodeScalars.allSatisfy(set.unicodeScalars.contains) }
        guard let first = firstIndex(where: { !drop($0) }) else { return "" }
        let last = lastIndex(where: { !drop($0) })!
        return String(self[first...last])
    }
}
