/// Groups of words and phrases that mean the same thing to a patient ("rogaine", "minoxidil").
///
/// Every member of a group, found in a text, adds the group's shared term (written `~` plus the
/// group's first member, e.g. `~minoxidil`) to that text's terms. The index and the query are
/// analysed the same way, so either member on either side matches. Phrases are matched on stems,
/// before stop words are removed, so "work out" is a phrase and not just "work".
public struct SynonymTable: Sendable {
    /// One group: its shared term and its members as stem sequences.
    public struct Group: Sendable, Equatable {
        /// The term every member adds, e.g. `~minoxidil`.
        public let term: String
        /// The members, each a sequence of stems ("work out" is ["work", "out"]).
        public let members: [[String]]
    }

    /// The groups, in file order.
    public let groups: [Group]
    /// Member phrases by their first stem: (group index, stems).
    private let phrasesByFirstStem: WordTable<[(group: Int, stems: [String])]>

    /// An empty table.
    public static let empty = SynonymTable(groups: [])

    /// Creates a table from groups whose members are already stem sequences.
    public init(groups: [Group]) {
        self.groups = groups
        var byFirst: [String: [(group: Int, stems: [String])]] = [:]
        for (index, group) in groups.enumerated() {
            for member in group.members where !member.isEmpty {
                byFirst[member[0], default: []].append((index, member))
            }
        }
        // Longest phrase first, so "scalp micro pigmentation" wins over "scalp".
        for key in byFirst.keys { byFirst[key]!.sort { $0.stems.count > $1.stems.count } }
        phrasesByFirstStem = WordTable(byFirst)
    }

    /// A phrase of the text that belongs to a group.
    public struct Match: Sendable, Equatable {
        /// The position of the phrase's first stem.
        public let start: Int
        /// The number of stems it covers.
        public let length: Int
        /// The group's shared term.
        public let term: String
    }

    /// Returns every group member found in `stems`, at most one match per group and position.
    public func matches(in stems: [String]) -> [Match] {
        guard !phrasesByFirstStem.dictionary.isEmpty else { return [] }
        var found: [Match] = []
        var groupsSeenHere: [Int] = []   // a few at most: a plain array is cheaper than a set
        for start in stems.indices {
            guard let candidates = phrasesByFirstStem[stems[start]] else { continue }
            groupsSeenHere.removeAll(keepingCapacity: true)
            for candidate in candidates where !groupsSeenHere.contains(candidate.group) {
                let end = start + candidate.stems.count
                // The first stems are equal already: the table found the candidate by it.
                guard end <= stems.count, stems[(start + 1)..<end].elementsEqual(candidate.stems.dropFirst()) else { continue }
                groupsSeenHere.append(candidate.group)
                found.append(Match(start: start, length: candidate.stems.count, term: groups[candidate.group].term))
            }
        }
        return found
    }

    /// Whether `stem` is the first word of any member (used to treat it as a known word).
    public func startsAMember(_ stem: String) -> Bool { phrasesByFirstStem[stem] != nil }
}
