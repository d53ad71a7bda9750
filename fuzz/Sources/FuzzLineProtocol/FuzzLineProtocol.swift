// libFuzzer target: any bytes through the line framer, the line protocol and the dialogue, with or
// without bookings (the booking form, stored in memory).
// Checks: nothing crashes; in JSON mode every reply is one valid JSON object line with a "type";
// every framed request line gets exactly one reply until a bye; the framer never holds more than its
// limit; every stored booking holds only what the form may accept, and its journal line has no raw
// control, separator or bidi character.
#if canImport(Glibc)
import Glibc
#endif
import FAQDialogue
import FAQSearch
import FAQTransport
import Foundation

/// The knowledge, loaded once: $FAQBOT_KNOWLEDGE or the repository's knowledge directory.
let assistant: Assistant = {
    let root = String(#filePath.split(separator: "/").dropLast(4).joined(separator: "/"))
    let path = getenv("FAQBOT_KNOWLEDGE").map { String(cString: $0) } ?? "/" + root + "/knowledge"
    do {
        return Assistant(knowledge: try KnowledgeLoader.load(path))
    } catch {
        fatalError("cannot load the knowledge at \(path): \(error)")
    }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 2 else { return 0 }
    // Byte 0: mode (bit 0: text, bit 1: bookings on, bit 2: bookings stored by the transport as the
    // server does, the protocol waiting for each) and line limit; byte 1: chunk size for feeding and
    // lines answered per turn (as the event loop does: the rest wait for continueReplying); the rest is
    // the stream.
    let json = data[0] & 1 == 0
    let bookings = data[0] & 2 != 0
    let deferred = data[0] & 4 != 0
    let limit = 16 + Int(data[0] >> 3) * 32
    let chunk = 1 + Int(data[1])
    let budget = 1 + Int(data[1] & 7)
    let input = UnsafeRawBufferPointer(start: data + 2, count: size - 2)

    let session = bookings ? Session(assistant: assistant, booking: bookingConfiguration) : Session(assistant: assistant)
    session.defersBookingStores = deferred
    let lineProtocol = LineProtocol(session: session, format: json ? .json : .text, maximumLineLength: limit)
    var output: [UInt8] = []
    /// Stores the awaited booking (as the server's worker does) and answers what waited.
    func store(_ disposition: LineProtocol.Disposition) -> LineProtocol.Disposition {
        var disposition = disposition
        while disposition == .awaitingStore {
            require(lineProtocol.isAwaitingStore, "awaiting a store without a booking")
            guard let submission = lineProtocol.takeSubmission() else { require(false, "no submission to store"); break }
            require(lineProtocol.receive([], into: &output) == .awaitingStore, "answered a line while storing")
            disposition = lineProtocol.completeStore(submission, result: submission.perform(), into: &output, lineBudget: budget)
        }
        return disposition
    }
    lineProtocol.greet(into: &output)
    var reference = LineFramer(maximumLineLength: limit)
    var requests = 0
    var offset = 0
    while offset < input.count && !lineProtocol.isFinished {
        let end = min(input.count, offset + chunk)
        let piece = UnsafeRawBufferPointer(rebasing: input[offset..<end])
        requests += reference.feed(piece).count
        require(reference.bufferedByteCount <= limit, "framer holds more than its limit")
        var disposition = store(lineProtocol.receive(piece, into: &output, lineBudget: budget))
        while disposition == .open && lineProtocol.hasPendingLines {
            disposition = store(lineProtocol.continueReplying(into: &output, lineBudget: budget))
        }
        require(!lineProtocol.hasPendingLines || lineProtocol.isFinished, "lines left unanswered")
        offset = end
    }
    let saidBye = lineProtocol.isFinished
    if !saidBye {
        requests += reference.finish().count
        lineProtocol.endOfInput(into: &output)
        if lineProtocol.isAwaitingStore { _ = store(.awaitingStore) }
        require(lineProtocol.isFinished, "end of input left the conversation open")
    }
    // A "/format text" line leaves JSON mode on purpose: check JSON only when the stream has none.
    let switchesFormat = input.count >= 7 && (0...(input.count - 7)).contains { start in
        Array(input[start..<start + 7]).map { $0 | 0x20 } == Array("/format".utf8)
    }
    guard json && !switchesFormat else { return 0 }
    let lines = output.split(separator: 0x0A, omittingEmptySubsequences: false)
    require(lines.last?.isEmpty == true, "output does not end with a newline")
    let replies = lines.dropLast()
    for line in replies {
        var parser = JSONChecker(bytes: Array(line))
        require(parser.isObjectWithType(), "invalid JSON reply: \(String(decoding: line, as: UTF8.self))")
    }
    let lastIsBye = String(decoding: replies.last ?? [], as: UTF8.self).hasPrefix("{\"type\":\"bye\"")
    if saidBye {
        // After a bye the rest of the input is ignored.
        require(lastIsBye, "finished without a bye")
        require(replies.count <= requests + 1, "more replies than request lines")
    } else {
        // One greeting plus one reply per request line (including a last line without a newline).
        require(replies.count == requests + 1, "\(requests) request lines but \(replies.count - 1) replies")
    }
    return 0
}

/// Bookings go to memory, on a fixed clock (Tuesday 1 December 2026, 10:00 UTC).
let bookingConfiguration = BookingConfiguration(store: CheckingStore(), schedule: ClinicSchedule(),
                                                clock: { Date(timeIntervalSince1970: 1_796_119_200) })

/// Checks each booking the form submits against what the form may accept, then "stores" it.
final class CheckingStore: BookingStore, @unchecked Sendable {
    // @unchecked: libFuzzer calls the target from one thread.
    var count = 0

    func store(_ request: BookingRequest, received: Date) throws -> Booking {
        count += 1
        let phone = Array(request.phone.utf8)
        let digits = phone.drop(while: { $0 == UInt8(ascii: "+") })
        require(phone.filter { $0 == UInt8(ascii: "+") }.count <= 1 && (7...15).contains(digits.count)
                && digits.allSatisfy { (0x30...0x39).contains($0) }, "stored phone \(request.phone.debugDescription)")
        require(request.name.utf8.count <= BookingForm.maximumNameBytes && request.name.count <= BookingForm.maximumNameLength,
                "stored name too long")
        require(!request.name.unicodeScalars.contains(where: FieldText.isForbidden), "stored name \(request.name.debugDescription)")
        if let note = request.note {
            require(note.utf8.count <= BookingForm.maximumNoteBytes, "stored note too long")
            require(!note.unicodeScalars.contains(where: FieldText.isForbidden), "stored note \(note.debugDescription)")
        }
        let booking = Booking(reference: "FUZ-\(count)", received: received, request: request)
        require(!booking.json.unicodeScalars.contains(where: { TerminalSafeText.needsEscaping($0) }),
                "journal line with a raw control: \(booking.json.debugDescription)")
        return booking
    }
}

/// Stops the run with `message` on standard error when `condition` is false (libFuzzer then saves the
/// input); unlike `precondition`, the message survives -O.
func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    guard !condition else { return }
    try? writeAll(2, "fuzz check failed: \(message())\n")
    abort()
}

/// A strict JSON syntax checker (RFC 8259), enough to prove a reply parses.
struct JSONChecker {
    let bytes: [UInt8]
    var index = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// Whether the bytes are exactly one JSON object whose first key is "type".
    mutating func isObjectWithType() -> Bool {
        guard bytes.starts(with: Array("{\"type\":".utf8)) else { return false }
        guard value(depth: 0) else { return false }
        skipSpace()
        return index == bytes.count
    }

    private mutating func skipSpace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    private mutating func expect(_ literal: String) -> Bool {
        let expected = Array(literal.utf8)
        guard bytes.count - index >= expected.count, Array(bytes[index..<index + expected.count]) == expected else { return false }
        index += expected.count
        return true
    }

    private mutating func value(depth: Int) -> Bool {
        guard depth < 32 else { return false }
        skipSpace()
        guard index < bytes.count else { return false }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            index += 1
            skipSpace()
            if index < bytes.count && bytes[index] == UInt8(ascii: "}") { index += 1; return true }
            while true {
                skipSpace()
                guard string() else { return false }
                skipSpace()
                guard expect(":"), value(depth: depth + 1) else { return false }
                skipSpace()
                if expect(",") { continue }
                return expect("}")
            }
        case UInt8(ascii: "["):
            index += 1
            skipSpace()
            if expect("]") { return true }
            while true {
                guard value(depth: depth + 1) else { return false }
                skipSpace()
                if expect(",") { continue }
                return expect("]")
            }
        case UInt8(ascii: "\""): return string()
        case UInt8(ascii: "t"): return expect("true")
        case UInt8(ascii: "f"): return expect("false")
        case UInt8(ascii: "n"): return expect("null")
        default: return number()
        }
    }

    private mutating func string() -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return false }
        index += 1
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return String(validating: bytes[start..<index - 1], as: UTF8.self) != nil
            }
            if byte < 0x20 { return false }
            if byte == UInt8(ascii: "\\") {
                index += 1
                guard index < bytes.count else { return false }
                switch bytes[index] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                     UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    index += 1
                case UInt8(ascii: "u"):
                    guard bytes.count - index >= 5 else { return false }
                    for hex in bytes[index + 1...index + 4] where !isHex(hex) { return false }
                    index += 5
                default: return false
                }
                continue
            }
            index += 1
        }
        return false
    }

    private func isHex(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
    }

    private mutating func number() -> Bool {
        let start = index
        if expect("-") {}
        guard index < bytes.count else { return false }
        if bytes[index] == UInt8(ascii: "0") { index += 1 } else {
            guard (0x31...0x39).contains(bytes[index]) else { return false }
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
        }
        if expect(".") {
            guard index < bytes.count, (0x30...0x39).contains(bytes[index]) else { return false }
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, (0x30...0x39).contains(bytes[index]) else { return false }
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
        }
        return index > start
    }
}
