/// Taking several fields from one sentence.
extension BookingForm {
    /// `text` read for booking values with this clinic's slots.
    func read(_ text: String, today: CivilDate) -> BookingSentence {
        BookingSentence.read(text, slotNames: schedule.slots.map(\.name), today: today)
    }

    /// Takes every value `sentence` carries, checks each against the schedule, and asks what is next.
    /// At the field being asked, a line that carries nothing for it is read whole as before (a name,
    /// `any` for the time) or refused with that field's reason; with `opening`, nothing is refused
    /// for being absent or not understood.
    mutating func take(_ sentence: BookingSentence, text: String, today: CivilDate, minutesNow: Int?, opening: Bool) -> Action {
        var refused: (Field, FieldRefusal)? = nil
        let asked: Field? = opening || field == .confirm ? nil : field
        func keep(_ target: Field, _ reason: FieldRefusal) { if refused == nil { refused = (target, reason) } }

        if let person = sentence.person {
            self.person = person
            tookPerson = true
        }
        if let name = sentence.name {
            accept(.name(name))
        } else if asked == .name {
            // The whole line ("Jane Doe"), or what is left of it once the other values are read.
            let candidate = sentence.hasValues ? sentence.leftover : text
            if !candidate.isEmpty, !text.hasSuffix("?"), case .success(let name) = BookingForm.name(candidate) {
                accept(.name(name))
            } else if !sentence.hasValues, case .failure(let reason) = BookingForm.name(text) {
                keep(.name, reason)
            }
        }

        if let phone = sentence.phone {
            accept(.phone(phone))
        } else if asked == .phone && !sentence.hasValues {
            switch value(text, for: .phone, today: today, minutesNow: minutesNow) {
            case .success(let phone): accept(phone)
            case .failure(let reason): keep(.phone, reason)
            }
        }

        if sentence.dates.count > 1 {
            choice = Choice(field: .date, options: sentence.dates.map(Value.date))
        } else if let day = sentence.dates.first {
            if let reason = schedule.refusal(for: day, today: today) { keep(.date, reason) } else { accept(.date(day)) }
        } else if let reason = sentence.dateRefusal {
            keep(.date, reason)
        } else if asked == .date && !sentence.hasValues {
            switch value(text, for: .date, today: today, minutesNow: minutesNow) {
            case .success(let day): accept(day)
            case .failure(let reason): keep(.date, reason)
            }
        }

        let slots = date.map(schedule.slots(on:)) ?? schedule.slots
        var readings = sentence.times.flatMap { $0.readings(in: slots) }.uniqued()
        // "tomorrow morning at 10:30": the clock time says more than the slot around it.
        let clocks = readings.compactMap { if case .clock(let minutes) = $0 { return minutes } else { return nil } }
        readings.removeAll { reading in
            guard case .slot(let name) = reading, let slot = slots.first(where: { $0.name == name }) else { return false }
            return clocks.contains { slot.start <= $0 && $0 < slot.end }
        }
        readings = Array(readings.prefix(2))
        if readings.count == 1 {
            if let date, let reason = timeRefusal(readings[0], on: date, today: today, minutesNow: minutesNow) {
                keep(.time, reason)
            } else {
                accept(.time(readings[0]))
            }
        } else if readings.count > 1 {
            if choice == nil { choice = Choice(field: .time, options: readings.map(Value.time)) }
        } else if !sentence.times.isEmpty {
            keep(.time, .timeUnrecognized(slots: slots.map(\.name)))
        } else if asked == .time && !sentence.hasValues {
            if let time = PreferredTime.parse(text, slotNames: schedule.slots.map(\.name)) {
                if let date, let reason = timeRefusal(time, on: date, today: today, minutesNow: minutesNow) {
                    keep(.time, reason)
                } else {
                    accept(.time(time))
                }
            } else {
                keep(.time, .timeUnrecognized(slots: slots.map(\.name)))
            }
        }

        if !taken.isEmpty || tookPerson || choice != nil {
            failures = 0
        } else if let (target, reason) = refused, !opening {
            field = target
            return self.refuse(reason)
        }
        return next(refused: refused, today: today, minutesNow: minutesNow)
    }

    /// The option a reply picks out of `count`: "1", "the second one", "yes" (the first), "no" (the
    /// other of two); nil when it picks none.
    static func pick(_ text: String, from count: Int) -> Int? {
        if let choice = Session.choice(in: text, count: count) { return choice }
        switch yesNo(text) {
        case true?: return 0
        case false? where count == 2: return 1
        default:
            let words = normalised(text)
            if count == 2, ["the later one", "later one", "the later", "the latter", "the other one", "the other"].contains(words) { return 1 }
            if ["the earlier one", "earlier one", "the earlier", "the former", "the sooner one"].contains(words) { return 0 }
            return nil
        }
    }
}

extension Sequence where Element: Hashable {
    /// The elements without repeats, in their first order.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}

extension BookingForm {
    /// Whether `input` is meant for the form rather than as a question asked in the middle of it: it
    /// answers a pending choice or "shall I stop?", declines ("no thanks"), calls the booking off, or
    /// carries a day, a phone number, a name, who the booking is for or a clock time ("can I come at
    /// 3?"); a part of the day alone only when the line is not phrased as a question (`questionLike`:
    /// "how long is a morning session").
    public func takesAsAnswer(_ input: String, today: CivilDate, questionLike: Bool) -> Bool {
        let text = input.trimmingCharacters(in: " \t\r\n")
        if offeredStop && BookingForm.yesNo(text) != nil { return true }
        if let choice, BookingForm.pick(text, from: choice.options.count) != nil { return true }
        if field != .note && field != .confirm && Session.isDeclining(text) { return true }
        if field == .note { return false }
        let sentence = read(text, today: today)
        let question = text.hasSuffix("?") || questionLike
        if sentence.cancels { return !question }
        if !sentence.dates.isEmpty || sentence.dateRefusal != nil || sentence.phone != nil || sentence.name != nil
            || sentence.person != nil { return true }
        let clock = sentence.times.contains { if case .exact(.slot) = $0 { return false } else { return true } }
        return clock || (!sentence.times.isEmpty && !question)
    }
}
