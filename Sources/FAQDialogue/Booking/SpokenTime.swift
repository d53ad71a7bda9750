/// Finds the times of day a patient names inside a sentence: `2:30`, `2.30 pm`, `10am`, `14:00`,
/// `half past two`, `quarter to four`, `two thirty`, `3 o'clock`, `around 11`, `at 3`, `noon`, a slot
/// of the clinic (`morning`, `evenings`), `this afternoon`, `tonight`, `after lunch`, `before lunch`,
/// `after work`, `first thing in the morning`, `any time`. Pure: the clinic's hours are applied later
/// (`Mention.readings`), so `half past two` can become 14:30 because the clinic is closed at 02:30.
enum SpokenTime {
    /// What a patient said about the time.
    enum Mention: Sendable, Equatable {
        /// A time that needs no more reading: a slot, a clock time with am/pm or past 12, noon, any.
        case exact(PreferredTime)
        /// An hour from 1 to 12 with its minutes, morning or afternoon not said (`half past two`).
        case hour(Int, minute: Int)
        /// The slot that holds this minute of the day (`after lunch`: 14:00).
        case slotHolding(minute: Int)
        /// When the day's first slot starts (`first thing in the morning`).
        case firstThing
        /// The day's last slot (`after work`, `tonight`).
        case lastSlot

        /// The times this mention can mean on a day with `slots`, the likelier first. An hour gives
        /// the readings inside the slots (`2:30` only 14:30), or, when neither is, the one the clinic's
        /// hours refuse more plainly (1 to 7 read as afternoon, as `PreferredTime` does).
        func readings(in slots: [ClinicSchedule.Slot]) -> [PreferredTime] {
            switch self {
            case .exact(let time):
                return [time]
            case .hour(let hour, let minute):
                let morning = (hour % 12) * 60 + minute
                let candidates = hour == 12 ? [12 * 60 + minute] : [morning, morning + 12 * 60]
                let open = candidates.filter { minute in slots.contains { $0.start <= minute && minute < $0.end } }
                if !open.isEmpty { return open.map { .clock(minutes: $0) } }
                return [.clock(minutes: (1...7).contains(hour) ? morning + 12 * 60 : morning)]
            case .slotHolding(let minute):
                return slots.first { $0.start <= minute && minute < $0.end }.map { [.slot($0.name)] } ?? []
            case .firstThing:
                return slots.first.map { [.clock(minutes: $0.start)] } ?? []
            case .lastSlot:
                return slots.last.map { [.slot($0.name)] } ?? []
            }
        }
    }

    /// A mention and the words it took.
    struct Found: Sendable, Equatable {
        let mention: Mention
        let range: Range<Int>
        /// Whether it also names today (`tonight`, `this evening`).
        let meansToday: Bool
    }

    /// Every time named in `tokens`, in order, without overlaps. `slotNames` are the clinic's slots.
    static func find(in tokens: [SentenceToken], slotNames: [String]) -> [Found] {
        let words = tokens.map(\.word)
        var found: [Found] = []
        var index = 0
        while index < words.count {
            if let match = match(words, at: index, slotNames: slotNames) {
                found.append(match)
                index = match.range.upperBound
            } else {
                index += 1
            }
        }
        return found
    }

    /// The mention starting at `index`, if one does.
    private static func match(_ words: [String], at index: Int, slotNames: [String]) -> Found? {
        func word(_ offset: Int) -> String? { index + offset < words.count ? words[index + offset] : nil }
        func found(_ mention: Mention, _ count: Int, today: Bool = false) -> Found {
            Found(mention: mention, range: index..<(index + count), meansToday: today)
        }
        func slot(_ text: String?) -> String? {
            guard let text else { return nil }
            return slotNames.first { $0.lowercased() == text || $0.lowercased() + "s" == text }
        }
        let first = words[index]
        // Phrases.
        if first == "first", word(1) == "thing" {
            let inTheMorning = word(2) == "in" && word(3) == "the" && word(4) == "morning"
            return found(.firstThing, inTheMorning ? 5 : 2)
        }
        if first == "after" && (word(1) == "lunch" || word(1) == "lunchtime") { return found(.slotHolding(minute: 14 * 60), 2) }
        if first == "before" && (word(1) == "lunch" || word(1) == "lunchtime") { return found(.slotHolding(minute: 11 * 60), 2) }
        if first == "after" && word(1) == "work" { return found(.lastSlot, 2) }
        if first == "end", word(1) == "of", word(2) == "the", word(3) == "day" { return found(.lastSlot, 4) }
        if first == "tonight" { return found(.lastSlot, 1, today: true) }
        if first == "this", let name = slot(word(1)) { return found(.exact(.slot(name)), 2, today: true) }
        if first == "anytime" { return found(.exact(.any), 1) }
        if (first == "any" && (word(1) == "time" || word(1) == "slot")) || (first == "no" && word(1) == "preference") {
            return found(.exact(.any), 2)
        }
        if first == "noon" || first == "midday" { return found(.exact(.clock(minutes: 12 * 60)), 1) }
        if let name = slot(first) { return found(.exact(.slot(name)), 1) }
        if first == "half" || first == "quarter", word(1) == "past" || word(1) == "to", let hour = word(2).flatMap(hourNumber) {
            let minute = first == "half" ? 30 : (word(1) == "past" ? 15 : 45)
            let said = word(1) == "to" ? (hour == 1 ? 12 : hour - 1) : hour
            return found(.hour(said, minute: minute), 3)
        }
        if first == "half", let hour = word(1).flatMap(hourNumber) { return found(.hour(hour, minute: 30), 2) }   // "half two"
        // A clock written with digits, with am/pm in it or after it.
        if let meridiem = word(1), meridiem == "am" || meridiem == "pm",
           case .clock? = PreferredTime.clockTime(first + meridiem) {
            return found(.exact(PreferredTime.clockTime(first + meridiem)!), 2)
        }
        if let hour = hourNumber(first), let meridiem = word(1), meridiem == "am" || meridiem == "pm" {
            return found(.exact(PreferredTime.clockTime("\(hour)" + meridiem)!), 2)
        }
        if first.hasSuffix("am") || first.hasSuffix("pm"), first.first?.isASCIIDigit == true,
           let time = PreferredTime.clockTime(first) {
            return found(.exact(time), 1)
        }
        if first.contains(":"), case .clock(let minutes)? = PreferredTime.clockTime(first) {
            let hour = Int(first.prefix { $0 != ":" }) ?? 0
            return found(hour >= 1 && hour <= 12 ? .hour(hour, minute: minutes % 60) : .exact(.clock(minutes: minutes)), 1)
        }
        // "two thirty", "3 o'clock", "at 3", "around 11", "4ish".
        if let hour = hourNumber(first) {
            switch word(1) {
            case "thirty": return found(.hour(hour, minute: 30), 2)
            case "fifteen": return found(.hour(hour, minute: 15), 2)
            case "forty" where word(2) == "five": return found(.hour(hour, minute: 45), 3)
            case "oclock": return found(.hour(hour, minute: 0), 2)
            case "o" where word(2) == "clock": return found(.hour(hour, minute: 0), 3)
            case "ish": return found(.hour(hour, minute: 0), 2)
            default: break
            }
        }
        if first.hasSuffix("ish"), let hour = hourNumber(String(first.dropLast(3))) { return found(.hour(hour, minute: 0), 1) }
        if index > 0, timePrepositions.contains(words[index - 1]), BookingDateParser.monthNumber(word(1) ?? "") == nil {
            if let hour = hourNumber(first) { return found(.hour(hour, minute: 0), 1) }
            if first.allSatisfy(\.isASCIIDigit), (first.count == 2 || first.count == 4), let time = PreferredTime.clockTime(first) {
                return found(.exact(time), 1)
            }
        }
        return nil
    }

    /// Words after which a bare number is a time ("at 3", "around 11").
    static let timePrepositions: Set<String> = ["at", "around", "about", "by", "after", "say", "from", "approx", "approximately", "bout"]

    /// 1...12 from `3`, `03` or `three`.
    static func hourNumber(_ word: String) -> Int? {
        if word.count <= 2, word.allSatisfy(\.isASCIIDigit), let value = Int(word), (1...12).contains(value) { return value }
        let names = ["one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                     "ten": 10, "eleven": 11, "twelve": 12]
        return names[word]
    }
}
