import FAQSearch

/// The questions a load test or benchmark sends, read from a text file (one per line) or a TSV
/// (first column).
public enum QuestionList {
    /// The questions in `text`: one per line, or the first tab-separated column of each line. Empty
    /// lines, `#` comments and a header row whose first column is `question` or `query` are skipped.
    public static func parse(_ text: String) -> [String] {
        var questions: [String] = []
        for (number, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).enumerated() {
            let firstColumn = rawLine.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let question = firstColumn.trimmingCharacters(in: " \t")
            if question.isEmpty || question.hasPrefix("#") { continue }
            if number == 0 && ["query", "question", "questions", "queries"].contains(question.lowercased()) { continue }
            questions.append(question)
        }
        return questions
    }
}
