/// How many terminal columns text takes, measured per grapheme (user-perceived character).
///
/// A grapheme made only of zero-width scalars (combining marks, format characters) takes 0 columns;
/// an East Asian wide or fullwidth character, or an emoji shown as a picture, takes 2; anything else
/// 1, whatever marks it carries ("é" written as e + U+0301 is 1, "हि" is 1).
public enum DisplayWidth {
    /// The columns `character` takes.
    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first(where: { !isZeroWidth($0) }) else { return 0 }
        if first.value < 0x7F { return first.value < 0x20 ? 0 : 1 }
        if scalars.count > 1 && first.properties.isEmoji
            && (scalars.contains("\u{FE0F}") || scalars.contains("\u{200D}")
                || scalars.contains(where: { (0x1F3FB...0x1F3FF).contains($0.value) })) {
            return 2   // An emoji shown as a picture: VS16, a ZWJ sequence or a skin tone.
        }
        if first.properties.isEmojiPresentation { return 2 }
        if (0x1F1E6...0x1F1FF).contains(first.value) { return scalars.count > 1 ? 2 : 1 }   // A flag pair.
        return isWide(first) ? 2 : 1
    }

    /// The columns `text` takes.
    public static func of<Text: StringProtocol>(_ text: Text) -> Int {
        text.reduce(0) { $0 + of($1) }
    }

    /// Whether `scalar` takes no column of its own.
    static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return true
        default: return scalar.value == 0x200B || (0xFE00...0xFE0F).contains(scalar.value)
        }
    }

    /// Whether `scalar` is East Asian Wide or Fullwidth (the ranges terminals' wcwidth uses).
    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF,
             0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3,
             0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
