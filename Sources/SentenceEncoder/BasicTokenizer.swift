import Foundation

/// BERT's basic tokenizer for an uncased model, as the reference (Hugging Face `tokenizers`'
/// BertNormalizer and BertPreTokenizer) does it, in this order:
/// 1. clean: drop NUL, U+FFFD and control/format characters (general category C*, except tab, line
///    feed and carriage return), turn every white space into a space;
/// 2. put spaces around CJK ideographs, so each is a word;
/// 3. strip accents: canonical decomposition (NFD), then drop non-spacing marks (Mn);
/// 4. lower-case each character (full Unicode mapping, one character at a time);
/// 5. split at white space, and make each punctuation character (ASCII punctuation or general
///    category P*) a word of its own.
struct BasicTokenizer {
    /// The words of `text`, each as its Unicode scalars.
    func words(in text: String) -> [[Unicode.Scalar]] {
        var cleaned = String.UnicodeScalarView()
        var isASCII = true
        for scalar in text.unicodeScalars {
            if scalar.value == 0 || scalar.value == 0xFFFD || BasicTokenizer.isControl(scalar) { continue }
            if BasicTokenizer.isWhitespace(scalar) {
                cleaned.append(" ")
            } else if BasicTokenizer.isCJKIdeograph(scalar) {
                cleaned.append(" ")
                cleaned.append(scalar)
                cleaned.append(" ")
                isASCII = false
            } else {
                cleaned.append(scalar)
                if !scalar.isASCII { isASCII = false }
            }
        }
        let decomposed = isASCII ? cleaned : String(cleaned).decomposedStringWithCanonicalMapping.unicodeScalars
        var words: [[Unicode.Scalar]] = []
        var word: [Unicode.Scalar] = []
        func endWord() {
            if !word.isEmpty { words.append(word); word.removeAll(keepingCapacity: true) }
        }
        func add(_ scalar: Unicode.Scalar) {
            if BasicTokenizer.isWhitespace(scalar) {
                endWord()
            } else if BasicTokenizer.isPunctuation(scalar) {
                endWord()
                words.append([scalar])
            } else {
                word.append(scalar)
            }
        }
        for scalar in decomposed {
            if scalar.isASCII {
                add(scalar.value >= 65 && scalar.value <= 90 ? Unicode.Scalar(UInt8(scalar.value + 32)) : scalar)
            } else if scalar.properties.generalCategory != .nonspacingMark {
                for lower in scalar.properties.lowercaseMapping.unicodeScalars { add(lower) }
            }
        }
        endWord()
        return words
    }

    /// White space as Unicode defines it (property White_Space), tab, line feed and carriage return.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar == " " || (9...13).contains(scalar.value) }
        return scalar.properties.isWhitespace
    }

    /// Control, format, unassigned, private-use and surrogate characters, except tab, line feed and
    /// carriage return.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            return (scalar.value < 32 || scalar.value == 127) && scalar != "\t" && scalar != "\n" && scalar != "\r"
        }
        switch scalar.properties.generalCategory {
        case .control, .format, .unassigned, .privateUse, .surrogate: return true
        default: return false
        }
    }

    /// ASCII punctuation (which includes symbols such as `$`, `+` and `|`) and general category P*.
    static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if scalar.isASCII {
            return (33...47).contains(value) || (58...64).contains(value) || (91...96).contains(value)
                || (123...126).contains(value)
        }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }

    /// The CJK Unified Ideographs blocks and their extensions and compatibility blocks (not Hangul,
    /// Hiragana or Katakana, which are split like any other script).
    static func isCJKIdeograph(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2B73F, 0x2B740...0x2B81F,
             0x2B820...0x2CEAF, 0xF900...0xFAFF, 0x2F800...0x2FA1F:
            return true
        default:
            return false
        }
    }
}
