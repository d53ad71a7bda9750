/// One question the clinic answers: an article section or an FAQ entry.
public struct Entry: Sendable, Equatable, Codable {
    /// A stable identifier, e.g. `healing-time`.
    public let id: String
    /// The question or section title, as the clinic wrote it.
    public let question: String
    /// Other ways patients ask the same thing.
    public let alternatives: [String]
    /// The clinic's answer, word for word.
    public let answer: String
    /// Ids of other entries a patient reading this one may want next (`related:` lines), in order.
    public let related: [String]

    /// Creates an entry.
    public init(id: String, question: String, alternatives: [String] = [], answer: String, related: [String] = []) {
        self.id = id
        self.question = question
        self.alternatives = alternatives
        self.answer = answer
        self.related = related
    }
}
