#if canImport(Glibc)
import Glibc
#endif
import FAQDialogue

/// The chat on standard input and output.
///
/// With a terminal on both ends it reads lines with `LineEditor` (raw mode, editing keys, the session's
/// history, bracketed paste; see `TerminalLineReader`) and wraps replies to the terminal's current
/// width; through pipes it prints replies only (one JSON line each with `json`), so it can be scripted. Blank lines
/// are ignored. It ends at end of input or when the conversation says bye.
public struct TerminalChat {
    /// Whether replies are JSON lines.
    public let json: Bool
    /// The longest input line accepted, in bytes.
    public let maximumLineLength: Int

    /// Creates a chat.
    public init(json: Bool, maximumLineLength: Int = 4096) {
        self.json = json
        self.maximumLineLength = maximumLineLength
    }

    /// Whether the chat on `input` and `output` is with a person at a terminal (both are terminals),
    /// not a script through pipes.
    public static func isInteractive(input: Int32 = 0, output: Int32 = 1) -> Bool {
        isatty(input) == 1 && isatty(output) == 1
    }

    /// Runs the conversation until end of input or bye. Returns the exit status.
    public func run(session: Session, input: Int32 = 0, output: Int32 = 1) -> Int32 {
        let interactive = Self.isInteractive(input: input, output: output)
        func emit(_ reply: Reply) -> Bool {
            var text = json ? JSONLine.encode(reply) : reply.text
            if !json && interactive { text = TextWrapper.wrap(text, width: Self.terminalWidth(output)) }
            if interactive && !json { text += "\n" }
            do { try writeAll(output, text + "\n") } catch { return false }
            return true
        }
        func prompt() {
            if interactive { try? writeAll(output, "> ") }
        }
        guard emit(session.welcome()) else { return 1 }
        if interactive {
            let reader = TerminalLineReader(input: input, output: output, maximumLineLength: maximumLineLength)
            var said = true
            do {
                try reader.run { line in
                    if line.allSatisfy({ $0 == " " || $0 == "\t" }) { return true }
                    let reply = session.respond(to: line)
                    said = emit(reply)
                    return said && reply.type != .bye
                }
                return said ? 0 : 1
            } catch {
                // Raw mode refused (an unusual terminal): read lines as through a pipe, with a prompt.
            }
        }
        prompt()
        var framer = LineFramer(maximumLineLength: maximumLineLength)
        var buffer = [UInt8](repeating: 0, count: 65536)
        func handle(_ events: [LineFramer.Event]) -> Bool {
            for event in events {
                let reply: Reply
                switch event {
                case .line(let line):
                    if line.allSatisfy({ $0 == " " || $0 == "\t" }) { prompt(); continue }
                    reply = session.respond(to: line)
                case .lineTooLong:
                    reply = .lineTooLong(limit: maximumLineLength)
                case .invalidUTF8:
                    reply = .invalidUTF8
                }
                guard emit(reply), reply.type != .bye else { return false }
                prompt()
            }
            return true
        }
        while true {
            let count = buffer.withUnsafeMutableBytes { raw in
                (try? systemCall("read") { read(input, raw.baseAddress!, raw.count) }).flatMap { result -> Int? in
                    if case .done(let count) = result { return count }
                    return nil
                } ?? 0
            }
            if count <= 0 { break }
            let keepGoing = buffer.withUnsafeBytes { handle(framer.feed(UnsafeRawBufferPointer(rebasing: $0[0..<count]))) }
            if !keepGoing { return 0 }
        }
        _ = handle(framer.finish())
        if interactive { try? writeAll(output, "\n") }
        return 0
    }

    /// The terminal's width in columns, or 80 when it cannot be told.
    static func terminalWidth(_ fd: Int32) -> Int {
        var size = winsize()
        if ioctl(fd, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }
}
