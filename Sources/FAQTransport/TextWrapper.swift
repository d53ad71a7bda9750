/// Wraps text to a width on word boundaries, keeping the text's own line breaks.
public enum TextWrapper {
    /// `text` with lines no longer than `width` characters where a word boundary allows.
    public static func wrap(_ text: String, width: Int) -> String {
        guard width >= 20 else { return text }
        var output: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            let indent = paragraph.prefix { $0 == " " || $0 == "-" || $0 == "•" }
            let continuation = String(repeating: " ", count: indent.count)
            for word in paragraph.split(separator: " ") {
                if line.isEmpty {
                    line = (output.isEmpty || !line.isEmpty ? "" : "") + String(word)
                    if paragraph.hasPrefix(" ") { line = String(indent.prefix { $0 == " " }) + line }
                } else if line.count + 1 + word.count > width {
                    output.append(line)
                    line = continuation + String(word)
                } else {
                    line += " " + word
                }
            }
            output.append(line)
        }
        return output.joined(separator: "\n")
    }
}
