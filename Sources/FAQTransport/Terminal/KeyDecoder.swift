/// Turns a terminal's raw input bytes into keys: UTF-8 text, control characters and escape sequences.
///
/// Pure and fed byte by byte. A sequence it does not know (function keys, Alt-letter, mouse reports)
/// is consumed whole and yields nothing, so it never reaches the line as text; so is invalid UTF-8.
public struct KeyDecoder: Sendable {
    private enum State: Sendable {
        case ground
        /// After ESC.
        case escape
        /// After ESC [: parameter and intermediate bytes so far.
        case controlSequence([UInt8])
        /// After ESC O.
        case singleShift
        /// Inside a UTF-8 sequence: the scalar so far and the continuation bytes still expected.
        case utf8(UInt32, Int)
    }

    /// The longest control sequence kept; a longer one is still consumed, then ignored.
    static let maximumSequenceLength = 16

    private var state = State.ground

    /// Creates a decoder.
    public init() {}

    /// Whether the decoder is in the middle of a sequence (a lone ESC included).
    public var isInsideSequence: Bool {
        if case .ground = state { return false }
        return true
    }

    /// Whether the last byte was a lone ESC: the Esc key itself, if nothing follows it soon.
    public var isAfterEscape: Bool {
        if case .escape = state { return true }
        return false
    }

    /// Ends a lone ESC that nothing followed in time (the Esc key was pressed): the next byte is a key
    /// of its own, not the second byte of a sequence (it used to swallow the next key typed).
    public mutating func endLoneEscape() {
        if case .escape = state { state = .ground }
    }

    /// Feeds one byte; returns the key it completes, if any.
    public mutating func feed(_ byte: UInt8) -> TerminalKey? {
        switch state {
        case .ground:
            return ground(byte)
        case .escape:
            switch byte {
            case UInt8(ascii: "["): state = .controlSequence([])
            case UInt8(ascii: "O"): state = .singleShift
            case 0x1B: state = .escape
            default: state = .ground   // Alt-key or an unknown two-byte sequence: ignored.
            }
            return nil
        case .singleShift:
            state = .ground
            return Self.cursorKey(byte)
        case .controlSequence(var bytes):
            switch byte {
            case 0x20...0x3F:
                if bytes.count < Self.maximumSequenceLength { bytes.append(byte) }
                state = .controlSequence(bytes)
                return nil
            case 0x40...0x7E:
                state = .ground
                return bytes.count < Self.maximumSequenceLength ? Self.controlSequence(bytes, final: byte) : nil
            case 0x1B:
                state = .escape   // A broken sequence, then a new one.
                return nil
            default:
                state = .ground   // Not part of any sequence: the sequence is dropped.
                return nil
            }
        case .utf8(let scalar, let remaining):
            guard byte & 0xC0 == 0x80 else {
                state = .ground
                return ground(byte)   // The broken sequence is dropped; this byte starts afresh.
            }
            let value = scalar << 6 | UInt32(byte & 0x3F)
            if remaining > 1 {
                state = .utf8(value, remaining - 1)
                return nil
            }
            state = .ground
            guard let decoded = Unicode.Scalar(value), value >= 0xA0 else { return nil }
            return .text(decoded)
        }
    }

    private mutating func ground(_ byte: UInt8) -> TerminalKey? {
        switch byte {
        case 0x1B: state = .escape; return nil
        case 0x0D: return .enter
        case 0x09: return .tab
        case 0x7F, 0x08: return .backspace
        case 0x00...0x1F: return .control(Character(Unicode.Scalar(byte + 0x60)))
        case 0x20...0x7E: return .text(Unicode.Scalar(byte))
        case 0xC2...0xDF: state = .utf8(UInt32(byte & 0x1F), 1); return nil
        case 0xE0...0xEF: state = .utf8(UInt32(byte & 0x0F), 2); return nil
        case 0xF0...0xF4: state = .utf8(UInt32(byte & 0x07), 3); return nil
        default: return nil   // A stray continuation byte or an invalid lead byte.
        }
    }

    /// The key of ESC [ `parameters` `final`, or nil for one not known here.
    private static func controlSequence(_ parameters: [UInt8], final: UInt8) -> TerminalKey? {
        // Modifiers (ESC [ 1 ; 5 D is Ctrl-Left) are ignored: the key is what counts.
        let first = parameters.split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: false).first ?? []
        guard first.allSatisfy({ (0x30...0x39).contains($0) }), parameters.allSatisfy({ (0x30...0x3B).contains($0) }) else {
            return nil   // Private sequences (ESC [ ? ..., ESC [ < ... mouse reports).
        }
        let number = first.isEmpty ? nil : Int(String(decoding: first, as: UTF8.self))
        if let key = Self.cursorKey(final) { return key }
        switch final {
        case UInt8(ascii: "~"):
            switch number {
            case 1, 7: return .home
            case 4, 8: return .end
            case 3: return .delete
            case 200: return .pasteStart
            case 201: return .pasteEnd
            default: return nil
            }
        default: return nil
        }
    }

    /// The key of a cursor sequence's final byte (ESC [ A or ESC O A is Up), or nil.
    private static func cursorKey(_ final: UInt8) -> TerminalKey? {
        switch final {
        case UInt8(ascii: "A"): return .up
        case UInt8(ascii: "B"): return .down
        case UInt8(ascii: "C"): return .right
        case UInt8(ascii: "D"): return .left
        case UInt8(ascii: "H"): return .home
        case UInt8(ascii: "F"): return .end
        default: return nil
        }
    }
}
