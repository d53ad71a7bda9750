/// Where the sentence encoder's vectors of the knowledge's phrasings are kept between runs, so a
/// one-shot command (`faqbot ask`) does not encode them all again (about 9 s of CPU for the bundled
/// knowledge). The transport layer keeps them in a file of the user's cache (`PhrasingVectorFile`).
public protocol PhrasingVectorStore: Sendable {
    /// The `count` numbers saved under `fingerprint`, or nil when there are none (or not that many).
    func load(fingerprint: String, count: Int) -> [Float]?
    /// Saves `vectors` under `fingerprint`; a store that cannot save says nothing (it is only a cache).
    func save(_ vectors: [Float], fingerprint: String)
}
