/// What a safety intent file (`intents/crisis.md`, `intents/complication.md`) says to look for.
///
/// See `CuePattern` for how a phrase matches, and the comments at the top of the bundled files for
/// what each key means to staff.
public struct SafetyRule: Sendable, Equatable {
    /// The intent's id (`crisis`, `complication`).
    public let id: String
    /// Phrases that always count, even in a question about what could happen (`alarm:`).
    public var alarms: [CuePattern] = []
    /// Phrases that count unless the message only asks what could happen (`cue:`).
    public var cues: [CuePattern] = []
    /// After-effects that are normal when mild (`sign:`): they count with a `severity:` phrase.
    public var signs: [CuePattern] = []
    /// What makes a sign a problem ("won't stop", "spreading", "severe").
    public var severities: [CuePattern] = []
    /// Phrases set aside before anything is looked for ("to die for").
    public var exceptions: [CuePattern] = []
    /// Words that, up to three words before a phrase, say it is absent ("no", "not", "without").
    public var negations: Set<String> = []
    /// First words of a question about what could happen ("can", "will", "is").
    public var hypotheticalStarts: Set<String> = []
    /// Phrases that show the patient describes what is happening now ("my ... is", "since").
    public var states: [CuePattern] = []

    /// The keys a safety intent file may use besides `id`, `question` and `also`.
    public static let keys: Set<String> = ["alarm", "cue", "sign", "severity", "except", "negation", "hypothetical", "state"]

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
                patterns.append(pattern)
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
        states = try patterns("state")
        negations = words("negation")
        hypotheticalStarts = words("hypothetical")
        if alarms.isEmpty && cues.isEmpty && signs.isEmpty {
            throw .malformed(file: record.file, line: 1,
                             reason: "a safety intent needs at least one 'cue:', 'alarm:' or 'sign:' line")
        }
        if !signs.isEmpty && severities.isEmpty {
            throw .malformed(file: record.file, line: record.fields.first { $0.key == "sign" }?.line ?? 1,
                             reason: "'sign:' lines count only with a 'severity:' line; add one")
        }
    }

    /// Whether every clause of `text` only asks what could happen ("can SMP cause a fever?") and
    /// nothing shows the patient describes what is happening now; always false without
    /// `hypothetical:` lines.
    public func onlyAsksWhatCouldHappen(_ text: SafetyText) -> Bool {
        !hypotheticalStarts.isEmpty && !describesNow(text) && text.clauses.allSatisfy(isHypothetical)
    }

    private func describesNow(_ text: SafetyText) -> Bool { states.contains { text.contains($0) } }

    private func isHypothetical(_ clause: [SafetyText.Word]) -> Bool {
        clause.first.map { hypotheticalStarts.contains($0.text) } == true
    }

    /// The phrase that makes `text` match this rule, or nil.
    public func match(_ text: SafetyText) -> String? {
        var text = text
        for exception in exceptions { text.setAside(exception) }
        let describesNow = describesNow(text)
        for clause in text.clauses {
            let hypothetical = !describesNow && isHypothetical(clause)
            if let alarm = firstPresent(alarms, in: clause) { return alarm.text }
            if hypothetical { continue }
            if let cue = firstPresent(cues, in: clause) { return cue.text }
            if let sign = firstPresent(signs, in: clause),
               let severity = severities.first(where: { text.contains($0) }) {
                return sign.text + " + " + severity.text
            }
        }
        return nil
    }

    /// The first of `patterns` that matches in `clause` without a negation just before it.
    private func firstPresent(_ patterns: [CuePattern], in clause: [SafetyText.Word]) -> CuePattern? {
        patterns.first { pattern in
            pattern.matches(in: clause).contains { range in
                let reach = max(0, range.lowerBound - Self.negationReach)..<range.lowerBound
                return !clause[reach].contains { negations.contains($0.text) }
            }
        }
    }
}
