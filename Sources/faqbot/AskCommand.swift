import FAQDialogue
import FAQSearch
import FAQTransport

/// `faqbot ask "question"`: one reply, then exit.
enum AskCommand: Command {
    static let name = "ask"
    static let summary = "answer one question and exit"
    static let valueOptions = AssistantOptions.valueOptions
    static let flagOptions: Set<String> = ["json", "explain"]
    static let help = """
    Usage: faqbot ask [--json] [--explain] [OPTIONS] "QUESTION"

    Answers one question and exits.

    Options:
      --json                   print the reply as one line of JSON
      --explain                also show the ranking and why the best entry scored as it did (on
                               standard error with --json, so standard output stays one JSON line)
    \(AssistantOptions.help)
    """

    static func run(_ arguments: Arguments) throws -> Int32 {
        guard !arguments.positionals.isEmpty else { throw UsageError("missing the question") }
        let question = arguments.positionals.joined(separator: " ")
        let assistant = try AssistantOptions.makeAssistant(arguments)
        let reply = Session(assistant: assistant).respond(to: question)
        printOut(arguments.flag("json") ? JSONLine.encode(reply) : reply.text)
        if arguments.flag("explain") {
            // With --json the reply stays the only line on standard output; the explanation is for people.
            let text = explanation(of: question, assistant: assistant)
            if arguments.flag("json") { printError(text) } else { printOut(text) }
        }
        return 0
    }

    /// The ranking, the query's analysis and the best entry's score term by term.
    static func explanation(of question: String, assistant: Assistant) -> String {
        let engine = assistant.engine
        let result = engine.search(question, limit: 5)
        var lines = ["", "--- explanation (\(engine.configuration.weighting.name)) ---"]
        lines.append("terms: " + result.analysis.terms.map(\.text).joined(separator: " "))
        if !result.analysis.corrections.isEmpty {
            lines.append("spelling: " + result.analysis.corrections.map { "\($0.from) -> \($0.to)" }.joined(separator: ", "))
        }
        if !result.unknownWords.isEmpty { lines.append("unknown words: " + result.unknownWords.joined(separator: ", ")) }
        let decision: String
        switch assistant.understand(question) {
        case .intent(let id, let score): decision = "intent \(id) (\(format(score)))"
        case .question(.answer(let position, let score)): decision = "answer \(engine.entries[position].id) (confidence \(format(score)))"
        case .question(.clarify(let positions, let score)):
            decision = "did you mean: \(positions.map { engine.entries[$0].id }.joined(separator: ", ")) (confidence \(format(score)))"
        case .question(.fallback(let score)): decision = "fallback (confidence \(format(score)))"
        }
        lines.append("decision: " + decision)
        if let safety = assistant.safetyMatch(for: question) {
            lines.append("safety cue: \(safety.id) ('\(safety.phrase)')")
        }
        if let opinion = assistant.secondOpinion {
            let view = opinion.closeness(of: question)
            let entries = view.entries.prefix(3).map { "\(engine.entries[$0.position].id) \(format(Double($0.cosine)))" }
            let safety = view.safety.sorted { $0.key < $1.key }.map { "\($0.key) \(format(Double($0.value)))" }
            lines.append("encoder: " + (entries + safety).joined(separator: ", "))
        }
        for (rank, ranked) in result.ranked.enumerated() {
            let entry = engine.entries[ranked.position]
            lines.append("\(rank + 1). score \(format(ranked.score))  relevance \(format(ranked.relevance))  coverage \(format(ranked.coverage))  confidence \(format(AnswerPolicy.confidence(ranked)))  \(entry.id)  (\(entry.question))")
        }
        if let best = result.ranked.first {
            lines.append("why \(engine.entries[best.position].id):")
            for part in engine.explain(question, position: best.position).sorted(by: { $0.contribution > $1.contribution }) {
                lines.append("  \(part.term.padding(toLength: 16)) query \(format(part.queryWeight))  entry \(format(part.entryWeight))  +\(format(part.contribution))")
            }
        }
        let intents = assistant.intentEngine.search(question, limit: 1)
        if let intent = intents.ranked.first {
            lines.append("closest intent: \(assistant.intentEngine.entries[intent.position].id) \(format(intent.score))")
        }
        return lines.joined(separator: "\n")
    }

    static func format(_ value: Double) -> String {
        let scaled = Int((value * 1000).rounded())
        let digits = String(abs(scaled) % 1000)
        return "\(scaled < 0 ? "-" : "")\(abs(scaled) / 1000)." + String(repeating: "0", count: 3 - digits.count) + digits
    }
}
