#if canImport(Glibc)
import Glibc
#endif

/// Reads lines from a terminal with `LineEditor`: raw mode, a prompt, editing keys, the session's
/// history and redraws on resize. The terminal is restored on every way out (see `RawTerminal`).
final class TerminalLineReader {
    /// The prompt shown before each line.
    let prompt: String
    private let input: Int32
    private let output: Int32
    private var editor: LineEditor
    private var renderer: LineRenderer

    /// Creates a reader on the terminal `input` / `output`.
    init(input: Int32, output: Int32, prompt: String = "> ", maximumLineLength: Int) {
        self.input = input
        self.output = output
        self.prompt = prompt
        editor = LineEditor(maximumLineLength: maximumLineLength)
        renderer = LineRenderer(prompt: prompt, width: TerminalChat.terminalWidth(output))
    }

    /// Reads lines and hands each to `handle`, until `handle` returns false, Ctrl-D on an empty line,
    /// or the end of input. Throws when raw mode cannot be entered.
    func run(_ handle: (String) -> Bool) throws(SystemCallError) {
        let terminal = try RawTerminal(fd: input, output: output)
        defer { terminal.restore() }
        write(renderer.redraw(editor.characters, cursor: editor.cursor))
        var buffer = [UInt8](repeating: 0, count: 4096)
        var watched = [pollfd(fd: input, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: terminal.notifications, events: Int16(POLLIN), revents: 0)]
        while true {
            // After a lone ESC, wait briefly for the rest of a sequence; terminals send a sequence's
            // bytes together, so nothing within 50 ms means the Esc key itself.
            let timeout: Int32 = editor.isAfterEscape ? Self.escapeWait : -1
            guard case .done(let ready)? = try? systemCall("poll", { poll(&watched, 2, timeout) }) else { return }
            if ready == 0 {
                editor.endLoneEscape()
                continue
            }
            if watched[1].revents != 0 {
                terminal.takeNotifications()
                renderer.width = TerminalChat.terminalWidth(output)
                write(renderer.redraw(editor.characters, cursor: editor.cursor))
            }
            guard watched[0].revents != 0 else { continue }
            guard case .done(let count)? = try? systemCall("read", { read(input, &buffer, buffer.count) }),
                  count > 0 else {
                write(renderer.finish(editor.characters))
                return
            }
            let before = (editor.characters, editor.cursor)
            for action in editor.feed(buffer[0..<count]) {
                switch action {
                case .submit(let line):
                    let shown = Array(line)
                    write(renderer.redraw(shown, cursor: shown.count) + renderer.finish(shown))
                    guard handle(line) else { return }
                    write(renderer.redraw([], cursor: 0))
                case .endOfInput:
                    write(renderer.finish(editor.characters))
                    return
                case .suspend:
                    write(renderer.finish(editor.characters))
                    terminal.suspend()
                    renderer.width = TerminalChat.terminalWidth(output)
                    write(renderer.redraw(editor.characters, cursor: editor.cursor))
                case .clearScreen:
                    write("\u{1B}[H\u{1B}[2J")
                    renderer.reset()
                    write(renderer.redraw(editor.characters, cursor: editor.cursor))
                case .bell:
                    write("\u{07}")
                }
            }
            if before.0 != editor.characters || before.1 != editor.cursor {
                write(renderer.redraw(editor.characters, cursor: editor.cursor))
            }
        }
    }

    /// How long, in milliseconds, a lone ESC waits for the rest of an escape sequence.
    static let escapeWait: Int32 = 50

    private func write(_ text: String) {
        try? writeAll(output, text)
    }
}
