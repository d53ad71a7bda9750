import FAQSearch

/// Wraps text to a width on word boundaries, keeping the text's own line breaks.
public enum TextWrapper {
    /// `text` with lines shorter than `width` characters where a word boundary allows (a line is kept
    /// one column short of the width, so a terminal never wraps it on its own). A bullet's
    /// continuation lines are indented under its text; a word longer than a line stays whole.
    public static func wrap(_ text: String, width: Int) -> String {
        guard width >= 20 else { return text }
        let limit = width - 1
        var output: [String] = []
        for paragraph in text.textLines {
            let indent = String(paragraph.prefix { $0 == " " || $0 == "-" || $0 == "•" })
            let continuation = String(repeating: " ", count: indent.count)
            let leadingSpaces = String(paragraph.prefix { $0 == " " })
            var line = ""
            for word in paragraph.split(separator: " ") {
                if line.isEmpty {
                    line = leadingSpaces + word
                } else if line.count + 1 + word.count > limit {
                    output.append(line)
                    line = continuation + word
                } else {
                    line += " " + word
                }
            }
            output.append(line)
        }
        return output.joined(separator: "\n")
    }
}
