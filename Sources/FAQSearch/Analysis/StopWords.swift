/// English function words that carry no meaning for retrieval ("the", "does", "my").
///
/// Words that change what a patient asks are deliberately kept: "long" ("how long does it last"),
/// "much" and "many" ("how much", "how many sessions"), "not", "after", "before", "without".
public struct StopWords: Sendable {
    /// The default English list.
    public static let english = StopWords(words: [
        "a", "about", "above", "actually", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at",
        "be", "because", "been", "being", "both", "but", "by", "can", "could", "did", "do", "does",
        "doing", "done", "dont", "doesnt", "during", "each", "either", "else", "ever", "few", "for", "from",
        "further", "get", "gets", "getting", "got", "had", "has", "have", "having", "he", "her", "here",
        "hers", "herself", "him", "himself", "his", "how", "i", "id", "if", "im", "in", "into", "is",
        "isnt", "it", "its", "itself", "ive", "just", "kind", "know", "let", "lets", "like", "may",
        "maybe", "me", "might", "mine", "more", "most", "must", "my", "myself", "need", "needs", "now",
        "of", "off", "ok", "okay", "on", "once", "one", "only", "or", "other", "our", "ours", "ourselves",
        "out", "own", "please", "pls", "plz", "really", "same", "shall", "she", "should", "so", "some",
        "such", "tell", "than", "that", "thats", "the", "their", "theirs", "them", "themselves", "then",
        "there", "these", "they", "thing", "things", "this", "those", "through", "to", "too", "u", "until",
        "up", "ur", "us", "very", "want", "wanna", "was", "we", "well", "were", "what", "whats", "when",
        "where", "whether", "which", "while", "who", "whom", "why", "will", "with", "would", "yes", "you",
        "youre", "your", "yours", "yourself", "yourselves", "hi", "hello", "hey", "thanks", "thank",
        "anyone", "someone", "something", "anything", "guys", "sir", "madam", "doc", "wondering",
        "question", "wonder", "curious", "quick",
        // Chat spellings of the same function words.
        "wat", "wats", "wht", "hw", "abt", "bcoz", "coz", "cuz", "cud", "shud", "wud", "gonna", "gotta",
        "dis", "dat", "da", "n", "r", "b", "cn", "ya", "im", "ive", "cant", "wont", "even",
        "wen", "wer", "wt", "y", "hv", "hav", "d", "pl", "plss", "plzz", "kindly", "kinda", "dear", "bro", "mam",
        "maam", "ji", "yaar", "btw", "tbh", "idk", "lemme", "gimme", "approx", "approximately", "roughly",
        "basically", "literally", "honestly", "frankly", "simply", "ok", "okk", "hii", "helo", "hlo", "thx",
        "thnx", "tnx", "ty", "lol", "haha", "hahaha", "lmao", "hehe",
        // Hindi function words and filler, as patients type them in Latin letters ("kitna time lagta hai").
        "hai", "hain", "ho", "hota", "hoti", "hote", "hoga", "hogi", "hoge", "ka", "ki", "ke", "ko", "se", "mein",
        "kya", "kaise", "kab", "kitna", "kitni", "kitne", "kar", "karna", "karne", "karte", "karta", "karu", "karun",
        "karwana", "sakte", "sakta", "sakti", "lagta", "lagti", "lagega", "lagegi", "lagenge", "lagengi", "rahega", "rahegi", "rahenge", "batao", "bataye",
        "bataiye", "bhai", "bhaiya", "ye", "yeh", "wo", "woh", "isme", "isse", "iska", "iske", "mujhe", "mera",
        "meri", "mere", "aap", "aapka", "aapke", "kuch", "bhi", "toh", "aur", "par", "pe", "tak", "wala", "wali",
        "jata", "jati", "jayega", "jayegi", "raha", "rahi", "rahe", "padega", "padegi", "chahiye", "hu", "hoon",
        "tha", "thi", "baad", "ek",
        // Tamil ones ("evlo aagum", "vali irukuma").
        "aagum", "agum", "irukuma", "irukka", "iruka", "venum", "vendum", "enna", "ethana", "pannina",
        "pannanum", "panna", "la", "ku", "kku", "dhan", "ah", "aa", "nu", "sollunga", "sollu",
        // Telugu, Kannada and Malayalam ones ("entha avthundi andi", "eshtu session beku", "ethra divasam").
        "entha", "enta", "avthundi", "avutundi", "andi", "eshtu", "estu", "beku", "irutte", "ethra", "ente",
        "edukkum", "aakan", "pattumo", "kooda", "tho", "untunda", "untundi", "maadsidre", "madsidre", "agutta",
        "aagutta", "agatte",
        // Bengali, Gujarati and Punjabi ones ("smp korle ki byatha lage", "dukhavo thay", "naal dard hunda").
        "korle", "lage", "hobe", "karavva", "thay", "chhe", "che", "naal", "hunda", "hundi",
    ])

    /// The words, folded to lower case without apostrophes, as the tokenizer produces them.
    public let words: Set<String>

    /// Creates a list from `words`.
    public init(words: Set<String>) {
        self.words = words
        table = WordTable(words, value: true)
    }

    /// `words`, looked up by bytes.
    private let table: WordTable<Bool>

    /// Whether `token` is a stop word.
    public func contains(_ token: String) -> Bool { table.contains(token) }
}
