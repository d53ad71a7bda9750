/// Reads the date a patient prefers, in their own words, relative to today.
///
/// Understands `2026-12-03`, `3 Dec`, `3rd of December 2026`, `December 3`, `Dec 3rd, 2026`, `today`,
/// `tomorrow`, `the day after tomorrow`, `monday`, `next monday`, `this friday`, `in 3 days`,
/// `in a week`, `the 3rd` (the next 3rd of a month), a time of day after any of them (`tomorrow
/// morning`: the time is asked next), and a weekday before a date (`Thursday 3 December`, checked). A day and month
/// without a year mean the next such day from today on. `monday` and `next monday` both mean the
/// first Monday after today. Only reads: whether the clinic is open is `ClinicSchedule`'s call.
public enum BookingDateParser {
    /// The date `text` names, or why it could not be read.
    public static func parse(_ text: String, today: CivilDate) -> Result<CivilDate, FieldRefusal> {
        var words = tokens(text)
        let saidThe = words.contains("the")
        words.removeAll { filler.contains($0) }
        guard !words.isEmpty else { return .failure(.dateUnrecognized) }

        switch words {
        case ["today"], ["now"]: return .success(today)
        case ["tomorrow"], ["tmrw"], ["tmr"]: return .success(today.adding(days: 1))
        case ["day", "after", "tomorrow"]: return .success(today.adding(days: 2))
        case ["next", "week"], ["this", "week"], ["next", "month"], ["this", "month"], ["soon"], ["asap"],
             ["weekend"], ["this", "weekend"], ["next", "weekend"], ["any", "day"], ["anytime"], ["whenever"]:
            return .failure(.dateVague)
        default: break
        }

        // "monday", "next monday", "this monday", "coming monday"
        if words.count <= 2, let last = words.last, let weekday = Weekday(word: last),
           words.count == 1 || ["next", "this", "coming"].contains(words[0]) {
            var offset = (weekday.rawValue - today.weekday.rawValue + 7) % 7
            if offset == 0 { offset = 7 }
            return .success(today.adding(days: offset))
        }

        // "in 3 days", "in a week", "in two weeks"
        if words.first == "in", words.count == 2 || words.count == 3 {
            // "a" is filler, so "in a week" arrives as "in week".
            guard let count = words.count == 2 ? 1 : number(words[1]) else { return .failure(.dateUnrecognized) }
            switch words[words.count - 1] {
            case "day", "days": return .success(today.adding(days: count))
            case "week", "weeks": return .success(today.adding(days: 7 * count))
            default: return .failure(.dateUnrecognized)
            }
        }

        // "the 3rd", "15th": the next such day of a month, from today on.
        if words.count == 1, let day = dayNumber(words[0]), saidThe || words[0].contains(where: \.isLetter) {
            var month = today.month
            var year = today.year
            for _ in 0..<14 {
                if let date = CivilDate(year: year, month: month, day: day), date >= today { return .success(date) }
                month += 1
                if month > 12 { month = 1; year += 1 }
            }
            return .failure(.dateUnrecognized)
        }

        // A weekday in front of a date is checked against it.
        var saidWeekday: Weekday? = nil
        if words.count > 1, let weekday = Weekday(word: words[0]) {
            saidWeekday = weekday
            words.removeFirst()
        }
        let result = absoluteDate(words, today: today)
        if case .success(let date) = result, let saidWeekday, date.weekday != saidWeekday {
            return .failure(.dateWeekdayMismatch(date, said: saidWeekday))
        }
        return result
    }

    /// ISO, day-month[-year] or month-day[-year].
    static func absoluteDate(_ words: [String], today: CivilDate) -> Result<CivilDate, FieldRefusal> {
        if words.count == 1, words[0].contains("-") {
            let parts = words[0].split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].count == 4,
                  let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
                  (1...12).contains(month), (1...31).contains(day) else { return .failure(.dateUnrecognized) }
            guard let date = CivilDate(year: year, month: month, day: day) else {
                return .failure(.dateNoSuchDay(day: day, month: month, year: year))
            }
            return .success(date)
        }
        guard words.count == 2 || words.count == 3 else { return .failure(.dateUnrecognized) }
        let day: Int
        let month: Int
        if let d = dayNumber(words[0]), let m = monthNumber(words[1]) {
            (day, month) = (d, m)
        } else if let m = monthNumber(words[0]), let d = dayNumber(words[1]) {
            (day, month) = (d, m)
        } else {
            return .failure(.dateUnrecognized)
        }
        if words.count == 3 {
            guard words[2].count == 4, let year = Int(words[2]) else { return .failure(.dateUnrecognized) }
            guard let date = CivilDate(year: year, month: month, day: day) else {
                return .failure(.dateNoSuchDay(day: day, month: month, year: year))
            }
            return .success(date)
        }
        // No year: this year's, or next year's once this year's has passed; a 29 February takes the
        // next leap year.
        guard day <= CivilDate.daysIn(month: month, year: 2024) else {
            return .failure(.dateNoSuchDay(day: day, month: month, year: nil))
        }
        var year = today.year
        while true {
            if let date = CivilDate(year: year, month: month, day: day), date >= today { return .success(date) }
            year += 1
        }
    }

    /// Lower-case words, with commas, full stops, slashes-free punctuation and "th"/"of" kept apart.
    static func tokens(_ text: String) -> [String] {
        var cleaned = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber || character == "-" || character == "/" {
                cleaned.append(character)
            } else if character == "'" || character == "’" {
                continue
            } else {
                cleaned.append(" ")
            }
        }
        return cleaned.split(separator: " ").map(String.init)
    }

    /// Words that carry no date.
    static let filler: Set<String> = [
        "on", "the", "of", "for", "please", "pls", "a", "an", "i", "id", "would", "like", "prefer", "preferably",
        "ideally", "maybe", "perhaps", "how", "about", "at", "it", "is", "be", "could", "can", "we", "do", "say",
        "lets", "possible", "if", "ok", "okay", "great", "fine", "works", "best", "good", "sometime", "some", "time",
        // The time of day is asked for next: "tomorrow morning" gives the date.
        "morning", "afternoon", "evening", "noon",
    ]

    /// 1...31 from `3`, `03`, `3rd`, `21st`.
    static func dayNumber(_ word: String) -> Int? {
        var digits = word
        for suffix in ["st", "nd", "rd", "th"] where digits.hasSuffix(suffix) {
            digits = String(digits.dropLast(2))
            break
        }
        guard !digits.isEmpty, digits.count <= 2, digits.allSatisfy(\.isASCIIDigit), let value = Int(digits),
              (1...31).contains(value) else { return nil }
        return value
    }

    /// 1...12 from `december`, `dec`, `sept`.
    static func monthNumber(_ word: String) -> Int? {
        for (index, name) in CivilDate.monthNames.enumerated() {
            let lowered = name.lowercased()
            if word == lowered || (word.count >= 3 && lowered.hasPrefix(word)) { return index + 1 }
        }
        return nil
    }

    /// A small count: `3`, `a`, `one` ... `ten`.
    static func number(_ word: String) -> Int? {
        if let value = Int(word), (0...400).contains(value) { return value }
        let words = ["a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                     "eight": 8, "nine": 9, "ten": 10, "couple": 2]
        return words[word]
    }
}
