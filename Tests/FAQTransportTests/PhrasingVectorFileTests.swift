import FAQDialogue
import FAQSearch
import FAQTransport
import Foundation
import SentenceEncoder
import XCTest

/// The encoder's vectors of the phrasings, kept in a real file of a temporary cache directory.
final class PhrasingVectorFileTests: XCTestCase {
    var directory = ""

    override func setUp() {
        directory = NSTemporaryDirectory() + "faqbot-vectors-\(getpid())-\(UUID().uuidString)"
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func testVectorsComeBackBitForBitAndOnlyForTheirFingerprintAndSize() {
        let file = PhrasingVectorFile(directory: directory + "/nested")
        let vectors: [Float] = [0, -1.5, .pi, 1e-30, -0.0, 42]
        file.save(vectors, fingerprint: "00aa")
        XCTAssertEqual(file.load(fingerprint: "00aa", count: 6)?.map(\.bitPattern), vectors.map(\.bitPattern))
        XCTAssertNil(file.load(fingerprint: "00bb", count: 6), "another fingerprint")
        XCTAssertNil(file.load(fingerprint: "00aa", count: 7), "another size: a cut file is not used")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory + "/nested"), ["phrasings-00aa.f32"],
                       "no temporary file left behind")
    }

    func testSavingKeepsOnlyTheNewestFilesAndNoOtherKind() throws {
        let manager = FileManager.default
        try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for (index, name) in ["phrasings-0a.f32", "phrasings-0b.f32", "phrasings-0c.f32", "notes.txt"].enumerated() {
            let path = directory + "/" + name
            XCTAssertTrue(manager.createFile(atPath: path, contents: Data([1, 2, 3, 4])))
            try manager.setAttributes([.modificationDate: Date(timeIntervalSince1970: Double(1_000 * (index + 1)))], ofItemAtPath: path)
        }
        PhrasingVectorFile(directory: directory, kept: 2).save([1], fingerprint: "0d")
        XCTAssertEqual(try manager.contentsOfDirectory(atPath: directory).sorted(),
                       ["notes.txt", "phrasings-0c.f32", "phrasings-0d.f32"], "the new file and the newest old one")
    }

    func testADirectoryThatCannotBeWrittenIsLeftAloneQuietly() throws {
        try "a file, not a directory".write(toFile: directory, atomically: true, encoding: .utf8)
        let file = PhrasingVectorFile(directory: directory + "/cache")
        file.save([1, 2, 3], fingerprint: "00aa")
        XCTAssertNil(file.load(fingerprint: "00aa", count: 3))
    }

    func testTheUserCacheFollowsTheEnvironment() {
        XCTAssertEqual(PhrasingVectorFile.userCache(environment: ["FAQBOT_CACHE_DIR": "/x", "HOME": "/h"])?.directory, "/x")
        XCTAssertNil(PhrasingVectorFile.userCache(environment: ["FAQBOT_CACHE_DIR": "off", "HOME": "/h"]))
        XCTAssertEqual(PhrasingVectorFile.userCache(environment: ["XDG_CACHE_HOME": "/c", "HOME": "/h"])?.directory, "/c/faqbot")
        XCTAssertEqual(PhrasingVectorFile.userCache(environment: ["HOME": "/h"])?.directory, "/h/.cache/faqbot")
        XCTAssertNil(PhrasingVectorFile.userCache(environment: [:]))
    }

    func testASecondOpinionReadsWhatAnEarlierOneSavedAndSeesTheSame() throws {
        try XCTSkipUnless(SentenceEncoder.isSupportedByThisProcessor, "the encoder needs AVX2/FMA")
        let knowledge = KnowledgeBase(entries: [
            Entry(id: "healing", question: "How long does SMP take to heal?", alternatives: ["recovery time?"], answer: "A week."),
            Entry(id: "cost", question: "How much does SMP cost?", answer: "INR 15k to one lakh."),
        ])
        let file = PhrasingVectorFile(directory: directory)
        let first = SecondOpinion(knowledge: knowledge, store: file)
        let view = first.closeness(of: "how long until it heals")
        let saved = try FileManager.default.contentsOfDirectory(atPath: directory)
        XCTAssertEqual(saved.count, 1, "encoded once, saved once")
        let second = SecondOpinion(knowledge: knowledge, store: file)
        XCTAssertEqual(second.closeness(of: "how long until it heals"), view)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory), saved)

        // Other phrasings are another fingerprint: encoded afresh, saved beside the first.
        var changed = knowledge
        changed.entries[0] = Entry(id: changed.entries[0].id, question: changed.entries[0].question,
                                   alternatives: changed.entries[0].alternatives + ["a phrasing staff just added"],
                                   answer: changed.entries[0].answer)
        _ = SecondOpinion(knowledge: changed, store: file).closeness(of: "how long until it heals")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory).count, 2)
    }
}
