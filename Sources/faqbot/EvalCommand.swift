import FAQDialogue
import FAQSearch
import FAQTransport

/// `faqbot eval FILE`: accuracy on labelled questions.
enum EvalCommand: Command {
    static let name = "eval"
    static let summary = "measure accuracy on a TSV of questions and expected ids"
    static let valueOptions = AssistantOptions.valueOptions.union(["min-accuracy", "min-answered", "min-rejection"])
    static let flagOptions: Set<String> = ["quiet", "dump"]
    static let help = """
    Usage: faqbot eval [OPTIONS] FILE

    FILE is tab-separated: question<TAB>expected id. Several correct ids are joined with '|'; '-' means
    the question must not be answered (out of domain). A header line is allowed.
    Prints top-1 accuracy (P@1), MRR, the share answered outright and correctly, the out-of-domain
    rejection rate, and every miss.

    Options:
      --min-accuracy X         exit 1 when top-1 accuracy is below X (0-1)
      --min-answered X         exit 1 when the share answered correctly is below X (0-1)
      --min-rejection X        exit 1 when the out-of-domain rejection rate is below X (0-1)
      --quiet                  do not list the misses
      --dump                   print every question's best and second score and coverage (for choosing thresholds)
    \(AssistantOptions.help)
    """

    static func run(_ arguments: Arguments) throws -> Int32 {
        guard arguments.positionals.count == 1 else { throw UsageError("expected exactly one FILE") }
        let minimumAccuracy = try arguments.number("min-accuracy", default: 0, in: 0...1)
        let minimumAnswered = try arguments.number("min-answered", default: 0, in: 0...1)
        let minimumRejection = try arguments.number("min-rejection", default: 0, in: 0...1)
        let assistant = try AssistantOptions.makeAssistant(arguments)
        let path = arguments.positionals[0]
        let cases = try parseCases(try KnowledgeLoader.readText(path), file: path,
                                   knownIDs: Set(assistant.knowledge.entries.map(\.id)))
        if arguments.flag("dump") {
            for testCase in cases {
                let result = assistant.engine.search(testCase.question, limit: 2)
                let best = result.ranked.first
                let id = best.map { assistant.engine.entries[$0.position].id } ?? "-"
                let label = testCase.expectedIDs.isEmpty ? "ood" : (testCase.expectedIDs.contains(id) ? "hit" : "wrong")
                let second = result.ranked.dropFirst().first
                printOut("\(label)\t\(best?.score ?? 0)\t\(best?.coverage ?? 0)\t\(second?.score ?? 0)\t\(second?.coverage ?? 0)\t\(testCase.question)")
            }
            return 0
        }
        let report = Evaluation.run(cases, assistant: assistant)
        if !arguments.flag("quiet") {
            for miss in report.misses {
                let expected = miss.testCase.expectedIDs.isEmpty ? "-" : miss.testCase.expectedIDs.sorted().joined(separator: "|")
                let rank = miss.correctRank.map { " (correct at rank \($0))" } ?? ""
                printOut("miss  line \(miss.testCase.line): \(miss.testCase.question)\n      expected \(expected), got \(miss.replyType) \(miss.gotID ?? "-") \(AskCommand.format(miss.score))\(rank)")
            }
        }
        printOut("""
        questions: \(report.inDomain) in domain, \(report.outOfDomain) out of domain
        top-1 accuracy (P@1): \(AskCommand.format(report.topOneAccuracy))  (\(report.topOneHits)/\(report.inDomain))
        MRR: \(AskCommand.format(report.meanReciprocalRank))
        answered correctly: \(AskCommand.format(report.answerAccuracy))  (\(report.answeredCorrectly)/\(report.inDomain); \(report.clarifiedCorrectly) more got a "did you mean" listing the right entry)
        out-of-domain rejection: \(AskCommand.format(report.rejectionRate))  (\(report.rejected)/\(report.outOfDomain))
        """)
        var failed = false
        if report.topOneAccuracy < minimumAccuracy { printError("top-1 accuracy is below \(minimumAccuracy)"); failed = true }
        if report.answerAccuracy < minimumAnswered { printError("answered-correctly share is below \(minimumAnswered)"); failed = true }
        if report.rejectionRate < minimumRejection { printError("rejection rate is below \(minimumRejection)"); failed = true }
        return failed ? 1 : 0
    }

    /// Parses the question file. The first line is a header when its expected column names no known
    /// id and is not '-'.
    static func parseCases(_ text: String, file: String, knownIDs: Set<String>) throws -> [Evaluation.Case] {
        var cases: [Evaluation.Case] = []
        for (index, row) in TSVKnowledge.rows(of: text).enumerated() {
            guard row.cells.count >= 2 else {
                throw KnowledgeError.malformed(file: file, line: row.line, reason: "expected question<TAB>expected id")
            }
            let question = row.cells[0].trimmingCharacters(in: " \t")
            let expected = row.cells[1].trimmingCharacters(in: " \t")
            let ids = expected == "-" ? [] : expected.split(separator: "|").map { String($0).trimmingCharacters(in: " ") }
            if index == 0 && expected != "-" && !ids.contains(where: knownIDs.contains) { continue }  // header
            if let unknown = ids.first(where: { !knownIDs.contains($0) }) {
                throw KnowledgeError.malformed(file: file, line: row.line, reason: "no entry has the id '\(unknown)'")
            }
            cases.append(Evaluation.Case(question: question, expectedIDs: Set(ids), line: row.line))
        }
        return cases
    }
}
