import FAQDialogue
import FAQSearch
import FAQTransport
import Foundation

/// `faqbot review`: what patients asked that the assistant could not simply answer, grouped, for the
/// clinic's staff; `--accept` adds a group's phrasing to an entry, `--ignore` sets a group aside.
enum ReviewCommand: Command {
    static let name = "review"
    static let summary = "group the questions the log (--log-dir) could not answer; add phrasings to entries"
    static let valueOptions: Set<String> = ["log-dir", "since", "top", "accept", "to", "phrasing", "ignore", "knowledge"]
    static let flagOptions: Set<String> = ["all"]
    static let help = """
    Usage: faqbot review --log-dir DIR [--since YYYY-MM-DD] [--top N] [--all]
           faqbot review --log-dir DIR --accept GROUP --to ENTRY [--phrasing TEXT] [--knowledge DIR]
           faqbot review --log-dir DIR --ignore GROUP

    Groups the questions that got "I don't know", "did you mean", a crisis, complication or
    other-treatment reply (from the log 'faqbot chat' or 'faqbot serve' wrote with --log-dir): similar
    questions together (the same words after word forms and synonyms, or words close in meaning),
    most frequent first, each with its count, examples, the entry that came closest
    and its confidence, what patients did next, and its status (new, done, ignored).

    Options:
      --log-dir DIR            the log directory (required); the review's state is kept there
      --since YYYY-MM-DD       only questions of this day and later
      --top N                  show the N most frequent groups (default: 20)
      --all                    also show groups that are done or ignored
      --accept GROUP --to ENTRY
                               add the group's most frequent question (or --phrasing TEXT) to
                               knowledge/entries/ENTRY.md as an 'also:' line (checked first, the file
                               replaced atomically) and mark the group done; then reload the server
      --ignore GROUP           mark the group ignored: it stays out of the review when asked again
      --knowledge DIR          the knowledge directory (default: $FAQBOT_KNOWLEDGE, else ./knowledge)
    """

    static func run(_ arguments: Arguments) throws -> Int32 {
        guard arguments.positionals.isEmpty else { throw UsageError("unexpected argument '\(arguments.positionals[0])'") }
        let directory = try StatsCommand.logDirectory(arguments)
        let knowledgePath = AssistantOptions.knowledgePath(arguments)
        let knowledge = try KnowledgeLoader.load(knowledgePath)
        let analyzer = Analyzer(stopWords: .english, synonyms: Analyzer().synonymTable(from: knowledge.synonymGroups))
        let contents = try StaffLogContents.read(directory: directory, since: try StatsCommand.since(arguments))
        var state = try ReviewState.load(directory: directory)
        let groups = QuestionGroup.groups(contents.unanswered, analyzer: analyzer, statuses: state.statuses, meaning: .builtIn)
        if let id = arguments.value("ignore") {
            let group = try find(id, in: groups)
            state.mark(group, .ignored)
            try state.save(directory: directory)
            printOut("group \(group.id) ignored (\(group.count)× \"\(group.examples[0])\")")
            return 0
        }
        if let id = arguments.value("accept") {
            guard let entryID = arguments.value("to"), !entryID.isEmpty else { throw UsageError("--accept needs --to ENTRY") }
            let group = try find(id, in: groups)
            // A message that got the crisis or complication reply must keep getting it: never an FAQ
            // phrasing (the safety layer runs first, but the entry would then match such messages).
            if let kind = ["crisis", "complication"].first(where: { group.replies[$0, default: 0] > 0 }) {
                throw UsageError("group \(group.id) got the \(kind) reply; it cannot become an FAQ phrasing "
                                 + "(add a cue to intents/\(kind).md instead, or --ignore it)")
            }
            let phrasing = try arguments.value("phrasing") ?? phrasing(of: group)
            let file = knowledgePath + "/entries/" + entryID + ".md"
            guard knowledge.entries.contains(where: { $0.id == entryID }), FileManager.default.fileExists(atPath: file) else {
                throw UsageError("there is no entry '\(entryID)' (no file \(file))")
            }
            let text = try KnowledgeLoader.readText(file, maximumBytes: KnowledgeLoader.maximumRecordBytes)
            let changed = try EntryPhrasing.adding(phrasing, to: text, file: file, id: entryID)
            try AtomicFile.replace(file, with: changed)
            state.mark(group, .done)
            try state.save(directory: directory)
            printOut("added to \(file): also: \(phrasing)\ngroup \(group.id) done; reload the server (faqbot reload, or SIGHUP) to use it")
            return 0
        }
        if arguments.value("to") != nil || arguments.value("phrasing") != nil { throw UsageError("--to and --phrasing go with --accept") }
        let top = try arguments.integer("top", default: 20, in: 1...100_000)
        printOut(listing(groups, top: top, all: arguments.flag("all")))
        if contents.skippedLines > 0 { printError("note: \(contents.skippedLines) line(s) of the log could not be read and were skipped") }
        return 0
    }

    /// The groups as the staff reads them.
    static func listing(_ groups: [QuestionGroup], top: Int, all: Bool) -> String {
        let shown = groups.filter { all || $0.status == .new }.prefix(top)
        guard !shown.isEmpty else { return "Nothing to review." + (groups.isEmpty ? "" : " (\(groups.count) group(s) done or ignored; --all shows them)") }
        var text = ""
        for (rank, group) in shown.enumerated() {
            func summary(_ counts: [String: Int]) -> String {
                counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { "\($0.key) \($0.value)" }
                    .joined(separator: ", ")
            }
            text += "#\(rank + 1)  group \(group.id)  \(group.status.rawValue)  asked \(group.count)×  (\(summary(group.replies)))\n"
            if let closest = group.closest {
                text += "    closest entry: \(closest.id) (confidence \(StatsReport.decimal(closest.confidence)))\n"
            }
            text += "    then: \(summary(group.nextSteps))\n"
            for example in group.examples.prefix(3) { text += "    \"\(example)\"\n" }
            text += "\n"
        }
        let hidden = groups.count - shown.count
        if hidden > 0 { text += "\(hidden) more group(s) not shown (--top N, --all)\n" }
        return text
    }

    /// The group whose id (or a unique start of it) is `id`.
    static func find(_ id: String, in groups: [QuestionGroup]) throws(UsageError) -> QuestionGroup {
        let matches = groups.filter { $0.id.hasPrefix(id.lowercased()) }
        guard matches.count == 1 else {
            throw UsageError(matches.isEmpty ? "no group '\(id)' in the log (run faqbot review to see the groups)"
                                             : "'\(id)' is the start of several groups' ids: give more of it")
        }
        return matches[0]
    }

    /// The group's most frequent question without masked data.
    static func phrasing(of group: QuestionGroup) throws(UsageError) -> String {
        guard let clean = group.examples.first(where: { !$0.contains("[") }) else {
            throw UsageError("every question of group \(group.id) had personal data masked: give the phrasing with --phrasing TEXT")
        }
        return clean
    }
}
