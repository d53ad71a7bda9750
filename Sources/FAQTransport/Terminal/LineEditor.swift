/// The line being typed in a terminal, as a pure state machine: bytes in, edits and actions out.
///
/// Keys: Left/Right, Home/End (and Ctrl-A/Ctrl-E), Backspace/Delete, Ctrl-U (delete to the start),
/// Ctrl-K (delete to the end), Ctrl-W (delete the word before the cursor), Up/Down (the session's
/// history, in memory only), Ctrl-C (clear the line), Ctrl-D (end on an empty line, else delete),
/// Ctrl-Z (suspend), Ctrl-L (redraw). A bracketed paste is inserted as text; each line break in it
/// submits the line so far, so pasted lines are submitted in order. Unknown escape sequences and
/// other control characters are ignored. The cursor moves by grapheme, so "é", "ह" and emoji are
/// one step each. No I/O: a terminal driver feeds the bytes and carries out the actions.
public struct LineEditor: Sendable {
    /// What the driver must do after a feed.
    public enum Action: Sendable, Equatable {
        /// A line was entered: hand it to the conversation (it may be blank).
        case submit(String)
        /// Ctrl-D on an empty line: end the chat.
        case endOfInput
        /// Ctrl-Z: suspend the process (the driver restores the terminal first).
        case suspend
        /// Ctrl-L: clear the screen and redraw the line.
        case clearScreen
        /// The key did nothing (e.g. Backspace at the start): ring the bell.
        case bell
    }

    /// The line's characters (graphemes).
    public private(set) var characters: [Character] = []
    /// The cursor's position, as an index into `characters` (0 ... count).
    public private(set) var cursor = 0
    /// The lines submitted in this session, oldest first (blank lines and repeats left out).
    public private(set) var history: [String] = []
    /// The longest line accepted, in UTF-8 bytes; typing past it rings the bell.
    public let maximumLineLength: Int
    /// The most lines kept in the history.
    public let maximumHistory: Int

    private var decoder = KeyDecoder()
    private var pasting = false
    private var lastWasPastedCarriageReturn = false
    /// While browsing the history: the position in `history` and the line being typed before.
    private var historyIndex: Int?
    private var draft: [Character] = []

    /// Creates an empty editor.
    public init(maximumLineLength: Int = 4096, maximumHistory: Int = 100) {
        self.maximumLineLength = max(1, maximumLineLength)
        self.maximumHistory = max(0, maximumHistory)
    }

    /// The line as text.
    public var text: String { String(characters) }

    /// Whether a bracketed paste is in progress.
    public var isPasting: Bool { pasting }

    /// Whether the input so far ends in a lone ESC (see `endLoneEscape`).
    public var isAfterEscape: Bool { decoder.isAfterEscape }

    /// Takes a lone ESC that nothing followed in time as the Esc key, which edits nothing.
    public mutating func endLoneEscape() { decoder.endLoneEscape() }

    /// Feeds bytes from the terminal; returns the actions they call for, in order.
    public mutating func feed<Bytes: Sequence>(_ bytes: Bytes) -> [Action] where Bytes.Element == UInt8 {
        var actions: [Action] = []
        for byte in bytes {
            guard let key = decoder.feed(byte) else { continue }
            if let action = receive(key) { actions.append(action) }
        }
        return actions
    }

    /// Applies one key; returns the action it calls for, if any.
    public mutating func receive(_ key: TerminalKey) -> Action? {
        if pasting { return receivePasted(key) }
        switch key {
        case .text(let scalar): return insert(scalar)
        case .tab: return insert(" ")
        case .enter, .control("j"): return .submit(submit())
        case .left, .control("b"):
            guard cursor > 0 else { return .bell }
            cursor -= 1
        case .right, .control("f"):
            guard cursor < characters.count else { return .bell }
            cursor += 1
        case .home, .control("a"): cursor = 0
        case .end, .control("e"): cursor = characters.count
        case .backspace:
            guard cursor > 0 else { return .bell }
            cursor -= 1
            characters.remove(at: cursor)
        case .delete:
            guard cursor < characters.count else { return .bell }
            characters.remove(at: cursor)
        case .control("d"):
            if characters.isEmpty { return .endOfInput }
            guard cursor < characters.count else { return .bell }
            characters.remove(at: cursor)
        case .control("u"):
            characters.removeSubrange(0..<cursor)
            cursor = 0
        case .control("k"):
            characters.removeSubrange(cursor...)
        case .control("w"):
            var start = cursor
            while start > 0 && characters[start - 1].isWhitespace { start -= 1 }
            while start > 0 && !characters[start - 1].isWhitespace { start -= 1 }
            characters.removeSubrange(start..<cursor)
            cursor = start
        case .control("c"):
            characters = []
            cursor = 0
            historyIndex = nil
        case .up, .control("p"): return showHistory(step: -1)
        case .down, .control("n"): return showHistory(step: 1)
        case .control("z"): return .suspend
        case .control("l"): return .clearScreen
        case .pasteStart:
            pasting = true
            lastWasPastedCarriageReturn = false
        case .pasteEnd, .control: break
        }
        return nil
    }

    private mutating func receivePasted(_ key: TerminalKey) -> Action? {
        let afterCarriageReturn = lastWasPastedCarriageReturn
        lastWasPastedCarriageReturn = false
        switch key {
        case .pasteEnd: pasting = false
        case .text(let scalar): return insert(scalar)
        case .tab: return insert(" ")
        case .enter:
            lastWasPastedCarriageReturn = true
            return .submit(submit())
        case .control("j"):
            // A pasted CR LF is one line break.
            return afterCarriageReturn ? nil : .submit(submit())
        default: break   // Arrows or control characters inside a paste are not keys the patient pressed.
        }
        return nil
    }

    /// Inserts `scalar` at the cursor, unless the line would pass its limit.
    private mutating func insert(_ scalar: Unicode.Scalar) -> Action? {
        var head = String(characters[..<cursor])
        head.unicodeScalars.append(scalar)
        let tail = String(characters[cursor...])
        guard head.utf8.count + tail.utf8.count <= maximumLineLength else { return .bell }
        // A combining mark joins the grapheme before it, so the graphemes are counted afresh.
        let headCount = head.count
        characters = Array(head + tail)
        cursor = min(headCount, characters.count)
        return nil
    }

    /// Ends the line: returns it, adds it to the history and empties the editor.
    private mutating func submit() -> String {
        let line = text
        if !line.allSatisfy(\.isWhitespace) && history.last != line && maximumHistory > 0 {
            history.append(line)
            if history.count > maximumHistory { history.removeFirst() }
        }
        characters = []
        cursor = 0
        historyIndex = nil
        draft = []
        return line
    }

    /// Moves through the history by `step` (-1 older, +1 newer); past the newest, the draft returns.
    private mutating func showHistory(step: Int) -> Action? {
        let current = historyIndex ?? history.count
        let next = current + step
        guard next >= 0, next <= history.count, next != current else { return .bell }
        if historyIndex == nil { draft = characters }
        historyIndex = next == history.count ? nil : next
        characters = next == history.count ? draft : Array(history[next])
        cursor = characters.count
        return nil
    }
}
