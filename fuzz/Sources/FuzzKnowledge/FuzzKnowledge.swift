// libFuzzer target: any bytes through the parsers of what staff and the journal write: knowledge
// entries, intents and messages (Record), cue rules (safety, booking, other treatments) matched against
// the text itself, synonyms, clinic.conf, journal lines and the hand-off record.
// Checks: nothing crashes; every error names a line inside the text (1 ... lines + 1); a parsed entry
// has exactly one id and one question; a journal scan's lengths add up.
#if canImport(Glibc)
import Glibc
#endif
import FAQDialogue
import FAQSearch
import FAQTransport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 1 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let text = String(decoding: bytes, as: UTF8.self)
    let lineCount = text.textLines.count
    func checkLine(_ error: KnowledgeError) {
        if case .malformed(_, let line, _) = error {
            require((1...lineCount + 1).contains(line), "error on line \(line) of a \(lineCount)-line text: \(error)")
        }
    }
    // Byte 0 picks the parser (the seeds start with '1' entry, '2' message, '3' synonyms, '4'
    // clinic.conf, '5' journal, '6' cue rule, '0' hand-off record).
    switch data[0] % 7 {
    case 0:
        do {
            let entry = try KnowledgeBase.parseEntry(text, file: "entries/x.md", expectedID: nil)
            require(!entry.id.isEmpty && !entry.question.isEmpty && !entry.answer.isEmpty, "an entry without id, question or answer")
            require(entry.answer.utf8.count <= Record.maximumBodyBytes, "an answer over the limit")
        } catch {
            checkLine(error)
        }
    case 1:
        do {
            let record = try Record.parse(text, file: "messages/x.md", allowedKeys: ["id", "question", "also"])
            for key in Record.singleKeys { require(record.values(key).count <= 1, "two '\(key):' lines accepted") }
        } catch {
            checkLine(error)
        }
    case 2:
        do { _ = try KnowledgeBase.parseSynonyms(text, file: "synonyms.txt") } catch { checkLine(error) }
    case 3:
        do { _ = try ClinicSchedule.parse(text, file: "clinic.conf") } catch { checkLine(error) }
    case 4:
        do {
            let scan = try JournalScanner.classify(bytes, path: "bookings.jsonl")
            require(scan.goodLength + scan.tailLength == bytes.count || scan.tailLength == 0, "scan lengths do not add up")
            require(scan.goodLength <= bytes.count, "good length past the end")
            for entry in scan.bookings { _ = entry.booking.json }
        } catch {
            if case .damagedLine(_, let line, _) = error {
                require(line >= 1 && line <= bytes.filter { $0 == 0x0A }.count + 1, "damaged line \(line) out of range")
            }
        }
    case 5:
        do {
            let keys = Set(["id", "question", "also"]).union(CueRule.keys).union(CueRule.plainKeys)
            let rule = try CueRule(record: try Record.parse(text, file: "intents/crisis.md", allowedKeys: keys), id: "crisis")
            for message in [text, "I want to die", "my scalp is still bleeding", ""] {
                let cues = CueText(message, dictionary: ["never", "fever"])
                _ = rule.match(cues)
                _ = rule.onlyAsksWhatCouldHappen(cues)
                _ = rule.hasException(cues)
            }
        } catch {
            checkLine(error)
        }
    default:
        let contents = HandOffRecord.parse(bytes)
        require(contents.done.allSatisfy { !$0.contains("\n") }, "a reference with a newline")
    }
    return 0
}

/// Stops the run with `message` on standard error when `condition` is false (libFuzzer then saves the
/// input); unlike `precondition`, the message survives -O.
func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    guard !condition else { return }
    try? writeAll(2, "fuzz check failed: \(message())\n")
    abort()
}
