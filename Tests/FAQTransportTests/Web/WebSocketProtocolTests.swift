@testable import FAQTransport
import XCTest

/// The cases of the Autobahn test suite's sections 1–7 and 9 that apply to a text-only server,
/// written as our own tests (numbers in the names point to the suite's sections).
final class WebSocketProtocolTests: XCTestCase {
    /// A masked client frame.
    private func frame(_ opcode: UInt8, _ payload: [UInt8], fin: Bool = true, rsv: UInt8 = 0, masked: Bool = true) -> [UInt8] {
        var out: [UInt8] = [(fin ? 0x80 : 0) | rsv << 4 | opcode]
        let maskBit: UInt8 = masked ? 0x80 : 0
        if payload.count < 126 {
            out.append(maskBit | UInt8(payload.count))
        } else if payload.count <= 0xFFFF {
            out += [maskBit | 126, UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)]
        } else {
            out.append(maskBit | 127)
            for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: payload.count >> shift)) }
        }
        guard masked else { return out + payload }
        let mask: [UInt8] = [0x37, 0xFA, 0x21, 0x3D]
        return out + mask + payload.enumerated().map { $0.element ^ mask[$0.offset % 4] }
    }

    private func text(_ string: String, fin: Bool = true) -> [UInt8] { frame(0x1, Array(string.utf8), fin: fin) }

    /// Server frames parsed back: (opcode, payload).
    private func serverFrames(_ bytes: [UInt8]) -> [(UInt8, [UInt8])] {
        var frames: [(UInt8, [UInt8])] = []
        var index = 0
        while index + 2 <= bytes.count {
            let opcode = bytes[index] & 0x0F
            var length = Int(bytes[index + 1] & 0x7F)
            var start = index + 2
            if length == 126 { length = Int(bytes[index + 2]) << 8 | Int(bytes[index + 3]); start = index + 4 }
            else if length == 127 { length = bytes[(index + 2)..<(index + 10)].reduce(0) { $0 << 8 | Int($1) }; start = index + 10 }
            frames.append((opcode, Array(bytes[start..<(start + length)])))
            index = start + length
        }
        return frames
    }

    private struct Run {
        var messages: [String] = []
        var frames: [(UInt8, [UInt8])] = []
        var disposition: WebSocketProtocol.Disposition = .open
        var closeCode: UInt16? {
            guard let close = frames.last(where: { $0.0 == 0x8 }), close.1.count >= 2 else { return nil }
            return UInt16(close.1[0]) << 8 | UInt16(close.1[1])
        }
    }

    /// Feeds `bytes` whole, then again one byte at a time, and checks both give the same.
    private func run(_ bytes: [UInt8], limit: Int = 1 << 20, file: StaticString = #filePath, line: UInt = #line) -> Run {
        func feed(_ chunks: [[UInt8]]) -> Run {
            let webSocket = WebSocketProtocol(maximumMessageBytes: limit)
            var output: [UInt8] = []
            var result = Run()
            for chunk in chunks where result.disposition == .open {
                let (messages, disposition) = webSocket.receive(chunk, into: &output)
                result.messages += messages
                result.disposition = disposition
            }
            result.frames = serverFrames(output)
            return result
        }
        let whole = feed([bytes])
        if bytes.count < 5000 {
            let split = feed(bytes.map { [$0] })
            XCTAssertEqual(split.messages, whole.messages, "byte by byte", file: file, line: line)
            XCTAssertEqual(split.closeCode, whole.closeCode, "byte by byte", file: file, line: line)
        }
        return whole
    }

    // 1.1: text messages of every length class are received whole.
    func testCase1_1TextMessagesOfEveryLengthClass() {
        for length in [0, 1, 125, 126, 127, 128, 65535, 65536, 200_000] {
            let message = String(repeating: "*", count: length)
            let result = run(text(message))
            XCTAssertEqual(result.messages, [message], "length \(length)")
            XCTAssertEqual(result.disposition, .open)
        }
    }

    // 1.2: binary messages are not spoken here: close 1003.
    func testCase1_2BinaryMessageClosesWithUnsupportedData() {
        let result = run(frame(0x2, [1, 2, 3]))
        XCTAssertEqual(result.closeCode, 1003)
        XCTAssertEqual(result.disposition, .closeAfterFlush)
    }

    // 2.1-2.4: ping gets a pong with the same payload, up to 125 bytes.
    func testCase2PingsArePongedWithTheirPayload() {
        for payload in [[], Array("Hello, world!".utf8), [0x00, 0xFF, 0xFE, 0xFD], [UInt8](repeating: 0xFE, count: 125)] {
            let result = run(frame(0x9, payload))
            XCTAssertEqual(result.frames.count, 1)
            XCTAssertEqual(result.frames.first?.0, 0xA)
            XCTAssertEqual(result.frames.first?.1, payload)
        }
    }

    // 2.5: a control frame over 125 bytes is a protocol error.
    func testCase2_5PingTooLongCloses1002() {
        XCTAssertEqual(run(frame(0x9, [UInt8](repeating: 0xFE, count: 126))).closeCode, 1002)
    }

    // 2.6-2.10: unsolicited pongs are ignored; many pings get many pongs in order.
    func testCase2UnsolicitedPongIsIgnoredAndPingsAnsweredInOrder() {
        let result = run(frame(0xA, Array("unsolicited".utf8)) + (0..<10).flatMap { frame(0x9, [UInt8($0)]) } + text("after"))
        XCTAssertEqual(result.frames.map(\.0), [UInt8](repeating: 0xA, count: 10))
        XCTAssertEqual(result.frames.map(\.1), (0..<10).map { [UInt8($0)] })
        XCTAssertEqual(result.messages, ["after"])
    }

    // 3.1-3.7: reserved bits set without an extension are a protocol error, on any frame kind.
    func testCase3ReservedBitsClose1002() {
        for rsv in [1, 2, 3, 4, 5, 6, 7] as [UInt8] {
            XCTAssertEqual(run(frame(0x1, Array("x".utf8), rsv: rsv)).closeCode, 1002, "rsv \(rsv)")
        }
        XCTAssertEqual(run(frame(0x9, [], rsv: 4)).closeCode, 1002)
        let result = run(text("before") + frame(0x1, [], rsv: 2) + frame(0x9, []))
        XCTAssertEqual(result.messages, ["before"])
        XCTAssertEqual(result.frames.map(\.0), [0x8], "nothing is answered after the failure")
    }

    // 4.1-4.2: reserved opcodes are a protocol error.
    func testCase4ReservedOpcodesClose1002() {
        for opcode in [0x3, 0x4, 0x5, 0x6, 0x7, 0xB, 0xC, 0xD, 0xE, 0xF] as [UInt8] {
            let result = run(text("ok") + frame(opcode, Array("x".utf8)))
            XCTAssertEqual(result.messages, ["ok"])
            XCTAssertEqual(result.closeCode, 1002, "opcode \(opcode)")
        }
    }

    // 5.1-5.2: fragmented control frames are errors.
    func testCase5FragmentedControlFramesClose1002() {
        XCTAssertEqual(run(frame(0x9, [1], fin: false) + frame(0x0, [2])).closeCode, 1002)
        XCTAssertEqual(run(frame(0xA, [1], fin: false) + frame(0x0, [2])).closeCode, 1002)
    }

    // 5.3-5.8: fragments are joined, with pings (and pongs) between them answered at once.
    func testCase5FragmentsJoinAndControlFramesMayComeBetween() {
        var bytes = text("frag", fin: false) + frame(0x9, Array("ping".utf8)) + frame(0x0, Array("men".utf8), fin: false)
        bytes += frame(0xA, []) + frame(0x0, Array("ted".utf8))
        let result = run(bytes)
        XCTAssertEqual(result.messages, ["fragmented"])
        XCTAssertEqual(result.frames.map(\.0), [0xA])
        XCTAssertEqual(result.frames.first?.1, Array("ping".utf8))
        let empties = run(text("", fin: false) + frame(0x0, [], fin: false) + frame(0x0, []))
        XCTAssertEqual(empties.messages, [""])
    }

    // 5.9-5.20: continuation without a message, or a new message inside one, is an error.
    func testCase5ContinuationOutOfPlaceCloses1002() {
        XCTAssertEqual(run(frame(0x0, Array("x".utf8))).closeCode, 1002)
        XCTAssertEqual(run(frame(0x0, Array("x".utf8), fin: false) + text("y")).closeCode, 1002)
        XCTAssertEqual(run(text("a", fin: false) + text("b")).closeCode, 1002)
        let afterMessage = run(text("whole") + frame(0x0, Array("x".utf8)))
        XCTAssertEqual(afterMessage.messages, ["whole"])
        XCTAssertEqual(afterMessage.closeCode, 1002)
    }

    // 6.1-6.4: valid UTF-8, also split inside a character across fragments.
    func testCase6ValidUTF8AcrossFragmentBoundaries() {
        let hello = "κόσμε Hello-µ@ßöäüàá-UTF-8!! 🙂 𝄞 \u{10FFFF}"
        let bytes = Array(hello.utf8)
        for split in 1..<bytes.count {
            let result = run(frame(0x1, Array(bytes[..<split]), fin: false) + frame(0x0, Array(bytes[split...])))
            XCTAssertEqual(result.messages, [hello], "split at \(split)")
        }
    }

    // 6.3-6.22: invalid UTF-8 closes with 1007, failing fast at the first fragment that shows it.
    func testCase6InvalidUTF8Closes1007() {
        let invalid: [[UInt8]] = [
            [0xCE, 0xBA, 0xE1, 0xBD, 0xB9, 0xCF, 0x83, 0xCE, 0xBC, 0xCE, 0xB5, 0xED, 0xA0, 0x80, 0x65, 0x64, 0x69, 0x74, 0x65, 0x64],
            [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0xAF], [0xF0, 0x80, 0x80, 0xAF],  // overlong
            [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF],                                 // surrogates
            [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF], [0xFE],     // past U+10FFFF, never valid
            [0x80], [0xBF], [0xC2, 0x41], [0xE1, 0x80, 0x41],                        // stray or cut continuation
            [0xCE],                                                                  // a character cut at the end
        ]
        for bytes in invalid {
            XCTAssertEqual(run(frame(0x1, bytes)).closeCode, 1007, "\(bytes)")
        }
        // Fail fast: the first fragment already shows it, before the message ends.
        let fast = run(frame(0x1, [0x41, 0xED, 0xA0, 0x80], fin: false))
        XCTAssertEqual(fast.closeCode, 1007)
        XCTAssertEqual(fast.disposition, .closeAfterFlush)
    }

    // 7.1: a close frame is echoed and nothing after it is read.
    func testCase7_1CloseIsAnsweredAndLaterFramesIgnored() {
        let result = run(frame(0x8, [0x03, 0xE8]) + text("ignored") + frame(0x9, []))
        XCTAssertEqual(result.messages, [])
        XCTAssertEqual(result.frames.map(\.0), [0x8])
        XCTAssertEqual(result.closeCode, 1000)
        XCTAssertEqual(result.disposition, .closeAfterFlush)
    }

    // 7.3: an empty close is answered with 1000; a 1-byte payload is an error; a reason must be UTF-8.
    func testCase7_3ClosePayloads() {
        XCTAssertEqual(run(frame(0x8, [])).closeCode, 1000)
        XCTAssertEqual(run(frame(0x8, [0x03])).closeCode, 1002)
        XCTAssertEqual(run(frame(0x8, [0x03, 0xE8] + Array("a reason".utf8))).closeCode, 1000)
        XCTAssertEqual(run(frame(0x8, [0x03, 0xE8] + [UInt8](repeating: 0x2A, count: 123))).closeCode, 1000)
        XCTAssertEqual(run(frame(0x8, [0x03, 0xE8] + [UInt8](repeating: 0x2A, count: 124))).closeCode, 1002, "over 125")
        XCTAssertEqual(run(frame(0x8, [0x03, 0xE8, 0xCE, 0xBA, 0xED, 0xA0, 0x80])).closeCode, 1007)
    }

    // 7.7 and 7.9: valid close codes are echoed; invalid ones get 1002.
    func testCase7CloseCodes() {
        for code in [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999] as [UInt16] {
            XCTAssertEqual(run(frame(0x8, [UInt8(code >> 8), UInt8(code & 0xFF)])).closeCode, code, "\(code)")
        }
        for code in [0, 999, 1004, 1005, 1006, 1012, 1013, 1014, 1015, 1016, 1100, 2000, 2999, 5000, 65535] as [Int] {
            XCTAssertEqual(run(frame(0x8, [UInt8(code >> 8), UInt8(code & 0xFF)])).closeCode, 1002, "\(code)")
        }
    }

    // 9.1-9.2 (with our limit): big messages up to the limit arrive; past it, 1009 at the header.
    func testCase9SizeLimit() {
        let limit = 64 * 1024
        let big = String(repeating: "a", count: limit)
        XCTAssertEqual(run(text(big), limit: limit).messages, [big])
        let header = Array(frame(0x1, [UInt8](repeating: 0x61, count: limit + 1)).prefix(10))
        XCTAssertEqual(run(header, limit: limit).closeCode, 1009, "refused from the header, before the payload")
        let fragments = text(String(repeating: "a", count: limit / 2), fin: false) + frame(0x0, [UInt8](repeating: 0x61, count: limit / 2 + 1))
        XCTAssertEqual(run(fragments, limit: limit).closeCode, 1009)
        XCTAssertEqual(run([0x81, 0xFF, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], limit: limit).closeCode, 1009, "2^63-1 bytes")
        XCTAssertEqual(run([0x81, 0xFF, 0x80, 0, 0, 0, 0, 0, 0, 1], limit: limit).closeCode, 1002, "a 64-bit length with the top bit set")
    }

    // 9.x: many small messages in one read all come out, in order.
    func testCase9ManyMessagesInOneRead() {
        let result = run((0..<1000).flatMap { text("m\($0)") })
        XCTAssertEqual(result.messages, (0..<1000).map { "m\($0)" })
    }

    func testUnmaskedClientFrameCloses1002() {
        XCTAssertEqual(run(frame(0x1, Array("x".utf8), masked: false)).closeCode, 1002)
    }

    func testServerCloseIsSentOnceAndServerFramesAreUnmasked() {
        let webSocket = WebSocketProtocol(maximumMessageBytes: 100)
        var output: [UInt8] = []
        WebSocketProtocol.appendText(Array("{}".utf8), to: &output)
        webSocket.close(.goingAway, reason: "idle", into: &output)
        webSocket.close(.normal, into: &output)
        let frames = serverFrames(output)
        XCTAssertEqual(frames.map(\.0), [0x1, 0x8])
        XCTAssertEqual(output[1] & 0x80, 0, "server frames are not masked")
        XCTAssertEqual(frames[1].1, [0x03, 0xE9] + Array("idle".utf8))
        XCTAssertEqual(webSocket.receive(text("late"), into: &output).disposition, .closeAfterFlush)
    }
}
