/// Replaces personal data in a patient's line with placeholders before the line is written to the
/// staff's log: names after "my name is", "I am", "call me" ... (`[name]`), phone numbers, including
/// Indian `+91` and `0`-prefixed forms (`[phone]`), e-mail addresses (`[email]`), dates with a year
/// and dates after "born" or "date of birth" (`[date]`), Aadhaar numbers (12 digits) and PAN
/// (`ABCDE1234F`) (`[id]`).
///
/// Ordinary numbers stay: "2 to 4 hours", "15k", "3 sessions", "INR 15000-20000". Recall comes
/// first: a word after "I am" that the clinic's knowledge never uses ("I am Rahul", "i am priya") is
/// taken for a name, so an unusual adjective may be masked too; a name is never kept.
///
/// Not `Sendable`: its patterns are compiled once per owner (the log's writer thread makes one).
public struct PersonalDataMask {
    /// Words that are never names (lower case): the words of the knowledge and common words.
    private let knownWords: Set<String>
    private let email = try! Regex(#"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"#)
    private let pan = try! Regex(#"\b[A-Za-z]{5}[0-9]{4}[A-Za-z]\b"#)
    private let numericDate = try! Regex(#"\b(\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}|\d{4}[/.\-]\d{1,2}[/.\-]\d{1,2})\b"#)
    private let writtenDate: Regex<AnyRegexOutput>
    private let birthDay: Regex<AnyRegexOutput>

    /// A mask that takes the words in `knownWords` (any case) for ordinary words, never names.
    public init(knownWords: Set<String> = []) {
        self.knownWords = Set(knownWords.map { $0.lowercased() }).union(Self.commonWords)
        let month = "(jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august|sep|sept|september|oct|october|nov|november|dec|december)"
        let day = #"\d{1,2}(st|nd|rd|th)?"#
        writtenDate = try! Regex(#"\b(\#(day)( of)?[ ,]+\#(month)|\#(month)[ ,]+\#(day)),?[ ,]+\d{2,4}\b"#).ignoresCase()
        birthDay = try! Regex(#"\b(born( on)?|dob|d\.o\.b\.?|date of birth|birthday( is)?|birth date)[ :\-]*(\#(day)( of)?[ ,]+\#(month)|\#(month)[ ,]+\#(day)|\d{1,2}[/.\-]\d{1,2})\b"#).ignoresCase()
    }

    /// `text` with every piece of personal data replaced by its placeholder.
    public func masked(_ text: String) -> String {
        // Each pattern runs only when the line has what it needs (most lines have no digit and no '@').
        let hasDigit = text.utf8.contains { (48...57).contains($0) }
        var result = text.utf8.contains(UInt8(ascii: "@")) ? text.replacing(email, with: "[email]") : text
        guard hasDigit else { return maskingNames(result) }
        result = result.replacing(pan, with: "[id]")
        result = result.replacing(writtenDate, with: "[date]")
        result = result.replacing(numericDate, with: "[date]")
        let beforeBirthDays = result
        result = beforeBirthDays.replacing(birthDay) { match in
            // Keep the keyword ("born on"), mask the date.
            let found = beforeBirthDays[match.range]
            let dateStart = found.indices.first(where: { found[$0].isNumber || Self.monthStart(found, at: $0) }) ?? found.endIndex
            return String(found[..<dateStart]) + "[date]"
        }
        result = maskingNumbers(result)
        return maskingNames(result)
    }

    // MARK: - Numbers

    /// Phone numbers and Aadhaar numbers: runs of digit groups separated by one space, hyphen, dot or
    /// parenthesis, read from each start for the longest run that is one.
    private func maskingNumbers(_ text: String) -> String {
        let characters = Array(text)
        var output = ""
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let startsRun = (character.isASCIIDigit || ((character == "+" || character == "(") && index + 1 < characters.count
                                                         && characters[index + 1].isASCIIDigit))
                && (index == 0 || !(characters[index - 1].isLetter || characters[index - 1].isNumber))
            if startsRun, let (end, label) = numberRun(characters, from: index) {
                output += label
                index = end
                continue
            }
            output.append(character)
            index += 1
        }
        return output
    }

    /// The end and placeholder of the longest phone or Aadhaar number starting at `start`, if any.
    private func numberRun(_ characters: [Character], from start: Int) -> (Int, String)? {
        var digits = ""
        let hasPlus = characters[start] == "+"
        var index = start
        var best: (Int, String)? = nil
        var separators = 0
        while index < characters.count {
            let character = characters[index]
            if character.isASCIIDigit {
                digits.append(character)
                separators = 0
                index += 1
                let atBoundary = index == characters.count || !(characters[index].isLetter || characters[index].isNumber)
                if atBoundary, !(index < characters.count && characters[index].isASCIIDigit), let label = Self.label(digits, hasPlus: hasPlus) {
                    best = (characters[index - 1] == "(" ? index - 1 : index, label)
                }
                if digits.count > 15 { break }
            } else if " -.()+".contains(character) && separators < 2 && (character != "+" || index == start) {
                separators += 1
                index += 1
            } else {
                break
            }
        }
        return best
    }

    /// The placeholder for a run of `digits`, or nil for an ordinary number.
    static func label(_ digits: String, hasPlus: Bool) -> String? {
        let first = digits.first!
        let mobileStart: Set<Character> = ["6", "7", "8", "9"]
        if hasPlus && (8...15).contains(digits.count) { return "[phone]" }
        if digits.count == 10 && mobileStart.contains(first) { return "[phone]" }
        if first == "0" && (10...11).contains(digits.count) { return "[phone]" }
        if digits.count == 12 && digits.hasPrefix("91") && mobileStart.contains(digits.dropFirst(2).first!) { return "[phone]" }
        // Any twelve digits: an Aadhaar number typed wrong is still personal.
        if digits.count == 12 { return "[id]" }
        return nil
    }

    // MARK: - Names

    /// Words after an introduction ("my name is", "I am", "I'm", "call me", "this is", "mera naam"):
    /// the first is masked after a strong introduction, or when it looks like a name after a weak one
    /// (capitalised, or a word the knowledge never uses); up to two more that look like names follow.
    private func maskingNames(_ text: String) -> String {
        var words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        var index = 0
        while index < words.count {
            guard let (length, strong) = introduction(words, at: index) else { index += 1; continue }
            var position = index + length
            var maskedCount = 0
            while position < words.count && maskedCount < 3 {
                let (core, trailing) = Self.splitPunctuation(words[position])
                guard !core.isEmpty, core.allSatisfy({ $0.isLetter || $0 == "'" || $0 == "-" }) else { break }
                let looksLikeName = (core.first!.isUppercase && core != "I") || !knownWords.contains(core.lowercased())
                guard looksLikeName || (strong && maskedCount == 0) else { break }
                words[position] = "[name]" + trailing
                maskedCount += 1
                position += 1
                // A title ("Dr.", "Mr") is followed by the name itself; other punctuation ends it.
                if !trailing.isEmpty && !(trailing == "." && Self.titles.contains(core.lowercased())) { break }
            }
            index = position
        }
        return words.joined(separator: " ")
    }

    /// The length in words of an introduction starting at `index`, and whether it always names.
    private func introduction(_ words: [String], at index: Int) -> (Int, Bool)? {
        for (phrase, strong) in Self.introductions where index + phrase.count <= words.count {
            let matches = phrase.indices.allSatisfy { offset in
                let word = words[index + offset].lowercased()
                return word == phrase[offset] || (offset < phrase.count - 1 || !phrase[offset].hasSuffix(":"))
                    && Self.splitPunctuation(word).core == phrase[offset]
            }
            if matches { return (phrase.count, strong) }
        }
        return nil
    }

    /// Phrases that introduce a name, longest first, and whether the word after them is always one.
    private static let introductions: [([String], Bool)] = [
        (["my", "name", "is"], true), (["my", "names"], true), (["my", "name's"], true), (["my", "name:"], true),
        (["name", "is"], true), (["call", "me"], false), (["mera", "naam"], true), (["name:"], true),
        (["i", "am"], false), (["i'm"], false), (["i’m"], false), (["im"], false), (["this", "is"], false),
    ]

    /// A word without its trailing punctuation, and that punctuation.
    private static func splitPunctuation(_ word: String) -> (core: String, trailing: String) {
        var core = Substring(word)
        var trailing = ""
        while let last = core.last, ".,!?;:)".contains(last) {
            trailing = String(last) + trailing
            core = core.dropLast()
        }
        return (String(core), trailing)
    }

    /// Whether a month's name starts at `index` of `text`.
    private static func monthStart(_ text: Substring, at index: String.Index) -> Bool {
        let rest = text[index...].lowercased()
        return ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].contains { rest.hasPrefix($0) }
            && (index == text.startIndex || text[text.index(before: index)] == " ")
    }

    /// Titles before a name.
    static let titles: Set<String> = ["dr", "mr", "mrs", "ms", "miss", "shri", "smt", "sri", "prof"]

    /// Words that follow "I am" or "this is" but are not names.
    static let commonWords: Set<String> = [
        "a", "an", "the", "not", "very", "so", "just", "also", "really", "too", "still", "now", "here", "going", "planning",
        "thinking", "looking", "interested", "worried", "scared", "afraid", "nervous", "bald", "balding", "losing", "suffering",
        "from", "in", "at", "on", "with", "about", "male", "female", "man", "woman", "guy", "girl", "married", "single", "old",
        "young", "years", "year", "age", "aged", "fine", "good", "ok", "okay", "sure", "unsure", "confused", "happy", "sad",
        "tired", "done", "ready", "free", "available", "busy", "back", "new", "it", "that", "this", "what", "how", "is", "my",
        "your", "for", "to", "and", "or", "but", "if", "when", "allergic", "diabetic", "pregnant", "sorry", "glad", "curious",
        "considering", "wondering", "asking", "trying", "hoping", "getting", "having", "feeling", "using", "taking", "on",
        "currently", "already", "almost", "about", "around", "over", "under", "student", "working", "based", "living", "from",
        "hai", "hoon", "hun", "hu", "calling", "writing", "texting", "messaging", "unable", "able", "fed", "up", "tired", "concerned", "anxious",
    ]
}
