/// One word of a line the patient typed, as the booking form's sentence reader sees it.
struct SentenceToken: Sendable, Equatable {
    /// Lower case, apostrophes removed, a full stop between digits read as a colon (`2.30` is `2:30`).
    let word: String
    /// As typed (for names), apostrophes kept.
    let original: String
    /// Whether a comma, full stop, semicolon, `!` or `?` comes before it: a name ends there.
    let afterBreak: Bool

    /// The words of `text`. Letters, digits and `: + ( ) - /` stay inside a word; other characters
    /// separate words.
    static func tokens(of text: String) -> [SentenceToken] {
        var tokens: [SentenceToken] = []
        var word = ""
        var original = ""
        var pendingBreak = false
        func finish() {
            if !original.isEmpty && !(word.isEmpty && original.allSatisfy { $0 == "'" || $0 == "’" }) {
                tokens.append(SentenceToken(word: word, original: original, afterBreak: pendingBreak))
                pendingBreak = false
            }
            word = ""
            original = ""
        }
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            if character.isLetter || character.isNumber || ":+()-/".contains(character) {
                word.append(contentsOf: character.lowercased())
                original.append(character)
            } else if character == "'" || character == "’" {
                original.append(character)
            } else if character == ".", index > 0, index + 1 < characters.count,
                      characters[index - 1].isASCIIDigit, characters[index + 1].isASCIIDigit {
                word.append(":")
                original.append(character)
            } else {
                finish()
                if ",.;!?".contains(character) { pendingBreak = true }
            }
        }
        finish()
        return tokens
    }
}
