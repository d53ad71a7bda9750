/// What an intent file's cue lines say to look for: the safety intents (`intents/crisis.md`,
/// `intents/complication.md`) use every key, other intents (`booking`) only `cue:` and `except:`.
///
/// See `CuePattern` for how a phrase matches, and the comments at the top of the bundled files for
/// what each key means to staff.
public struct CueRule: Sendable, Equatable {
    /// The intent's id (`crisis`, `complication`).
    public let id: String
    /// Phrases that always count, even in a question about what could happen (`alarm:`).
    public private(set) var alarms: [CuePattern] = []
    /// Phrases that count unless the message only asks what could happen (`cue:`).
    public private(set) var cues: [CuePattern] = []
    /// After-effects that are normal when mild (`sign:`): they count with a `severity:` phrase.
    public private(set) var signs: [CuePattern] = []
    /// What makes a sign a problem ("won't stop", "spreading", "severe").
    public private(set) var severities: [CuePattern] = []
    /// Phrases set aside before anything is looked for ("to die for").
    public private(set) var exceptions: [CuePattern] = []
    /// Phrases that, anywhere in a message, mean the rule does not apply to it (`unless:`)...
    public private(set) var vetoes: [CuePattern] = []
    /// ...except these, which count even then (`always:`: "can I dye my hair after SMP?").
    public private(set) var overrides: [CuePattern] = []
    /// Words that, up to three words before a phrase, say it is absent ("no", "not", "without").
    public var negations: Set<String> = []
    /// Which words fill which slots of the patterns above.
    private(set) var index = CueIndex()
    /// Where each pattern's slots stand in `index`, list by list in the lists' order: what matching
    /// reads (a pattern's text is looked up only when it matches).
    private var slots = Slots()

    /// For each slot number, the position in its list of the pattern that starts with it; -1 for a
    /// slot that does not start a pattern. A pattern can match only where its first slot is filled,
    /// so a list is tried through the filled slots of its range, in the list's order.
    private var patternStartingAt: [Int32] = []

    /// The `CuePatternSlots` of each list of patterns.
    private struct Slots: Sendable, Equatable {
        var alarms: [CuePatternSlots] = [], cues: [CuePatternSlots] = [], signs: [CuePatternSlots] = []
        var severities: [CuePatternSlots] = [], exceptions: [CuePatternSlots] = [], vetoes: [CuePatternSlots] = []
        var overrides: [CuePatternSlots] = [], askings: [CuePatternSlots] = [], states: [CuePatternSlots] = []
    }
    /// First words of a question about what could happen ("can", "will", "is").
    public var hypotheticalStarts: Set<String> = []
    /// Phrases that, anywhere in a clause, make it a question or a worry about what could happen
    /// (`asking:`: "wants to know if it hurts a lot", "scared of the pain").
    public private(set) var askings: [CuePattern] = []
    /// Phrases that show the patient describes what is happening now ("my ... is", "since").
    public private(set) var states: [CuePattern] = []
    /// Messages that are not this intent though close to its examples in meaning (`unlike:`: "ugh I
    /// hate my bald spot" for crisis): the sentence encoder's verdict needs the message nearer to an
    /// example than to any of these.
    public var counterExamples: [String] = []

    /// The keys a safety intent file may use besides `id`, `question` and `also`.
    public static let keys: Set<String> = ["alarm", "cue", "sign", "severity", "except", "negation", "hypothetical", "asking", "state",
                                           "unlike"]
    /// The keys any other intent file may use.
    public static let plainKeys: Set<String> = ["cue", "except", "unless", "always"]

    /// How many words before a phrase a negation may stand.
    static let negationReach = 3

    /// Reads the rule from a parsed intent file; an empty phrase is an error naming its line.
    public init(record: Record, id: String) throws(KnowledgeError) {
        self.id = id
        func patterns(_ key: String) throws(KnowledgeError) -> [CuePattern] {
            var patterns: [CuePattern] = []
            for field in record.fields where field.key == key {
                guard let pattern = CuePattern(field.value) else {
                    throw .malformed(file: record.file, line: field.line,
                                     reason: "'\(key):' needs at least one word (letters or digits)")
                }
                patterns.append(index.register(pattern))
            }
            return patterns
        }
        func words(_ key: String) -> Set<String> {
            Set(record.values(key).flatMap { $0.split(whereSeparator: { $0 == "|" || $0 == " " }) }
                .flatMap { Tokenizer().tokens(in: String($0)) })
        }
        alarms = try patterns("alarm")
        cues = try patterns("cue")
        signs = try patterns("sign")
        severities = try patterns("severity")
        exceptions = try patterns("except")
        vetoes = try patterns("unless")
        overrides = try patterns("always")
        states = try patterns("state")
        askings = try patterns("asking")
        slots = Slots(alarms: alarms.map(\.slotNumbers), cues: cues.map(\.slotNumbers), signs: signs.map(\.slotNumbers),
                      severities: severities.map(\.slotNumbers), exceptions: exceptions.map(\.slotNumbers),
                      vetoes: vetoes.map(\.slotNumbers), overrides: overrides.map(\.slotNumbers),
                      askings: askings.map(\.slotNumbers), states: states.map(\.slotNumbers))
        patternStartingAt = [Int32](repeating: -1, count: index.slotCount)
        for list in [slots.alarms, slots.cues, slots.signs, slots.severities, slots.exceptions, slots.vetoes, slots.overrides,
                     slots.askings, slots.states] {
            for (position, pattern) in list.enumerated() { patternStartingAt[pattern.first] = Int32(position) }
        }
        negations = words("negation")
        hypotheticalStarts = words("hypothetical")
        counterExamples = record.values("unlike")
        if alarms.isEmpty && cues.isEmpty && signs.isEmpty && overrides.isEmpty {
            throw .malformed(file: record.file, line: 1,
                             reason: "cue lines need at least one 'cue:', 'alarm:' or 'sign:' line")
        }
        if !signs.isEmpty && severities.isEmpty {
            throw .malformed(file: record.file, line: record.fields.first { $0.key == "sign" }?.line ?? 1,
                             reason: "'sign:' lines count only with a 'severity:' line; add one")
        }
    }

    /// Whether every clause of `text` only asks what could happen ("can SMP cause a fever?") and
    /// none shows the patient describes what is happening now; always false without `hypothetical:`
    /// or `asking:` lines.
    public func onlyAsksWhatCouldHappen(_ text: CueText) -> Bool {
        onlyAsksWhatCouldHappen(markedAlone(text))
    }

    /// `onlyAsksWhatCouldHappen` of a message marked for several rules at once.
    public func onlyAsksWhatCouldHappen(_ text: MarkedCueText) -> Bool {
        !(hypotheticalStarts.isEmpty && askings.isEmpty)
            && settingExceptionsAside(in: clauses(of: text)).allSatisfy(isHypothetical)
    }

    /// `text` marked by a marker of this rule alone (a line marked for all rules at once comes
    /// through the methods that take a `MarkedCueText`).
    private func markedAlone(_ text: CueText) -> MarkedCueText {
        CueMarker(rules: [self]).mark(text)
    }

    /// `text`'s clauses as marked for this rule (by a marker of this rule alone when `text`'s marker
    /// did not know it), before `except:` phrases are set aside.
    private func clauses(of text: MarkedCueText) -> [CueIndex.MarkedClause] {
        text.clauses(for: self) ?? markedAlone(text.text).clauses(for: self) ?? []
    }

    /// `clauses` with the words of `except:` phrases set aside.
    private func settingExceptionsAside(in clauses: [CueIndex.MarkedClause]) -> [CueIndex.MarkedClause] {
        if slots.exceptions.isEmpty { return clauses }
        var clauses = clauses
        for index in clauses.indices {
            for exception in slots.exceptions {
                for range in exception.matches(in: clauses[index]) { clauses[index].setAside(range) }
            }
        }
        return clauses
    }

    /// Whether `clause` asks what could happen: it starts with a `hypothetical:` word or holds an
    /// `asking:` phrase, and no `state:` phrase in it says what is happening now ("is it normal that
    /// my scalp is still bleeding" does).
    private func isHypothetical(_ clause: CueIndex.MarkedClause) -> Bool {
        guard let first = clause.words.first else { return false }
        guard hypotheticalStarts.contains(first.text) || firstPosition(in: slots.askings, in: clause, where: { $0.occurs(in: clause) }) != nil
        else { return false }
        // A state phrase turned into a question ("will I feel a lot of pain?", "can I have a fever
        // after?") asks what could happen too.
        return firstPosition(in: slots.states, in: clause) { state in
            state.matches(in: clause).contains { $0.lowerBound == 0 || !hypotheticalStarts.contains(clause.words[$0.lowerBound - 1].text) }
        } == nil
    }

    /// How far apart (in words) a sign and its severity may stand ("the redness on my scalp is spreading").
    static let severityReach = 6

    /// Whether one of the `except:` phrases occurs in `text` ("to die for", "dye my hair"): the line
    /// uses a word of this rule in an innocent sense, which only the cues can tell apart.
    public func hasException(_ text: CueText) -> Bool {
        hasException(markedAlone(text))
    }

    /// `hasException` of a message marked for several rules at once.
    public func hasException(_ text: MarkedCueText) -> Bool {
        clauses(of: text).contains { clause in slots.exceptions.contains { $0.occurs(in: clause) } }
    }

    /// The phrase that makes `text` match this rule, or nil.
    public func match(_ text: CueText) -> String? {
        match(markedAlone(text))
    }

    /// The phrase that makes the message `text` match this rule, or nil; its words are looked up
    /// once for all rules of the marker.
    public func match(_ text: MarkedCueText) -> String? {
        match(marked: settingExceptionsAside(in: clauses(of: text)))
    }

    /// The phrase that makes the clauses, marked and with `except:` phrases set aside, match.
    private func match(marked clauses: [CueIndex.MarkedClause]) -> String? {
        if let always = slots.overrides.firstIndex(where: { pattern in clauses.contains { pattern.occurs(in: $0) } }) {
            return overrides[always].text
        }
        if slots.vetoes.contains(where: { veto in clauses.contains { veto.occurs(in: $0) } }) { return nil }
        for clause in clauses {
            if let alarm = firstPresent(slots.alarms, in: clause) { return alarms[alarm].text }
            if isHypothetical(clause) { continue }
            if let cue = firstPresent(slots.cues, in: clause) { return cues[cue].text }
            for (sign, signSlots) in slots.signs.enumerated() {
                for range in present(signSlots, in: clause) {
                    let near = max(0, range.lowerBound - Self.severityReach)...min(clause.count - 1, range.upperBound + Self.severityReach)
                    if let severity = slots.severities.firstIndex(where: { pattern in
                        pattern.matches(in: clause).contains { near.contains($0.lowerBound) && near.contains($0.upperBound) }
                    }) {
                        return signs[sign].text + " + " + severities[severity].text
                    }
                }
            }
        }
        return nil
    }

    /// The position of the first of `patterns` (a list of this rule) that matches in `clause` without
    /// a negation just before it.
    private func firstPresent(_ patterns: [CuePatternSlots], in clause: CueIndex.MarkedClause) -> Int? {
        firstPosition(in: patterns, in: clause) { isPresent($0, in: clause) }
    }

    /// The position of the first of `patterns` (a list of this rule) whose first slot some word of
    /// `clause` fills and that `holds`; as `patterns.firstIndex(where: holds)` when `holds` needs
    /// the first slot filled, without trying the patterns whose first slot is not.
    private func firstPosition(in patterns: [CuePatternSlots], in clause: CueIndex.MarkedClause,
                               where holds: (CuePatternSlots) -> Bool) -> Int? {
        guard let first = patterns.first, let last = patterns.last else { return nil }
        var found: Int? = nil
        clause.forEachFilledSlot(in: first.first..<(last.first + last.count)) { slot in
            let position = Int(patternStartingAt[slot])
            if position >= 0 && holds(patterns[position]) {
                found = position
                return false
            }
            return true
        }
        return found
    }

    /// Whether `pattern` matches in `clause` without a negation just before it (`present` not empty).
    private func isPresent(_ pattern: CuePatternSlots, in clause: CueIndex.MarkedClause) -> Bool {
        guard pattern.mayMatch(clause) else { return false }   // most patterns: no array to build
        for range in pattern.matches(in: clause) where !isNegated(range, in: clause) { return true }
        return false
    }

    /// Whether a `negation:` word stands up to `negationReach` words before `range`.
    private func isNegated(_ range: ClosedRange<Int>, in clause: CueIndex.MarkedClause) -> Bool {
        if negations.isEmpty { return false }
        for position in max(0, range.lowerBound - Self.negationReach)..<range.lowerBound
        where negations.contains(clause.words[position].text) { return true }
        return false
    }

    /// Where `pattern` matches in `clause` without a negation just before it.
    private func present(_ pattern: CuePatternSlots, in clause: CueIndex.MarkedClause) -> [ClosedRange<Int>] {
        pattern.matches(in: clause).filter { !isNegated($0, in: clause) }
    }
}
