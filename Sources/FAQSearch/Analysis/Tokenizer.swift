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
        var pendingJoiner: UInt8? = nil   // '.' or '-' seen right after a digit
        let scalars = Array(text.unicodeScalars)

        func flush() {
            if !current.isEmpty {
                let word = String(decoding: current.prefix(Self.maximumTokenLength), as: UTF8.self)
                tokens.append(word)
                if let dash = current.firstIndex(of: UInt8(ascii: "-")) {
                    // A numeric range also yields its ends: "4-6" -> "4", "6".
                    tokens.append(String(decoding: current[..<dash], as: UTF8.self))
                    tokens.append(String(decoding: current[(dash + 1)...], as: UTF8.self))
                }
                current.removeAll(keepingCapacity: true)
            }
            pendingJoiner = nil
        }

        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            let folded = Self.fold(scalar)
            if !folded.isEmpty {
                if let joiner = pendingJoiner {
                    // Only digit.digit and digit-digit stay joined ("0.3", "4-6").
                    if Self.isDigit(folded[0]) {
                        current.append(joiner)
                        pendingJoiner = nil
                    } else {
                        flush()
                    }
                }
                current.append(contentsOf: folded)
                continue
            }
            switch scalar {
            case "'", "\u{2019}", "\u{2018}":
                // An apostrophe between letters disappears ("don't"); anywhere else it separates.
                let nextIsLetter = index < scalars.count && !Self.fold(scalars[index]).isEmpty
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

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }

    /// Folds one scalar to lower-case ASCII letters or digits, or returns nothing for a separator.
    /// Letters outside ASCII lose their diacritics; letters with no ASCII form are kept as UTF-8.
    static func fold(_ scalar: Unicode.Scalar) -> [UInt8] {
        let value = scalar.value
        if value < 128 {
            let byte = UInt8(value)
            if byte >= 65 && byte <= 90 { return [byte + 32] }
            if (byte >= 97 && byte <= 122) || isDigit(byte) { return [byte] }
            return []
        }
        let properties = scalar.properties
        guard properties.isAlphabetic || properties.numericType != nil else {
            // Combining marks (a decomposed accent) belong to the previous letter and vanish.
            return []
        }
        if properties.generalCategory == .nonspacingMark { return [] }
        let decomposed = String(scalar).decomposedStringWithCanonicalMapping.lowercased()
        var bytes: [UInt8] = []
        for part in decomposed.unicodeScalars where !part.properties.isDiacritic
            && part.properties.generalCategory != .nonspacingMark {
            bytes.append(contentsOf: Array(String(part).utf8))
        }
        if scalar == "ß" { return Array("ss".utf8) }
        return bytes
    }
}
