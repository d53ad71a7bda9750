#if canImport(Glibc)
import Glibc
#endif
import FAQDialogue
import SentenceEncoder
import FAQSearch
import FAQTransport

/// The options every command that answers questions shares: where the knowledge is and how to score.
enum AssistantOptions {
    static let valueOptions: Set<String> = [
        "knowledge", "scorer", "answer-threshold", "clarify-threshold", "margin", "phrasing-share",
        "unknown-weight", "unmatched-weight", "field-weights", "spelling", "meaning-weight", "encoder",
    ]

    static let help = """
      --knowledge PATH         knowledge directory or .tsv file (default: $FAQBOT_KNOWLEDGE, else ./knowledge)
      --scorer tfidf|bm25      scoring model (default: tfidf)
      --answer-threshold X     answer when the best entry's confidence reaches X (default: \(AnswerPolicy().answerThreshold))
      --clarify-threshold X    below that confidence, say "I don't know" (default: \(AnswerPolicy().clarifyThreshold))
      --margin X               the best must beat the runner-up by this fraction, else "did you mean" (default: \(AnswerPolicy().margin))
      --phrasing-share X       weight of the closest single phrasing vs the whole entry (default: \(SearchConfiguration().phrasingShare))
      --unknown-weight X       how much an unknown question word counts against a match (default: \(SearchConfiguration().unknownWordWeight))
      --field-weights Q,ALT,ANS  weights of question, alternative phrasings and answer (default: 3,2,1)
      --spelling on|off        correct misspelt question words (default: on)
      --unmatched-weight X     how much a known question word an entry lacks counts against it (default: \(SearchConfiguration().unmatchedWordWeight))
      --meaning-weight X       how much similarity of meaning (word vectors) re-ranks the best word
                               matches; 0 ranks by words alone (default: \(SearchConfiguration().meaningWeight))
      --encoder on|off         ask the sentence encoder about lines the words leave unsure (default:
                               $FAQBOT_ENCODER, else on; the server asks it on worker threads)
    """

    /// The knowledge path the options select.
    static func knowledgePath(_ arguments: Arguments) -> String {
        KnowledgeLoader.resolvePath(option: arguments.value("knowledge"), environment: environment())
    }

    /// Loads the knowledge and builds the assistant the options describe, remembering up to
    /// `cacheCapacity` recent questions (see `Assistant.init`). A long-running command (chat, serve)
    /// passes `encodingAtOnce` so the sentence encoder reads the knowledge in the background from
    /// the start; the others encode it when a line first needs it.
    static func makeAssistant(_ arguments: Arguments, cacheCapacity: Int = 0, encodingAtOnce: Bool = false) throws -> Assistant {
        let configuration = try searchConfiguration(arguments)
        let policy = try policy(arguments)
        let knowledge = try KnowledgeLoader.load(knowledgePath(arguments))
        let encoder = arguments.value("encoder") ?? environment()["FAQBOT_ENCODER"].flatMap { $0.isEmpty ? nil : $0 }
            ?? "on"
        guard encoder == "on" || encoder == "off" else { throw UsageError("--encoder must be on or off, not '\(encoder)'") }
        var secondOpinion: SecondOpinion? = nil
        if encoder == "on" {
            if SentenceEncoder.isSupportedByThisProcessor {
                secondOpinion = SecondOpinion(knowledge: knowledge, store: PhrasingVectorFile.userCache())
                if encodingAtOnce { secondOpinion?.encodeInBackground() }
            } else {
                printError("note: this processor lacks AVX2/FMA, so the sentence encoder is off (words alone)")
            }
        }
        return Assistant(knowledge: knowledge, configuration: configuration, policy: policy,
                         cacheCapacity: cacheCapacity, secondOpinion: secondOpinion)
    }

    /// The answer policy the options describe.
    static func policy(_ arguments: Arguments) throws(UsageError) -> AnswerPolicy {
        var policy = AnswerPolicy()
        policy.answerThreshold = try arguments.number("answer-threshold", default: policy.answerThreshold, in: 0...1)
        policy.clarifyThreshold = try arguments.number("clarify-threshold", default: policy.clarifyThreshold, in: 0...1)
        policy.margin = try arguments.number("margin", default: policy.margin, in: 0...1)
        return policy
    }

    /// The search settings the options describe.
    static func searchConfiguration(_ arguments: Arguments) throws(UsageError) -> SearchConfiguration {
        var configuration = SearchConfiguration()
        switch arguments.value("scorer") ?? "tfidf" {
        case "tfidf": configuration.weighting = TFIDFWeighting()
        case "bm25": configuration.weighting = BM25Weighting()
        case let other: throw UsageError("--scorer must be tfidf or bm25, not '\(other)'")
        }
        configuration.phrasingShare = try arguments.number("phrasing-share", default: configuration.phrasingShare, in: 0...1)
        configuration.unknownWordWeight = try arguments.number("unknown-weight", default: configuration.unknownWordWeight, in: 0...4)
        configuration.unmatchedWordWeight = try arguments.number("unmatched-weight", default: configuration.unmatchedWordWeight, in: 0...4)
        configuration.meaningWeight = try arguments.number("meaning-weight", default: configuration.meaningWeight, in: 0...10)
        if let text = arguments.value("field-weights") {
            let parts = text.split(separator: ",").compactMap { Double($0) }
            guard parts.count == 3, parts.allSatisfy({ $0 >= 0 && $0 <= 100 }) else {
                throw UsageError("--field-weights takes three numbers like 3,2,1, not '\(text)'")
            }
            configuration.fieldWeights = FieldWeights(question: parts[0], alternative: parts[1], answer: parts[2])
        }
        switch arguments.value("spelling") ?? "on" {
        case "on": configuration.correctsSpelling = true
        case "off": configuration.correctsSpelling = false
        case let other: throw UsageError("--spelling must be on or off, not '\(other)'")
        }
        return configuration
    }

    /// The process environment.
    static func environment() -> [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let pair = String(cString: entry)
            if let equals = pair.firstIndex(of: "=") {
                result[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
            }
            pointer += 1
        }
        return result
    }
}
