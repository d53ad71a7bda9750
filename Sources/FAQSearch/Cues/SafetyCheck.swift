/// The safety layer: decides, before any FAQ matching, whether a message speaks of a crisis
/// (suicide, self-harm, an overdose) or a complication after the procedure.
///
/// Rules are tried in order (crisis first), so a message that is both gets the crisis reply. The
/// message comes marked (`CueMarker.mark`) once, by the caller's marker, for every question asked of it.
public struct SafetyCheck: Sendable {
    /// The rules, in the order they are tried.
    public let rules: [CueRule]

    /// A rule that matched, and the phrase that made it match (for `--explain` and the tests).
    public struct Match: Sendable, Equatable {
        /// The rule's id (`crisis`, `complication`).
        public let id: String
        /// The phrase as staff wrote it.
        public let phrase: String
    }

    /// Creates the check; `rules` are tried in order.
    public init(rules: [CueRule]) {
        self.rules = rules
    }

    /// Whether the marked message `text` only asks what could happen, as the rule `id` reads it (see
    /// `CueRule.onlyAsksWhatCouldHappen`); false for an unknown rule.
    public func onlyAsksWhatCouldHappen(_ text: MarkedCueText, rule id: String) -> Bool {
        guard let rule = rules.first(where: { $0.id == id }) else { return false }
        return rule.onlyAsksWhatCouldHappen(text)
    }

    /// Whether the marked message `text` holds one of rule `id`'s `except:` phrases (see
    /// `CueRule.hasException`).
    public func hasException(_ text: MarkedCueText, rule id: String) -> Bool {
        guard let rule = rules.first(where: { $0.id == id }) else { return false }
        return rule.hasException(text)
    }

    /// The first rule that the marked message `text` matches, or nil.
    public func match(_ text: MarkedCueText) -> Match? {
        for rule in rules {
            if let phrase = rule.match(text) { return Match(id: rule.id, phrase: phrase) }
        }
        return nil
    }
}
