import FAQDialogue
import FAQSearch
import Foundation
@testable import FAQTransport

/// The repository's knowledge, loaded once for the protocol tests.
enum TestAssistant {
    static let knowledgePath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("knowledge").path

    static let shared: Assistant = {
        do {
            return Assistant(knowledge: try KnowledgeLoader.load(knowledgePath))
        } catch {
            fatalError("cannot load \(knowledgePath): \(error)")
        }
    }()

    /// A fresh conversation (the one place the tests create sessions).
    static func session() -> Session { Session(assistant: shared) }
}
