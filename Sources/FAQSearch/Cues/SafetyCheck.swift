/// The safety layer: decides, before any FAQ matching, whether a message speaks of a crisis
/// (suicide, self-harm, an overdose) or a complication after the procedure.
///
/// Rules are tried in order (crisis first), so a message that is both gets the crisis reply.
public struct SafetyCheck: Sendable {
    /// The rules, in the order they are tried.
    public let rules: [CueRule]
    /// Correctly spelt words: a typo never stands for one of them.
    private let dictionary: Set<String>
    /// Marks a message's words once for all the rules.
    private let marker: CueMarker

    /// A rule that matched, and the phrase that made it match (for `--explain` and the tests).
    public struct Match: Sendable, Equatable {
        /// The rule's id (`crisis`, `complication`).
        public let id: String
        /// The phrase as staff wrote it.
        public let phrase: String
    }

    /// Creates the check; `rules` are tried in order.
    public init(rules: [CueRule], dictionary: Set<String>) {
        self.rules = rules
        self.dictionary = dictionary
        marker = CueMarker(rules: rules)
    }

    /// `message` prepared and marked for the rules.
    private func marked(_ message: String) -> MarkedCueText {
        marker.mark(CueText(message, dictionary: dictionary))
    }

    /// Whether `message` only asks what could happen, as the rule `id` reads it (see
    /// `CueRule.onlyAsksWhatCouldHappen`); false for an unknown rule.
    public func onlyAsksWhatCouldHappen(_ message: String, rule id: String) -> Bool {
        guard let rule = rules.first(where: { $0.id == id }) else { return false }
        return rule.onlyAsksWhatCouldHappen(marked(message))
    }

    /// Whether `message` holds one of rule `id`'s `except:` phrases (see `CueRule.hasException`).
    public func hasException(_ message: String, rule id: String) -> Bool {
        guard let rule = rules.first(where: { $0.id == id }) else { return false }
        return rule.hasException(marked(message))
    }

    /// The first rule that `message` matches, or nil.
    public func match(_ message: String) -> Match? {
        match(marked(message))
    }

    /// The first rule that the marked message `text` matches, or nil.
    public func match(_ text: MarkedCueText) -> Match? {
        for rule in rules {
            if let phrase = rule.match(text) { return Match(id: rule.id, phrase: phrase) }
        }
        return nil
    }

    /// The first rule that the prepared message `text` matches, or nil.
    public func match(_ text: CueText) -> Match? {
        match(marker.mark(text))
    }
}
