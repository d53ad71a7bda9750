/// Draws the prompt and the line being edited, wrapped over as many rows as it needs, and puts the
/// terminal's cursor on the right column, wide characters included. Pure: returns the bytes to write.
///
/// It remembers the row the cursor was left on (counted from the prompt's row), so the next redraw
/// can go back to the prompt's start, clear to the end of the screen and draw again.
public struct LineRenderer: Sendable {
    /// The prompt drawn before the line.
    public let prompt: String
    /// The terminal's width in columns.
    public var width: Int
    /// The row the cursor was left on, counted from the prompt's first row.
    public private(set) var cursorRow = 0

    /// Creates a renderer for a line that starts at column 0 of the cursor's row.
    public init(prompt: String, width: Int) {
        self.prompt = prompt
        self.width = max(1, width)
    }

    /// A row and column on the screen, relative to the prompt's first row.
    public struct Position: Sendable, Equatable {
        /// The row, from 0.
        public var row: Int
        /// The column, from 0.
        public var column: Int

        /// Creates a position.
        public init(row: Int, column: Int) {
            self.row = row
            self.column = column
        }
    }

    /// Where each grapheme of `characters` starts after the prompt, and where the next would go.
    /// A wide character that does not fit in the row's last column goes to the next row, as
    /// terminals do.
    public func layout(_ characters: [Character]) -> (starts: [Position], end: Position) {
        var position = Position(row: 0, column: 0)
        func place(_ columns: Int) -> Position {
            if columns > 0 && position.column + columns > width {
                position = Position(row: position.row + 1, column: 0)
            }
            let start = position
            position.column += columns
            return start
        }
        for character in prompt { _ = place(DisplayWidth.of(character)) }
        let starts = characters.map { place(DisplayWidth.of($0)) }
        return (starts, position)
    }

    /// The bytes that redraw `characters` with the cursor before the grapheme at `cursor`.
    public mutating func redraw(_ characters: [Character], cursor: Int) -> String {
        var out = cursorRow > 0 ? "\u{1B}[\(cursorRow)A" : ""
        out += "\r\u{1B}[J" + prompt + String(characters)
        let (starts, end) = layout(characters)
        var endRow = end.row
        if end.column >= width {
            // The last row is full: the terminal holds the cursor there until the next character,
            // so move to the next row explicitly.
            out += "\r\n"
            endRow += 1
        }
        let target: Position
        if cursor < starts.count {
            target = starts[cursor]
        } else {
            target = end.column >= width ? Position(row: end.row + 1, column: 0) : end
        }
        if endRow > target.row { out += "\u{1B}[\(endRow - target.row)A" }
        out += "\r"
        if target.column > 0 { out += "\u{1B}[\(target.column)C" }
        cursorRow = target.row
        return out
    }

    /// The bytes that move the cursor below the line (after the last row), before output or a new
    /// line; the next redraw starts at the cursor's new row.
    public mutating func finish(_ characters: [Character]) -> String {
        let (_, end) = layout(characters)
        let lastRow = end.column >= width ? end.row + 1 : end.row
        var out = lastRow > cursorRow ? "\u{1B}[\(lastRow - cursorRow)B" : ""
        // A full last row already left the cursor at the start of the next one.
        out += end.column >= width ? "\r" : "\r\n"
        cursorRow = 0
        return out
    }

    /// Forgets the cursor's row: the next redraw starts on the cursor's row (after a screen clear).
    public mutating func reset() {
        cursorRow = 0
    }
}
