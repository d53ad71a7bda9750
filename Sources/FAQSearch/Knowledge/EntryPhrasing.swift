import Foundation

/// Adding a phrasing (`also:` line) to an entry file, as the staff's review does.
public enum EntryPhrasing {
    /// The longest phrasing accepted, in characters.
    public static let maximumLength = 300

    /// `text` (an entry file at `file` whose id must be `id`) with `also: phrasing` after its last
    /// header line; the result is parsed as an entry before it is returned, so a file that would not
    /// load is never produced. Throws for a phrasing that is empty, too long, on several lines, has
    /// control characters, or is already one of the entry's phrasings.
    public static func adding(_ phrasing: String, to text: String, file: String, id: String) throws(KnowledgeError) -> String {
        let original = try KnowledgeBase.parseEntry(text, file: file, expectedID: id)
        let trimmed = phrasing.trimmingCharacters(in: " \t")
        func refuse(_ reason: String) -> KnowledgeError { .malformed(file: file, line: 1, reason: "cannot add the phrasing: " + reason) }
        guard !trimmed.isEmpty else { throw refuse("it is empty") }
        guard trimmed.count <= maximumLength else { throw refuse("it is longer than \(maximumLength) characters") }
        guard !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format })
        else { throw refuse("it has a line break or a control character") }
        let known = ([original.question] + original.alternatives).map { $0.lowercased() }
        guard !known.contains(trimmed.lowercased()) else { throw refuse("the entry already has it") }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // The header ends at the first blank line; the new line goes after its last key line.
        let blank = lines.firstIndex { $0.trimmingCharacters(in: " \t\r").isEmpty } ?? lines.count
        let lastKey = lines[..<blank].lastIndex { !$0.hasPrefix("#") } ?? (blank - 1)
        lines.insert("also: " + trimmed, at: lastKey + 1)
        let result = lines.joined(separator: "\n")
        let parsed = try KnowledgeBase.parseEntry(result, file: file, expectedID: id)
        guard parsed.alternatives == original.alternatives + [trimmed], parsed.answer == original.answer else {
            throw refuse("the file's header could not be extended safely; add the line by hand")
        }
        return result
    }
}
