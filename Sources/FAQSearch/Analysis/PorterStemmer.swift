/// The Porter (1980) suffix-stripping stemmer for English, written for ASCII lower-case words.
///
/// "sessions" and "session" both become "session", "healing" and "heals" become "heal". Words of two
/// letters or fewer, and words with anything other than a-z, are returned unchanged.
public struct PorterStemmer: Sendable {
    /// Creates a stemmer.
    public init() {}

    /// Returns the stem of `word`.
    public func stem(_ word: String) -> String {
        var utf8 = Array(word.utf8)
        guard utf8.count > 2, utf8.allSatisfy({ $0 >= 97 && $0 <= 122 }) else { return word }
        var stemmer = Run(word: utf8)
        stemmer.step1a()
        stemmer.step1b()
        stemmer.step1c()
        stemmer.step2()
        stemmer.step3()
        stemmer.step4()
        stemmer.step5()
        utf8 = stemmer.word
        return String(decoding: utf8, as: UTF8.self)
    }

    /// One word being stemmed.
    private struct Run {
        var word: [UInt8]

        func isConsonant(_ i: Int) -> Bool {
            switch word[i] {
            case 97, 101, 105, 111, 117: return false      // a e i o u
            case 121: return i == 0 ? true : !isConsonant(i - 1)  // y
            default: return true
            }
        }

        /// The number of vowel-consonant sequences in word[0..<length].
        func measure(_ length: Int) -> Int {
            var m = 0
            var i = 0
            while i < length && isConsonant(i) { i += 1 }
            while i < length {
                while i < length && !isConsonant(i) { i += 1 }
                if i >= length { break }
                while i < length && isConsonant(i) { i += 1 }
                m += 1
            }
            return m
        }

        func hasVowel(_ length: Int) -> Bool {
            (0..<length).contains { !isConsonant($0) }
        }

        func endsWithDoubleConsonant(_ length: Int) -> Bool {
            length >= 2 && word[length - 1] == word[length - 2] && isConsonant(length - 1)
        }

        /// consonant-vowel-consonant at the end of word[0..<length], the last not w, x or y.
        func endsCVC(_ length: Int) -> Bool {
            guard length >= 3, isConsonant(length - 1), !isConsonant(length - 2), isConsonant(length - 3)
            else { return false }
            let last = word[length - 1]
            return last != 119 && last != 120 && last != 121
        }

        /// Whether the word ends with `suffix` and has at least one letter before it.
        func ends(_ suffix: StaticString) -> Bool {
            let length = suffix.utf8CodeUnitCount
            guard word.count > length else { return false }
            let start = word.count - length
            let bytes = suffix.utf8Start
            for offset in 0..<length where word[start + offset] != bytes[offset] { return false }
            return true
        }

        mutating func replace(_ suffixLength: Int, with replacement: StaticString) {
            word.removeLast(suffixLength)
            let bytes = replacement.utf8Start
            for offset in 0..<replacement.utf8CodeUnitCount { word.append(bytes[offset]) }
        }

        /// Tries the rules in order; the first suffix that matches decides, whether or not its
        /// condition on the remaining stem's measure holds.
        mutating func applyFirst(_ rules: [(StaticString, StaticString)], minimumMeasure: Int) {
            for (suffix, replacement) in rules where ends(suffix) {
                let stemLength = word.count - suffix.utf8CodeUnitCount
                if measure(stemLength) > minimumMeasure - 1 { replace(suffix.utf8CodeUnitCount, with: replacement) }
                return
            }
        }

        mutating func step1a() {
            if ends("sses") { replace(2, with: "") }
            else if ends("ies") { replace(3, with: "i") }
            else if ends("ss") { return }
            else if ends("s") { replace(1, with: "") }
        }

        mutating func step1b() {
            if ends("eed") {
                if measure(word.count - 3) > 0 { replace(1, with: "") }
                return
            }
            var stripped = false
            for suffix: StaticString in ["ed", "ing"] where ends(suffix) {
                let stemLength = word.count - suffix.utf8CodeUnitCount
                if hasVowel(stemLength) {
                    word.removeLast(suffix.utf8CodeUnitCount)
                    stripped = true
                }
                break
            }
            guard stripped else { return }
            if ends("at") || ends("bl") || ends("iz") {
                word.append(101)  // e
            } else if endsWithDoubleConsonant(word.count) {
                let last = word[word.count - 1]
                if last != 108 && last != 115 && last != 122 { word.removeLast() }  // not l s z
            } else if measure(word.count) == 1 && endsCVC(word.count) {
                word.append(101)
            }
        }

        mutating func step1c() {
            if ends("y") && hasVowel(word.count - 1) { word[word.count - 1] = 105 }  // i
        }

        mutating func step2() { applyFirst(Self.step2Rules, minimumMeasure: 1) }

        static let step2Rules: [(StaticString, StaticString)] = [
            ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"),
            ("bli", "ble"), ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"),
            ("ization", "ize"), ("ation", "ate"), ("ator", "ate"), ("alism", "al"), ("iveness", "ive"),
            ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"), ("iviti", "ive"), ("biliti", "ble"),
            ("logi", "log"),
        ]

        mutating func step3() { applyFirst(Self.step3Rules, minimumMeasure: 1) }

        static let step3Rules: [(StaticString, StaticString)] = [
            ("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"),
            ("ful", ""), ("ness", ""),
        ]

        mutating func step4() {
            for suffix in Self.step4Suffixes where ends(suffix) {
                // The list puts "ement" before "ment" before "ent", so the longest one decides.
                let stemLength = word.count - suffix.utf8CodeUnitCount
                guard measure(stemLength) > 1 else { return }
                if ends("ion") {  // the matched suffix is "ion": no earlier one ends that way
                    let before = word[stemLength - 1]
                    guard before == 115 || before == 116 else { return }  // s or t
                }
                word.removeLast(suffix.utf8CodeUnitCount)
                return
            }
        }

        static let step4Suffixes: [StaticString] = [
            "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent",
            "ion", "ou", "ism", "ate", "iti", "ous", "ive", "ize",
        ]

        mutating func step5() {
            if ends("e") {
                let m = measure(word.count - 1)
                if m > 1 || (m == 1 && !endsCVC(word.count - 1)) { word.removeLast() }
            }
            if measure(word.count) > 1 && endsWithDoubleConsonant(word.count) && word.last == 108 {
                word.removeLast()
            }
        }
    }
}
