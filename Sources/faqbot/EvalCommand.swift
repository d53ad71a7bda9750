import FAQDialogue
import FAQSearch
import FAQTransport

/// `faqbot eval FILE`: accuracy on labelled questions.
enum EvalCommand: Command {
    static let name = "eval"
    static let summary = "measure accuracy on a TSV of questions and expected ids"
    static let valueOptions = AssistantOptions.valueOptions.union(["min-accuracy", "min-answered", "min-rejection",
                                                                    "min-safety-recall", "half"])
    static let flagOptions: Set<String> = ["quiet", "dump", "replies"]
    static let help = """
    Usage: faqbot eval [OPTIONS] FILE

    FILE is tab-separated: question<TAB>expected[<TAB>kind[<TAB>half]]. `expected` is the id of the
    entry that answers the question (several joined with '|'), or '-'. `kind` says which reply is right:
      faq           an answer from an expected entry (the default when `expected` names ids)
      ood           anything but an answer or a safety reply (the default for '-')
      book          the booking reply
      small         small talk, help or goodbye
      crisis        the crisis reply (helpline and emergency numbers)
      complication  the complication reply (see a doctor; 112 when severe)
      ordinary      anything but a safety reply
      notbook       anything but the booking reply or a safety reply
    `half` (e.g. tune or held) lets --half pick one half of the file. A header line is allowed.
    Each message goes to a fresh conversation, as a patient's first line would. A question of several
    turns, `first line >> follow-up`, is sent turn by turn to one conversation and the last reply is
    judged; such cases are also run with follow-ups read alone, and both counts are printed. Prints, per kind, how
    many got the right reply, a wrong one (for faq: an answer from another entry), a "did you mean"
    or a fallback; P@1 and MRR of the ranking on the faq questions; answer lengths; every miss.

    Options:
      --half NAME              only the lines whose fourth column is NAME
      --min-accuracy X         exit 1 when top-1 accuracy (P@1) is below X (0-1)
      --min-answered X         exit 1 when the share of faq questions answered right is below X (0-1)
      --min-rejection X        exit 1 when the share of ood questions not answered is below X (0-1)
      --min-safety-recall X    exit 1 when the share of crisis and complication messages that got their
                               reply is below X (0-1)
      --quiet                  do not list the misses
      --dump                   print every faq/ood question's best and second score and coverage (for choosing thresholds)
      --replies                print every case's reply (JSON, exact score) and the FAQ search's ranking with
                               exact scores, one line per case (to check that a change keeps every reply)
    \(AssistantOptions.help)
    """

    static func run(_ arguments: Arguments) throws -> Int32 {
        guard arguments.positionals.count == 1 else { throw UsageError("expected exactly one FILE") }
        let minimumAccuracy = try arguments.number("min-accuracy", default: 0, in: 0...1)
        let minimumAnswered = try arguments.number("min-answered", default: 0, in: 0...1)
        let minimumRejection = try arguments.number("min-rejection", default: 0, in: 0...1)
        let minimumSafetyRecall = try arguments.number("min-safety-recall", default: 0, in: 0...1)
        let assistant = try AssistantOptions.makeAssistant(arguments)
        let path = arguments.positionals[0]
        var cases = try parseCases(try KnowledgeLoader.readText(path), file: path,
                                   knownIDs: Set(assistant.knowledge.entries.map(\.id)))
        if let half = arguments.value("half") { cases = cases.filter { $0.half == half } }
        if arguments.flag("dump"), let secondOpinion = assistant.secondOpinion {
            // Safety messages: what the words decide, and the encoder's closeness to each safety intent.
            // Columns: kind, the words' intent, closeness to crisis, complication, the closest entry,
            // another intent, crisis's and complication's counter-examples.
            for testCase in cases {
                var words = "-"
                if case .intent(let id, _) = assistant.readByWordsAlone(testCase.question).understanding { words = id }
                let closeness = secondOpinion.closeness(of: testCase.question)
                let values = [closeness.safety["crisis"] ?? 0, closeness.safety["complication"] ?? 0, closeness.entries.first?.cosine ?? 0,
                              closeness.otherIntent, closeness.counterExamples["crisis"] ?? 0, closeness.counterExamples["complication"] ?? 0]
                printOut("\(testCase.kind.rawValue)\t\(words)\t" + values.map { AskCommand.format(Double($0)) }.joined(separator: "\t") + "\t\(testCase.question)")
            }
        }
        if arguments.flag("replies") {
            for testCase in cases { printOut(replyLine(testCase, assistant: assistant)) }
            return 0
        }
        if arguments.flag("dump") {
            for testCase in cases where testCase.kind == .faq || testCase.kind == .ood {
                let result = assistant.engine.search(testCase.question, limit: 2)
                let best = result.ranked.first
                let id = best.map { assistant.engine.entries[$0.position].id } ?? "-"
                let label = testCase.expectedIDs.isEmpty ? "ood" : (testCase.expectedIDs.contains(id) ? "hit" : "wrong")
                let second = result.ranked.dropFirst().first
                var line = "\(label)\t\(best?.score ?? 0)\t\(best?.coverage ?? 0)\t\(second?.score ?? 0)\t\(second?.coverage ?? 0)"
                if let secondOpinion = assistant.secondOpinion {
                    // The words' decision and the encoder's view of the same line, side by side.
                    let words = assistant.readByWordsAlone(testCase.question).understanding
                    let closeness = secondOpinion.closeness(of: testCase.question)
                    func name(_ position: Int) -> String { assistant.engine.entries[position].id }
                    func mark(_ position: Int) -> String { testCase.expectedIDs.contains(name(position)) ? "+" : "-" }
                    var decision = "other"
                    if case .question(let wordsDecision) = words {
                        switch wordsDecision {
                        case .answer(let position, let score): decision = "answer\(mark(position))\t\(AskCommand.format(score))\t" + AskCommand.format(Double(closeness.entries.first { $0.position == position }?.cosine ?? 0))
                        case .clarify(_, let score): decision = "clarify\t\(AskCommand.format(score))\t-"
                        case .fallback(let score): decision = "fallback\t\(AskCommand.format(score))\t-"
                        }
                    }
                    let top = closeness.entries.prefix(2).map { "\(mark($0.position))\(AskCommand.format(Double($0.cosine)))" }
                    line += "\t\(decision)\t" + top.joined(separator: "\t")
                    // The words' first entry, the encoder's first entry, and the encoder's cosine for the words' first.
                    let wordsFirst = best?.position
                    line += "\t" + (wordsFirst.map(name) ?? "-") + "\t" + (closeness.entries.first.map { name($0.position) } ?? "-")
                    line += "\t" + AskCommand.format(Double(closeness.entries.first { $0.position == wordsFirst }?.cosine ?? 0))
                }
                printOut(line + "\t\(testCase.question)")
            }
            return 0
        }
        let report = Evaluation.run(cases, assistant: assistant)
        if !arguments.flag("quiet") {
            for miss in report.misses {
                let expected = miss.testCase.expectedIDs.isEmpty ? miss.testCase.kind.rawValue
                    : miss.testCase.expectedIDs.sorted().joined(separator: "|")
                let rank = miss.correctRank.map { " (correct at rank \($0))" } ?? ""
                let score = miss.score.map { " " + AskCommand.format($0) } ?? ""
                let asked = (miss.testCase.earlierTurns + [miss.testCase.question]).joined(separator: " >> ")
                printOut("\(miss.outcome.rawValue)  line \(miss.testCase.line): \(asked)\n      expected \(expected), got \(miss.replyType) \(miss.gotID ?? "-")\(score)\(rank)")
            }
        }
        printOut(summary(report))
        var failed = false
        if report.topOneAccuracy < minimumAccuracy { printError("top-1 accuracy is below \(minimumAccuracy)"); failed = true }
        if report.answerAccuracy < minimumAnswered { printError("answered-correctly share is below \(minimumAnswered)"); failed = true }
        if report.rejectionRate < minimumRejection { printError("rejection rate is below \(minimumRejection)"); failed = true }
        if report.safetyRecall < minimumSafetyRecall { printError("safety recall is below \(minimumSafetyRecall)"); failed = true }
        return failed ? 1 : 0
    }

    /// `testCase`'s replies (follow-ups read in context and, for several turns, alone) and the FAQ
    /// search's ranking of its question, with every score in full.
    static func replyLine(_ testCase: Evaluation.Case, assistant: Assistant) -> String {
        func reply(followingUp: Bool) -> String {
            let session = Session(assistant: assistant)
            session.followsUp = followingUp
            let replies = (testCase.earlierTurns + [testCase.question]).map { session.respond(to: $0) }
            return replies.map { JSONLine.encode($0) + " score=\(String(describing: $0.score))" }.joined(separator: " >> ")
        }
        let ranked = assistant.engine.search(testCase.question, limit: Evaluation.rankDepth).ranked
            .map { "\($0.position):\($0.score):\($0.coverage):\($0.relevance)" }.joined(separator: " ")
        let alone = testCase.earlierTurns.isEmpty ? "" : "\talone: " + reply(followingUp: false)
        return "\(testCase.line)\t" + reply(followingUp: true) + alone + "\t" + ranked
    }

    /// The report's figures: a table per kind, then ranking and answer lengths.
    static func summary(_ report: Evaluation) -> String {
        let others = report.tallies.filter { $0.key != .faq && $0.key != .ood }.map(\.value.total).reduce(0, +)
        var lines = ["questions: \(report.inDomain) in domain, \(report.tally(.ood).total) out of domain"
                     + (others > 0 ? ", \(others) of other kinds" : ""),
                     "kind          count  right  wrong  clarify  fallback"]
        for kind in Evaluation.Kind.allCases {
            let tally = report.tally(kind)
            guard tally.total > 0 else { continue }
            func cell(_ outcome: Evaluation.Outcome, _ width: Int) -> String {
                let text = "\(tally.count(outcome))"
                return String(repeating: " ", count: max(1, width - text.count)) + text
            }
            lines.append(kind.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)
                         + String(repeating: " ", count: max(1, 7 - "\(tally.total)".count)) + "\(tally.total)"
                         + cell(.right, 7) + cell(.wrong, 7) + cell(.clarify, 9) + cell(.fallback, 10))
        }
        if report.inDomain > 0 {
            let faq = report.tally(.faq)
            lines.append("top-1 accuracy (P@1): \(AskCommand.format(report.topOneAccuracy))  (\(report.topOneHits)/\(report.inDomain))")
            lines.append("MRR: \(AskCommand.format(report.meanReciprocalRank))")
            lines.append("answered correctly: \(AskCommand.format(report.answerAccuracy))  (\(faq.count(.right))/\(report.inDomain); \(report.clarifiedCorrectly) more got a \"did you mean\" listing the right entry; confidently wrong: \(faq.count(.wrong)))")
            let lengths = report.answerLengths.sorted()
            if !lengths.isEmpty {
                lines.append("answer length in words: median \(lengths[lengths.count / 2]), p90 \(lengths[min(lengths.count - 1, lengths.count * 9 / 10)])")
            }
        }
        if report.tally(.ood).total > 0 {
            let ood = report.tally(.ood)
            lines.append("out-of-domain rejection: \(AskCommand.format(report.rejectionRate))  (\(ood.total - ood.count(.wrong))/\(ood.total))")
        }
        if report.followUps.total > 0 {
            let with = report.followUps, without = report.followUpsWithoutContext
            lines.append("follow-ups: \(with.count(.right))/\(with.total) right read with the previous answer "
                         + "(\(with.count(.wrong)) wrong), \(without.count(.right))/\(without.total) read alone (\(without.count(.wrong)) wrong)")
        }
        if report.tally(.crisis).total + report.tally(.complication).total > 0 {
            lines.append("safety recall: \(AskCommand.format(report.safetyRecall))")
        }
        return lines.joined(separator: "\n")
    }

    /// Parses the question file. The first line is a header when its first column is `question` or
    /// `query` (any case); any other first line is a case, so a wrong id there is an error, not a
    /// header that leaves nothing checked.
    static func parseCases(_ text: String, file: String, knownIDs: Set<String>) throws -> [Evaluation.Case] {
        var cases: [Evaluation.Case] = []
        for (index, row) in TSVKnowledge.rows(of: text).enumerated() {
            guard row.cells.count >= 2 else {
                throw KnowledgeError.malformed(file: file, line: row.line, reason: "expected question<TAB>expected id")
            }
            let turns = row.cells[0].components(separatedBy: " >> ").map { $0.trimmingCharacters(in: " \t") }
            if turns.contains(where: \.isEmpty) {
                throw KnowledgeError.malformed(file: file, line: row.line, reason: "an empty turn: write 'first line >> follow-up'")
            }
            let question = turns.last!
            let expected = row.cells[1].trimmingCharacters(in: " \t")
            let ids = expected == "-" ? [] : expected.split(separator: "|").map { String($0).trimmingCharacters(in: " ") }
            if index == 0 && ["question", "query"].contains(row.cells[0].trimmingCharacters(in: " \t").lowercased()) { continue }
            var kind: Evaluation.Kind? = nil
            if row.cells.count >= 3 {
                let name = row.cells[2].trimmingCharacters(in: " \t")
                guard let named = Evaluation.Kind(rawValue: name) else {
                    let kinds = Evaluation.Kind.allCases.map(\.rawValue).joined(separator: ", ")
                    throw KnowledgeError.malformed(file: file, line: row.line, reason: "unknown kind '\(name)'; kinds are \(kinds)")
                }
                if (named == .faq) == ids.isEmpty {
                    throw KnowledgeError.malformed(file: file, line: row.line,
                                                   reason: named == .faq ? "a faq question needs an expected id" : "only a faq question has expected ids; write '-'")
                }
                kind = named
            }
            let half = row.cells.count >= 4 ? row.cells[3].trimmingCharacters(in: " \t") : nil
            if let unknown = ids.first(where: { !knownIDs.contains($0) }) {
                throw KnowledgeError.malformed(file: file, line: row.line, reason: "no entry has the id '\(unknown)'")
            }
            cases.append(Evaluation.Case(question: question, earlierTurns: Array(turns.dropLast()), expectedIDs: Set(ids),
                                         kind: kind, half: half, line: row.line))
        }
        return cases
    }
}
