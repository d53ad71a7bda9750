/// What one line the patient typed says about a booking: any of the day, the time, the phone number,
/// the name, who the booking is for, and whether it calls the booking off. Patients say several at
/// once ("I'd like to book for next Tuesday afternoon", "Jane Doe, 98765 43210, tomorrow at 2.30
/// pm", "can I book another one for my brother tomorrow evening"); the form takes what it finds.
///
/// Pure: reads words only. Whether the clinic is open then is the form's and `ClinicSchedule`'s call.
public struct BookingSentence: Sendable, Equatable {
    /// Every day named, the likelier first: two when the line names two ("monday or tuesday") or
    /// one that could mean two ("next Wednesday" said on a Monday: in two days, or in nine).
    public var dates: [CivilDate] = []
    /// Why a day that was named cannot be read ("31 November", "next week"); nil when none was, or
    /// when a day was read.
    public var dateRefusal: FieldRefusal?
    /// Every time of day named, in order.
    var times: [SpokenTime.Mention] = []
    /// The phone number (digits and a leading +), when one is in the line.
    public var phone: String?
    /// A name the line introduces ("my name is Jane Doe", "book it under Ravi", "for my brother Ravi").
    public var name: String?
    /// Who the booking is for when not the patient: "brother", "wife", "friend", "someone else".
    public var person: String?
    /// The words read as nothing else, as typed (a name, at the name question).
    public var leftover: String = ""
    /// Whether the line calls the booking off in the patient's own words ("actually never mind, I'll
    /// call later", "forget it", "I don't want to book any more").
    public var cancels = false

    /// Whether the line gave any value for the form (a refused day counts: it was meant as one).
    public var hasValues: Bool {
        !dates.isEmpty || dateRefusal != nil || !times.isEmpty || phone != nil || name != nil || person != nil
    }

    /// Reads `text`; `slotNames` are the clinic's slots, `today` places relative days.
    public static func read(_ text: String, slotNames: [String], today: CivilDate) -> BookingSentence {
        var sentence = BookingSentence()
        let tokens = SentenceToken.tokens(of: text)
        var used = Set<Int>()
        var meansToday = false
        for found in SpokenTime.find(in: tokens, slotNames: slotNames) {
            sentence.times.append(found.mention)
            used.formUnion(found.range)
            meansToday = meansToday || found.meansToday
        }
        if !hidesCharacters(text), let (phone, range) = phoneNumber(in: tokens, used: used) {
            sentence.phone = phone
            used.formUnion(range)
        }
        readDates(tokens, used: &used, today: today, into: &sentence)
        if sentence.dates.isEmpty && sentence.dateRefusal == nil && meansToday { sentence.dates = [today] }
        readPerson(tokens, used: &used, into: &sentence)
        if sentence.name == nil { sentence.name = introducedName(tokens, used: &used) }
        sentence.leftover = tokens.indices.filter { !used.contains($0) && !leftoverFiller.contains(tokens[$0].word) }
            .map { tokens[$0].original }.joined(separator: " ")
        sentence.cancels = !sentence.hasValues && callsOff(text)
        return sentence
    }

    // MARK: Phone

    /// Whether `text` holds marks, keycaps, variation selectors, control or format characters: then no
    /// number is picked out of it (a digit with a mark on it is not a digit); at the phone question the
    /// line is checked whole by `PhoneNumber`, which says what is wrong.
    static func hidesCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            if FieldText.isForbidden(scalar) || scalar.properties.isDefaultIgnorableCodePoint || scalar.properties.isVariationSelector {
                return true
            }
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .spacingMark: return true
            default: return false
            }
        }
    }

    /// The first run of words made of digits, `+`, `-` and brackets holding 7 to 15 digits.
    private static func phoneNumber(in tokens: [SentenceToken], used: Set<Int>) -> (String, Range<Int>)? {
        func isPhonePart(_ index: Int) -> Bool {
            let word = tokens[index].word
            return !used.contains(index) && word.contains(where: \.isASCIIDigit)
                && word.allSatisfy { $0.isASCIIDigit || "+()-".contains($0) } && CivilDate(iso: word) == nil
        }
        var start = 0
        while start < tokens.count {
            guard isPhonePart(start) else { start += 1; continue }
            var end = start
            while end < tokens.count && isPhonePart(end) { end += 1 }
            let text = tokens[start..<end].map(\.original).joined(separator: " ")
            if case .success(let phone) = PhoneNumber.normalise(text) { return (phone, start..<end) }
            start = end
        }
        return nil
    }

    // MARK: Dates

    /// Finds the longest phrase `BookingDateParser` reads around each date word, then a second one.
    private static func readDates(_ tokens: [SentenceToken], used: inout Set<Int>, today: CivilDate,
                                  into sentence: inout BookingSentence) {
        var refusal: (FieldRefusal, Int)? = nil
        for _ in 0..<2 {
            var best: (date: CivilDate, range: Range<Int>)? = nil
            for keyword in tokens.indices where !used.contains(keyword) && isDateWord(tokens[keyword].word) {
                for start in max(0, keyword - 3)...keyword {
                    for end in (keyword + 1)...min(tokens.count, keyword + 4) {
                        guard !(start..<end).contains(where: used.contains) else { continue }
                        let phrase = tokens[start..<end].map(\.word).joined(separator: " ")
                        switch BookingDateParser.parse(phrase, today: today) {
                        case .success(let date):
                            if best == nil || end - start > best!.range.count { best = (date, start..<end) }
                        case .failure(let reason) where reason != .dateUnrecognized:
                            if refusal == nil || end - start > refusal!.1 { refusal = (reason, end - start) }
                        case .failure:
                            continue
                        }
                    }
                }
            }
            guard let best else { break }
            // "Monday 3 December" (a Thursday) refused whole is not "3 December" read alone.
            if sentence.dates.isEmpty, let (reason, length) = refusal, length > best.range.count {
                sentence.dateRefusal = reason
                return
            }
            used.formUnion(best.range)
            if !sentence.dates.contains(best.date) { sentence.dates.append(best.date) }
            let words = Set(tokens[best.range].map(\.word))
            if sentence.dates.count == 1, words.contains("next"), words.contains(where: { Weekday(word: $0) != nil }),
               today.days(until: best.date) <= 2 {
                sentence.dates.append(best.date.adding(days: 7))
                return
            }
        }
        if sentence.dates.isEmpty { sentence.dateRefusal = refusal?.0 }
    }

    /// Whether `word` can carry a date: a relative day, a weekday, a month, an ordinal, an ISO date.
    static func isDateWord(_ word: String) -> Bool {
        if ["today", "tomorrow", "tmrw", "tmr", "tomoro", "day", "days", "week", "weeks", "weekend", "month"].contains(word) { return true }
        if Weekday(word: word) != nil || CivilDate(iso: word) != nil { return true }
        if word.count >= 3, BookingDateParser.monthNumber(word) != nil { return true }
        return word.contains(where: \.isLetter) && BookingDateParser.dayNumber(word) != nil
    }

    // MARK: Person and name

    /// "for my brother (Ravi)", "for a friend", "for someone else".
    private static func readPerson(_ tokens: [SentenceToken], used: inout Set<Int>, into sentence: inout BookingSentence) {
        for index in tokens.indices where tokens[index].word == "for" {
            var next = index + 1
            if next < tokens.count, ["my", "a", "our"].contains(tokens[next].word) { next += 1 }
            guard next < tokens.count else { continue }
            let word = tokens[next].word
            if relations.contains(word) {
                sentence.person = word
            } else if ["someone", "somebody"].contains(word), next + 1 < tokens.count, tokens[next + 1].word == "else" {
                sentence.person = "someone else"
                next += 1
            } else {
                continue
            }
            used.formUnion(index...next)
            // "for my brother Ravi", "for my brother, his name is Ravi", "for my wife called Anita".
            var start = next + 1
            while start < tokens.count, ["named", "called", "his", "her", "name", "names", "is"].contains(tokens[start].word) {
                start += 1
            }
            let marked = start > next + 1 && tokens[start - 1].word != "his" && tokens[start - 1].word != "her"
            if start < tokens.count, marked || tokens[start].original.first?.isUppercase == true,
               let (name, range) = nameWords(tokens, from: start, used: used) {
                sentence.name = name
                used.formUnion(next + 1..<range.upperBound)
            }
            return
        }
    }

    /// The name after "my name is", "name:", "book it under", "under the name", "call me", or after
    /// "I'm" / "this is" when it is written with a capital.
    private static func introducedName(_ tokens: [SentenceToken], used: inout Set<Int>) -> String? {
        let words = tokens.map(\.word)
        for index in words.indices where !used.contains(index) {
            for marker in nameMarkers {
                guard index + marker.words.count <= words.count,
                      Array(words[index..<(index + marker.words.count)]) == marker.words else { continue }
                let start = index + marker.words.count
                guard start < tokens.count, !marker.needsCapital || tokens[start].original.first?.isUppercase == true,
                      let (name, range) = nameWords(tokens, from: start, used: used) else { continue }
                used.formUnion(index..<range.upperBound)
                return name
            }
        }
        return nil
    }

    /// Up to four name-like words from `start`, stopping at a comma, a used word or a word that is
    /// not part of a name; nil when the first is not one or the result is not a valid name.
    private static func nameWords(_ tokens: [SentenceToken], from start: Int, used: Set<Int>) -> (String, Range<Int>)? {
        var end = start
        while end < tokens.count, end - start < 4, !used.contains(end), end == start || !tokens[end].afterBreak,
              !nameStopWords.contains(tokens[end].word), !isDateWord(tokens[end].word),
              tokens[end].original.allSatisfy({ $0.isLetter || "'’-.".contains($0) }) {
            end += 1
        }
        guard end > start, case .success(let name) = BookingForm.name(tokens[start..<end].map(\.original).joined(separator: " "))
        else { return nil }
        return (name, start..<end)
    }

    private static let nameMarkers: [(words: [String], needsCapital: Bool)] = [
        (["my", "name", "is"], false), (["my", "names"], false), (["name", "is"], false), (["names"], false),
        (["name:"], false), (["name", "should", "be"], false), (["book", "it", "under"], false),
        (["under", "the", "name", "of"], false), (["under", "the", "name"], false), (["under", "name"], false),
        (["call", "me"], false), (["im"], true), (["i", "am"], true), (["this", "is"], true),
    ]

    /// People a patient books for.
    static let relations: Set<String> = [
        "brother", "sister", "wife", "husband", "son", "daughter", "father", "dad", "mother", "mom", "mum", "friend",
        "partner", "uncle", "aunt", "aunty", "auntie", "cousin", "nephew", "niece", "grandfather", "grandpa",
        "grandmother", "grandma", "boyfriend", "girlfriend", "fiance", "fiancee", "colleague", "boss", "relative",
        "brother-in-law", "sister-in-law", "father-in-law", "mother-in-law", "son-in-law", "daughter-in-law",
    ]

    /// Words that end a name.
    static let nameStopWords: Set<String> = [
        "and", "but", "or", "my", "for", "on", "at", "in", "by", "the", "a", "is", "it", "its", "please", "pls", "phone",
        "number", "mobile", "i", "im", "id", "he", "hes", "she", "shes", "his", "her", "who", "with", "from", "to",
        "book", "booking", "appointment", "thanks", "thank", "you", "ok", "okay", "yes", "no", "next", "this", "wants",
        "needs", "would", "will", "can", "could", "also", "as", "then", "so", "not", "free", "here", "looking",
        "later", "back", "now", "when", "after", "before", "again", "soon", "whenever", "any", "anytime", "sometime",
        "there", "today", "actually", "instead", "sorry",
    ]

    /// Words left over that say nothing (for the name question).
    static let leftoverFiller: Set<String> = nameStopWords.union([
        "hi", "hello", "hey", "name", "names", "name:", "me", "call", "under", "of", "like", "want", "wanna", "would",
        "prefer", "come", "coming", "visit", "consultation", "appointment", "an", "sure", "fine", "good", "that",
        "be", "should", "am", "tel", "tel:", "phone:", "number:", "mobile:", "reach", "on", "ring", "whatsapp",
    ])

    // MARK: Calling off

    /// Whether `text` calls the booking off in a sentence ("actually never mind, I'll call later").
    static func callsOff(_ text: String) -> Bool {
        let padded = " " + BookingForm.normalised(text) + " "
        return callingOff.contains { padded.contains(" " + $0 + " ") }
    }

    /// Phrases that call a booking off wherever they stand in a line.
    static let callingOff = [
        "never mind", "nevermind", "forget it", "forget about it", "call later", "call you later", "call back later",
        "call the clinic", "ring later", "ring the clinic", "changed my mind", "change of plan", "dont want to book",
        "do not want to book", "dont want an appointment", "dont want to come", "not interested", "cancel",
        "cancel it", "stop booking", "stop the booking", "leave it", "another time", "some other time", "book later",
        "do it later", "ill think about it", "let me think about it", "not anymore", "no longer",
    ]
}
