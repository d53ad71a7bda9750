import FAQDialogue
import Foundation

/// The staff review's memory (`review-state.json` in the log directory): which question forms were
/// ignored or done, so an ignored question stays ignored when patients ask it again.
public struct ReviewState: Codable, Sendable {
    /// Status by normalised question form (see `QuestionGroup.normalisedKey`).
    public var statuses: [String: ReviewStatus] = [:]

    /// The state file's name in the log directory.
    public static let fileName = "review-state.json"

    /// The state kept in `directory`, empty when there is none yet.
    public static func load(directory: String) throws(StaffLogError) -> ReviewState {
        let path = directory + "/" + fileName
        guard FileManager.default.fileExists(atPath: path) else { return ReviewState() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .systemCall(path: path, error: SystemCallError(call: "open", errno: EACCES))
        }
        do {
            return try JSONDecoder().decode(ReviewState.self, from: data)
        } catch {
            throw .malformed(path: path, line: 1, reason: "not a review state (JSON with \"statuses\"); move it aside to start afresh")
        }
    }

    /// Marks every form of `group`.
    public mutating func mark(_ group: QuestionGroup, _ status: ReviewStatus) {
        for key in group.keys { statuses[key] = status }
    }

    /// Writes the state to `directory` atomically (0600).
    public func save(directory: String) throws(StaffLogError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let text = String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self) + "\n"
        try AtomicFile.replace(directory + "/" + Self.fileName, with: text)
    }
}
