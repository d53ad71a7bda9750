/// One key (or paste marker) read from a terminal in raw mode.
public enum TerminalKey: Sendable, Equatable {
    /// A printable character's scalar (a grapheme may arrive as several).
    case text(Unicode.Scalar)
    /// Enter (CR; LF arrives as `.control("j")`).
    case enter
    /// Tab.
    case tab
    /// Backspace (DEL or Ctrl-H).
    case backspace
    /// Delete (ESC [ 3 ~).
    case delete
    /// Left arrow.
    case left
    /// Right arrow.
    case right
    /// Up arrow.
    case up
    /// Down arrow.
    case down
    /// Home (ESC [ H, ESC O H, ESC [ 1 ~, ESC [ 7 ~).
    case home
    /// End (ESC [ F, ESC O F, ESC [ 4 ~, ESC [ 8 ~).
    case end
    /// A control character other than those above: its letter, e.g. "a" for Ctrl-A (0x01).
    case control(Character)
    /// The start of a bracketed paste (ESC [ 200 ~).
    case pasteStart
    /// The end of a bracketed paste (ESC [ 201 ~).
    case pasteEnd
}
