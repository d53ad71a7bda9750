/// The questions a load test sends, read from a text file (one per line) or a TSV (first column).
public enum QuestionList {
    /// The questions in `text`: one per line, or the first tab-separated column of each line. Empty
    /// lines, `#` comments and a header row whose first column is `question` are skipped.
    public static func parse(_ text: String) -> [String] {
        var questions: [String] = []
        for (number, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).enumerated() {
            let firstColumn = rawLine.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let question = firstColumn.trimmingCharacters(in: " \t")
            if question.isEmpty || question.hasPrefix("#") { continue }
            if number == 0 && question.lowercased() == "question" { continue }
            questions.append(question)
        }
        return questions
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> String {
        guard let first = firstIndex(where: { !set.contains($0) }) else { return "" }
        let last = lastIndex(where: { !set.contains($0) })!
        return String(self[first...last])
    }
}
