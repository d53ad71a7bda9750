import Foundation

/// Splits text into lower-case, diacritic-free word tokens.
///
/// Letters and digits form words. Inside a word an apostrophe is dropped ("don't" becomes "dont",
/// "patient's" becomes "patients"); a hyphen between letters splits the word into its parts
/// ("hair-loss" gives "hair", "loss"); a dot or hyphen between digits is kept, so decimals and ranges
/// stay one token ("0.3", "4-6"), and a range also yields its two ends ("4", "6"). Everything else
/// separates words. Case and diacritics are folded ("Café" becomes "cafe").
public struct Tokenizer: Sendable {
    /// Words longer than this are cut: nobody types a 64-letter word, and it bounds the work per token.
    public static let maximumTokenLength = 64

    /// Creates a tokenizer.
    public init() {}

    /// Returns the tokens of `text`, in order.
    public func tokens(in text: String) -> [String] {
        var tokens: [String] = []
        var current: [UInt8] = []
        current.reserveCapacity(32)
        var pendingJoiner: UInt8? = nil   // '.' or '-' seen right after a digit

        func flush() {
            Self.squeezeRepeatedLetters(&current)
            if !current.isEmpty {
                tokens.append(String(decoding: current.prefix(Self.maximumTokenLength), as: UTF8.self))
                if let dash = current.firstIndex(of: UInt8(ascii: "-")) {
                    // A numeric range also yields its ends: "4-6" -> "4", "6".
                    tokens.append(String(decoding: current[..<dash], as: UTF8.self))
                    tokens.append(String(decoding: current[(dash + 1)...], as: UTF8.self))
                }
                current.removeAll(keepingCapacity: true)
            }
            pendingJoiner = nil
        }

        var scalars = text.unicodeScalars.makeIterator()
        var next = scalars.next()
        while let scalar = next {
            next = scalars.next()
            let start = current.count
            // `appendFolded`'s ASCII case inline: most scalars of most lines.
            let isWordScalar: Bool
            if scalar.value < 128 {
                let byte = UInt8(truncatingIfNeeded: scalar.value)
                if byte >= 65 && byte <= 90 {
                    current.append(byte + 32)
                    isWordScalar = true
                } else if (byte >= 97 && byte <= 122) || Self.isDigit(byte) {
                    current.append(byte)
                    isWordScalar = true
                } else {
                    isWordScalar = false
                }
            } else {
                isWordScalar = Self.appendFolded(scalar, to: &current)
                if !isWordScalar, let word = Self.emojiWords[scalar.value] {
                    flush()
                    tokens.append(word)
                    continue
                }
            }
            if isWordScalar {
                if let joiner = pendingJoiner {
                    // Only digit.digit and digit-digit stay joined ("0.3", "4-6").
                    if Self.isDigit(current[start]) {
                        current.insert(joiner, at: start)
                        pendingJoiner = nil
                    } else {
                        let letters = Array(current[start...])
                        current.removeSubrange(start...)
                        flush()
                        current.append(contentsOf: letters)
                    }
                }
                continue
            }
            if scalar.value >= 0x300 && scalar.properties.generalCategory == .nonspacingMark {
                continue   // a decomposed accent: "e" + U+0301 reads as "é", folded to "e", inside the word
            }
            switch scalar {
            case "'", "\u{2019}", "\u{2018}":
                // An apostrophe between letters disappears ("don't"); anywhere else it separates.
                let nextIsLetter = next.map(Self.isWordScalar) ?? false
                if current.isEmpty || pendingJoiner != nil || !nextIsLetter { flush() }
            case ".", "-", "\u{2013}", "\u{2010}", "\u{2011}":
                let joiner = scalar == "." ? UInt8(ascii: ".") : UInt8(ascii: "-")
                if pendingJoiner == nil, let last = current.last, Self.isDigit(last), !current.contains(joiner) {
                    pendingJoiner = joiner
                } else {
                    flush()
                }
            default:
                flush()
            }
        }
        flush()
        return tokens
    }

    /// Emoji read as the word they stand for: a patient may say with them what matters most
    /// ("🔪🩸 me tonight", "🤒 since the session"). Only pictures of one plain meaning; faces whose
    /// meaning depends on the chat ("💀" is often laughter) are left out.
    static let emojiWords: [UInt32: String] = [
        0x1F52A: "knife", 0x1F5E1: "knife", 0x1FA78: "blood", 0x1F48A: "pills", 0x1F489: "needle",
        0x1FAA2: "rope", 0x26B0: "coffin", 0x1FAA6: "grave", 0x1F52B: "gun", 0x1F912: "fever",
        0x1F915: "hurt", 0x1F92E: "vomit", 0x1F922: "nauseous", 0x1F635: "dizzy", 0x1F975: "hot",
        0x1F976: "cold", 0x1F691: "ambulance", 0x1F3E5: "hospital", 0x1F4C5: "appointment", 0x1F4C6: "appointment",
        0x1F5D3: "appointment", 0x2695: "doctor", 0x1FA7A: "doctor",
    ]

    /// Letters typed three times or more in a row count once: "hiii" is "hi", "pleaseee" is
    /// "please" (no English word has a letter three times in a row; digits are left alone).
    static func squeezeRepeatedLetters(_ word: inout [UInt8]) {
        guard word.count >= 3 else { return }
        var hasRun = false
        for index in 2..<word.count where word[index] == word[index - 1] && word[index] == word[index - 2]
            && word[index] >= 97 && word[index] <= 122 {
            hasRun = true
            break
        }
        guard hasRun else { return }
        var squeezed: [UInt8] = []
        squeezed.reserveCapacity(word.count)
        var index = 0
        while index < word.count {
            var end = index + 1
            while end < word.count && word[end] == word[index] { end += 1 }
            let isLetter = word[index] >= 97 && word[index] <= 122
            squeezed.append(contentsOf: repeatElement(word[index], count: isLetter && end - index >= 3 ? 1 : end - index))
            index = end
        }
        word = squeezed
    }

    /// Whether `scalar` is part of a word (a letter or a digit).
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        var scratch: [UInt8] = []
        return appendFolded(scalar, to: &scratch)
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }

    /// Appends `scalar` folded to lower case without diacritics (UTF-8) and returns true, or returns
    /// false for a separator. Letters with no ASCII form are kept as they are, lower-cased.
    static func appendFolded(_ scalar: Unicode.Scalar, to bytes: inout [UInt8]) -> Bool {
        let value = scalar.value
        if value < 128 {
            let byte = UInt8(value)
            if byte >= 65 && byte <= 90 { bytes.append(byte + 32); return true }
            if (byte >= 97 && byte <= 122) || isDigit(byte) { bytes.append(byte); return true }
            return false
        }
        let properties = scalar.properties
        // Combining marks (a decomposed accent) belong to the previous letter: not a letter of their
        // own (`tokens(in:)` skips them without ending the word).
        guard properties.isAlphabetic || properties.numericType != nil,
              properties.generalCategory != .nonspacingMark else { return false }
        if scalar == "ß" { bytes.append(contentsOf: [115, 115]); return true }
        let before = bytes.count
        let decomposed = String(scalar).decomposedStringWithCanonicalMapping.lowercased()
        for part in decomposed.unicodeScalars where !part.properties.isDiacritic
            && part.properties.generalCategory != .nonspacingMark {
            bytes.append(contentsOf: String(part).utf8)
        }
        return bytes.count > before
    }
}
