import FAQSearch

/// Measures what patients actually get: every labelled message is sent to a fresh `Session`, and its
/// reply (crisis, complication, small talk, booking, answer, clarify, fallback) is judged against the
/// message's kind. Ranking quality (P@1, MRR) is measured on the FAQ questions too.
public struct Evaluation: Sendable {
    /// What a labelled message is, and so which reply is right for it.
    public enum Kind: String, Sendable, CaseIterable {
        /// A question the knowledge answers: right is an answer from one of the expected entries.
        case faq
        /// A question it does not answer (another treatment, another subject): right is anything but an
        /// answer or a safety reply.
        case ood
        /// A wish to book: right is the booking reply.
        case book
        /// Greeting, thanks, goodbye, "what can you do": right is small talk, help or goodbye.
        case small
        /// Suicide, self-harm, an overdose: right is the crisis reply.
        case crisis
        /// A problem after the procedure: right is the complication reply.
        case complication
        /// Anything that must not get a safety reply; whatever else it gets is right.
        case ordinary
        /// A message that speaks of visits, days or the doctor without asking to come in ("what happens
        /// at the first appointment?"): right is anything but the booking reply or a safety reply.
        case notbook
    }

    /// How a reply is judged.
    public enum Outcome: String, Sendable, CaseIterable {
        /// The reply the message needs.
        case right
        /// A wrong reply: an answer from another entry, an answer where none is right, a safety reply
        /// to an ordinary message, or no safety reply to one that needs it.
        case wrong
        /// A "did you mean".
        case clarify
        /// "I don't know", the other-treatment reply, or another reply that answers nothing.
        case fallback
    }

    /// One labelled message, after the earlier turns of its conversation when it has any.
    public struct Case: Sendable, Equatable {
        /// The message whose reply is judged.
        public let question: String
        /// What the patient said before it in the same conversation (a follow-up's context); empty
        /// for a first line.
        public let earlierTurns: [String]
        /// The ids that answer it (kind `faq`); empty otherwise.
        public let expectedIDs: Set<String>
        /// What it is.
        public let kind: Kind
        /// The half it belongs to (`tune` or `held`), when the file says.
        public let half: String?
        /// The line of the file it came from.
        public let line: Int

        /// Creates a case.
        public init(question: String, earlierTurns: [String] = [], expectedIDs: Set<String>, kind: Kind? = nil,
                    half: String? = nil, line: Int) {
            self.question = question
            self.earlierTurns = earlierTurns
            self.expectedIDs = expectedIDs
            self.kind = kind ?? (expectedIDs.isEmpty ? .ood : .faq)
            self.half = half
            self.line = line
        }
    }

    /// A message that did not get the right reply.
    public struct Miss: Sendable, Equatable {
        /// The case.
        public let testCase: Case
        /// How the reply was judged.
        public let outcome: Outcome
        /// The reply's type (answer, clarify, fallback, crisis, ...).
        public let replyType: String
        /// The entry or intent id of the reply, or for a "did you mean" / fallback the best-ranked entry.
        public let gotID: String?
        /// The reply's confidence, when it has one.
        public let score: Double?
        /// The 1-based rank of the first correct entry (kind `faq`), nil when not in the top ranks.
        public let correctRank: Int?
    }

    /// Counts for one kind.
    public struct Tally: Sendable, Equatable {
        /// Messages of this kind.
        public var total = 0
        /// How many got each outcome.
        public var outcomes: [Outcome: Int] = [:]

        /// The number with `outcome`.
        public func count(_ outcome: Outcome) -> Int { outcomes[outcome] ?? 0 }
        /// The share with `outcome`, in [0, 1]; 0 when there are none.
        public func share(_ outcome: Outcome) -> Double { total == 0 ? 0 : Double(count(outcome)) / Double(total) }
    }

    /// Counts per kind.
    public var tallies: [Kind: Tally] = [:]
    /// FAQ questions whose top-ranked entry is correct.
    public var topOneHits = 0
    /// Sum of 1/rank of the first correct entry over FAQ questions.
    public var reciprocalRankSum = 0.0
    /// FAQ questions met with a "did you mean" that lists a correct entry.
    public var clarifiedCorrectly = 0
    /// Words of each right FAQ answer, for the answer-length figures.
    public var answerLengths: [Int] = []
    /// The messages that did not get the right reply.
    public var misses: [Miss] = []
    /// Cases with earlier turns (follow-ups), judged in their conversation.
    public var followUps = Tally()
    /// The same cases in the same conversation with `Session.followsUp` off: the gain of reading a
    /// follow-up with the previous answer is `followUps` minus this.
    public var followUpsWithoutContext = Tally()

    /// The counts for `kind`.
    public func tally(_ kind: Kind) -> Tally { tallies[kind] ?? Tally() }
    /// FAQ questions.
    public var inDomain: Int { tally(.faq).total }
    /// P@1: the share of FAQ questions whose best-ranked entry is correct.
    public var topOneAccuracy: Double { inDomain == 0 ? 0 : Double(topOneHits) / Double(inDomain) }
    /// Mean reciprocal rank over FAQ questions.
    public var meanReciprocalRank: Double { inDomain == 0 ? 0 : reciprocalRankSum / Double(inDomain) }
    /// The share of FAQ questions answered outright and correctly.
    public var answerAccuracy: Double { tally(.faq).share(.right) }
    /// The share of out-of-domain questions not answered (1 when there are none): any reply but an
    /// answer or a safety reply, "did you mean" included.
    public var rejectionRate: Double { tally(.ood).total == 0 ? 1 : 1 - tally(.ood).share(.wrong) }
    /// The share of crisis and complication messages that got their reply (1 when there are none).
    public var safetyRecall: Double {
        let total = tally(.crisis).total + tally(.complication).total
        return total == 0 ? 1 : Double(tally(.crisis).count(.right) + tally(.complication).count(.right)) / Double(total)
    }

    /// How deep the ranking is read for MRR.
    public static let rankDepth = 100

    /// Sends every case to a fresh conversation with `assistant` and judges the reply.
    public static func run(_ cases: [Case], assistant: Assistant) -> Evaluation {
        var report = Evaluation()
        for testCase in cases {
            let reply = conversation(testCase, assistant: assistant, followingUp: true)
            if !testCase.earlierTurns.isEmpty {
                let plain = conversation(testCase, assistant: assistant, followingUp: false)
                report.followUps.total += 1
                report.followUps.outcomes[judge(reply, for: testCase), default: 0] += 1
                report.followUpsWithoutContext.total += 1
                report.followUpsWithoutContext.outcomes[judge(plain, for: testCase), default: 0] += 1
            }
            var rank: Int? = nil
            var bestID: String? = nil
            if testCase.kind == .faq {
                let ranked = assistant.engine.search(testCase.question, limit: rankDepth).ranked
                let ids = ranked.map { assistant.engine.entries[$0.position].id }
                bestID = ids.first
                rank = ids.firstIndex { testCase.expectedIDs.contains($0) }.map { $0 + 1 }
                if let rank {
                    report.reciprocalRankSum += 1 / Double(rank)
                    if rank == 1 { report.topOneHits += 1 }
                }
                if reply.type == .clarify, reply.suggestions?.contains(where: { testCase.expectedIDs.contains($0.id) }) == true {
                    report.clarifiedCorrectly += 1
                }
            }
            let outcome = judge(reply, for: testCase)
            report.tallies[testCase.kind, default: Tally()].total += 1
            report.tallies[testCase.kind, default: Tally()].outcomes[outcome, default: 0] += 1
            if outcome == .right && testCase.kind == .faq {
                report.answerLengths.append(reply.answerText.split(whereSeparator: \.isWhitespace).count)
            }
            if outcome != .right {
                let shownID = reply.id ?? reply.suggestions?.first?.id ?? bestID
                report.misses.append(Miss(testCase: testCase, outcome: outcome, replyType: reply.type.rawValue,
                                          gotID: shownID, score: reply.score, correctRank: rank))
            }
        }
        return report
    }

    /// The reply to `testCase`'s question in a fresh conversation, after its earlier turns.
    private static func conversation(_ testCase: Case, assistant: Assistant, followingUp: Bool) -> Reply {
        let session = Session(assistant: assistant)
        session.followsUp = followingUp
        for turn in testCase.earlierTurns { _ = session.respond(to: turn) }
        return session.respond(to: testCase.question)
    }

    /// How `reply` is judged for `testCase`.
    public static func judge(_ reply: Reply, for testCase: Case) -> Outcome {
        let isSafety = reply.type == .crisis || reply.type == .complication
        switch testCase.kind {
        case .faq:
            switch reply.type {
            case .answer:
                let ids = [reply.id].compactMap { $0 } + (reply.also ?? []).map(\.id)
                return ids.contains(where: testCase.expectedIDs.contains) ? .right : .wrong
            case .clarify: return .clarify
            case .fallback, .otherTreatment: return .fallback
            default: return .wrong
            }
        case .ood:
            if reply.type == .answer || isSafety { return .wrong }
            return reply.type == .clarify ? .clarify : .right
        case .book:
            switch reply.type {
            case .booking: return .right
            case .clarify: return .clarify
            case .answer, .crisis, .complication: return .wrong
            default: return .fallback
            }
        case .small:
            switch reply.type {
            case .smalltalk, .help, .bye: return .right
            case .clarify: return .clarify
            case .fallback, .otherTreatment: return .fallback
            default: return .wrong
            }
        case .crisis:
            return reply.type == .crisis ? .right : .wrong
        case .complication:
            return reply.type == .complication ? .right : .wrong
        case .ordinary:
            return isSafety ? .wrong : .right
        case .notbook:
            return isSafety || reply.type == .booking ? .wrong : .right
        }
    }
}
