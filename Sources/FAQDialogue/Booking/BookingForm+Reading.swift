extension BookingForm {
    /// Whether the patient wants to stop the form ("cancel", "stop", "never mind").
    public static func isCancel(_ text: String) -> Bool {
        cancelPhrases.contains(normalised(text))
    }

    static let cancelPhrases: Set<String> = [
        "cancel", "/cancel", "stop", "abort", "quit", "exit", "never mind", "nevermind", "forget it", "cancel it",
        "cancel booking", "cancel the booking", "cancel my booking", "stop booking", "i dont want to book",
        "i changed my mind", "changed my mind", "no cancel", "please cancel", "cancel please",
    ]

    /// Lower case, letters, digits and single spaces only; a leading `/` is kept.
    static func normalised(_ text: String) -> String {
        var result = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber || (character == "/" && result.isEmpty) {
                result.append(character)
            } else if character == "'" || character == "’" {
                continue
            } else if !result.isEmpty && result.last != " " {
                result.append(" ")
            }
        }
        return result.trimmingCharacters(in: " ")
    }

    /// true for yes, false for no, nil for neither.
    static func yesNo(_ text: String) -> Bool? {
        let words = normalised(text)
        if ["yes", "y", "yeah", "yep", "yup", "sure", "ok", "okay", "correct", "confirm", "yes please", "please do",
            "book it", "yes book it", "go ahead", "thats right", "thats correct", "all good", "looks good",
            "yes thats right", "yes correct", "confirmed", "absolutely", "definitely", "perfect", "yes please book it",
            "please book", "book", "do it"].contains(words) { return true }
        if ["no", "n", "nope", "not quite", "no thanks", "wrong", "change", "change something", "edit",
            "thats wrong", "no change", "no i want to change something"].contains(words) { return false }
        return nil
    }

    /// The field a change request names ("the date", "change my phone number"), or nil.
    static func fieldNamed(in text: String) -> Field? {
        let words = Set(normalised(text).split(separator: " ").map(String.init))
        guard !words.isEmpty, words.count <= 6 else { return nil }
        let table: [(Field, Set<String>)] = [
            (.name, ["name", "surname"]), (.phone, ["phone", "number", "mobile", "telephone", "tel"]),
            (.date, ["date", "day"]), (.time, ["time", "slot", "hour"]), (.note, ["note", "notes", "message", "comment"]),
        ]
        let matches = table.filter { !$0.1.isDisjoint(with: words) }.map(\.0)
        return matches.count == 1 ? matches[0] : nil
    }

    /// Replies meaning "no note".
    static let noNote: Set<String> = [
        "no", "n", "none", "nothing", "skip", "na", "n a", "no thanks", "no thank you", "nope", "no note",
        "nothing else", "thats all", "thats it", "no nothing", "not really", "nah",
    ]

    /// Phrases before a phone number that are not part of it.
    static let phonePrefixes = ["my phone number is", "my mobile number is", "my mobile is", "my number is",
                                "phone number is", "phone number:", "phone:", "number:", "mobile:", "its", "it's",
                                "it is", "tel:", "tel", "call me on", "you can call me on"]

    /// Phrases before a name that are not part of it.
    static let namePrefixes = ["my name is", "my names", "my name's", "name is", "name:", "i am", "i'm", "im",
                               "it's", "its", "this is", "call me", "book it under", "under"]

    /// `text` without the first of `prefixes` it starts with (case-insensitive, whole words).
    static func dropping(_ prefixes: [String], from text: String) -> String {
        let lowered = text.lowercased()
        for prefix in prefixes where lowered.hasPrefix(prefix + " ") || (prefix.hasSuffix(":") && lowered.hasPrefix(prefix)) {
            return String(text.dropFirst(prefix.count)).trimmingCharacters(in: " \t")
        }
        return text
    }

    /// The name as it will be stored (spaces collapsed), or why it was refused: at most
    /// `maximumNameLength` characters and `maximumNameBytes` bytes; no control or format characters
    /// (`FieldText`); a letter that shows (not a Hangul filler or a combining mark alone); letters
    /// with at most `FieldText.maximumMarksPerCharacter` marks each, spaces, apostrophes, hyphens,
    /// full stops and commas only.
    static func name(_ text: String) -> Result<String, FieldRefusal> {
        guard text.utf8.count <= maximumNameBytes * 2 else { return .failure(.nameTooLong(limit: maximumNameLength)) }
        let checked: String
        switch FieldText.checked(dropping(namePrefixes, from: text)) {
        case .failure(let refusal): return .failure(refusal)
        case .success(let text): checked = text
        }
        let collapsed = checked.split(whereSeparator: { $0 == " " }).joined(separator: " ")
        guard collapsed.count <= maximumNameLength, collapsed.utf8.count <= maximumNameBytes else {
            return .failure(.nameTooLong(limit: maximumNameLength))
        }
        let visibleLetter = collapsed.unicodeScalars.contains { $0.properties.isAlphabetic && !FieldText.isInvisible($0) }
        guard visibleLetter,
              collapsed.allSatisfy({ character in
                  character == " " || character == "'" || character == "’" || character == "-" || character == "." || character == ","
                      || (character.isLetter && character.unicodeScalars.count <= 1 + FieldText.maximumMarksPerCharacter)
              })
        else { return .failure(.nameInvalid) }
        return .success(collapsed)
    }
}
