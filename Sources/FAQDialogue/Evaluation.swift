import FAQSearch

/// Measures the assistant on labelled questions: ranking quality (P@1, MRR), how often it answers
/// correctly, and how often it refuses questions it should not answer.
public struct Evaluation: Sendable {
    /// One labelled question.
    public struct Case: Sendable, Equatable {
        /// The question.
        public let question: String
        /// The ids that answer it; empty when it must not be answered (out of domain).
        public let expectedIDs: Set<String>
        /// The line of the file it came from.
        public let line: Int

        /// Creates a case.
        public init(question: String, expectedIDs: Set<String>, line: Int) {
            self.question = question
            self.expectedIDs = expectedIDs
            self.line = line
        }
    }

    /// A question the assistant got wrong.
    public struct Miss: Sendable, Equatable {
        /// The case.
        public let testCase: Case
        /// The reply's type (answer, clarify, fallback, smalltalk, booking).
        public let replyType: String
        /// The id the assistant answered or ranked first, if any.
        public let gotID: String?
        /// The confidence the reply was decided on (an intent: its match score).
        public let score: Double
        /// The 1-based rank of the first correct entry, nil when not in the top ranks.
        public let correctRank: Int?
    }

    /// In-domain questions.
    public var inDomain = 0
    /// In-domain questions whose top-ranked entry is correct.
    public var topOneHits = 0
    /// Sum of 1/rank of the first correct entry.
    public var reciprocalRankSum = 0.0
    /// In-domain questions answered outright with a correct entry.
    public var answeredCorrectly = 0
    /// In-domain questions met with "did you mean" that lists a correct entry.
    public var clarifiedCorrectly = 0
    /// Out-of-domain questions.
    public var outOfDomain = 0
    /// Out-of-domain questions that got no answer.
    public var rejected = 0
    /// The questions it got wrong.
    public var misses: [Miss] = []

    /// P@1: the share of in-domain questions whose best-ranked entry is correct.
    public var topOneAccuracy: Double { inDomain == 0 ? 0 : Double(topOneHits) / Double(inDomain) }
    /// Mean reciprocal rank over in-domain questions.
    public var meanReciprocalRank: Double { inDomain == 0 ? 0 : reciprocalRankSum / Double(inDomain) }
    /// The share of in-domain questions answered outright and correctly.
    public var answerAccuracy: Double { inDomain == 0 ? 0 : Double(answeredCorrectly) / Double(inDomain) }
    /// The share of out-of-domain questions not answered.
    public var rejectionRate: Double { outOfDomain == 0 ? 1 : Double(rejected) / Double(outOfDomain) }

    /// How deep the ranking is read for MRR.
    public static let rankDepth = 100

    /// Runs every case through `assistant` as a fresh conversation would.
    public static func run(_ cases: [Case], assistant: Assistant) -> Evaluation {
        var report = Evaluation()
        for testCase in cases {
            let understanding = assistant.understand(testCase.question)
            if testCase.expectedIDs.isEmpty {
                report.outOfDomain += 1
                if case .question(.answer(let position, let score)) = understanding {
                    report.misses.append(Miss(testCase: testCase, replyType: "answer",
                                              gotID: assistant.engine.entries[position].id, score: score, correctRank: nil))
                } else {
                    report.rejected += 1
                }
                continue
            }
            report.inDomain += 1
            let ranked = assistant.engine.search(testCase.question, limit: rankDepth).ranked
            let ids = ranked.map { assistant.engine.entries[$0.position].id }
            let rank = ids.firstIndex { testCase.expectedIDs.contains($0) }.map { $0 + 1 }
            if let rank {
                report.reciprocalRankSum += 1 / Double(rank)
                if rank == 1 { report.topOneHits += 1 }
            }
            var replyType = "fallback"
            var gotID = ids.first
            // The confidence the reply was decided on (for an intent, its match score).
            var score = ranked.first.map(AnswerPolicy.confidence) ?? 0
            switch understanding {
            case .intent(let id, let intentScore):
                replyType = id == "booking" ? "booking" : "smalltalk"
                gotID = id
                score = intentScore
            case .question(.answer(let position, let answerScore)):
                replyType = "answer"
                gotID = assistant.engine.entries[position].id
                score = answerScore
                if testCase.expectedIDs.contains(gotID!) {
                    report.answeredCorrectly += 1
                    continue
                }
            case .question(.clarify(let positions, let clarifyScore)):
                replyType = "clarify"
                score = clarifyScore
                if positions.contains(where: { testCase.expectedIDs.contains(assistant.engine.entries[$0].id) }) {
                    report.clarifiedCorrectly += 1
                }
            case .question(.fallback(let fallbackScore)):
                score = fallbackScore
            }
            report.misses.append(Miss(testCase: testCase, replyType: replyType, gotID: gotID, score: score, correctRank: rank))
        }
        return report
    }
}
