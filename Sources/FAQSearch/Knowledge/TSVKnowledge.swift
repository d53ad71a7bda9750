/// Reading knowledge bases and question sets exported from a spreadsheet as tab-separated text.
public enum TSVKnowledge {
    /// Splits TSV text into rows of cells, with the 1-based line number of each row. Blank lines are
    /// skipped; there is no quoting (a `"` is an ordinary character).
    public static func rows(of text: String) -> [(line: Int, cells: [String])] {
        // Split on the UTF-8 bytes (newline and tab are ASCII, so every slice is valid text): much
        // faster than splitting on Characters for large exports.
        var rows: [(line: Int, cells: [String])] = []
        for (index, rawLine) in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.last == 0x0D ? rawLine.dropLast() : rawLine[...]
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            let cells = line.split(separator: 0x09, omittingEmptySubsequences: false).map { String(Substring($0)) }
            rows.append((index + 1, cells))
        }
        return rows
    }

    /// Parses a knowledge base with a header naming the columns `id`, `question` and `answer`
    /// (in any order; other columns are ignored).
    public static func entries(from text: String, file: String) throws(KnowledgeError) -> [Entry] {
        let table = rows(of: text)
        guard let header = table.first else { throw .noEntries(path: file) }
        let names = header.cells.map { $0.trimmingSpaces.lowercased() }
        func column(_ name: String) throws(KnowledgeError) -> Int {
            guard let index = names.firstIndex(of: name) else {
                throw .malformed(file: file, line: header.line,
                                 reason: "the header must name the columns id, question and answer (tab-separated); '\(name)' is missing")
            }
            return index
        }
        let idColumn = try column("id"), questionColumn = try column("question"), answerColumn = try column("answer")
        var seen: [String: Int] = [:]
        var entries: [Entry] = []
        for row in table.dropFirst() {
            guard row.cells.count >= names.count else {
                throw .malformed(file: file, line: row.line,
                                 reason: "expected \(names.count) tab-separated columns, found \(row.cells.count)")
            }
            let id = row.cells[idColumn].trimmingSpaces
            let question = row.cells[questionColumn].trimmingSpaces
            let answer = row.cells[answerColumn].trimmingSpaces
            guard !id.isEmpty else { throw .malformed(file: file, line: row.line, reason: "the id is empty") }
            guard !question.isEmpty || !answer.isEmpty else {
                throw .malformed(file: file, line: row.line, reason: "both question and answer are empty")
            }
            if let first = seen[id] {
                throw .duplicateID(id: id, file: file, line: row.line, firstFile: "\(file):\(first)")
            }
            seen[id] = row.line
            entries.append(Entry(id: id, question: question, answer: answer))
        }
        guard !entries.isEmpty else { throw .noEntries(path: file) }
        return entries
    }
}
