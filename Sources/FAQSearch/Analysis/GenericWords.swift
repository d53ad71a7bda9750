/// Common English words that never name a topic: verbs, adverbs and adjectives any question may use
/// ("exactly", "possible", "later", "quickly", "normal").
///
/// A question word that the knowledge base does not use normally counts against a match, because it
/// is usually the question's real topic ("how long does a *cold* last"). These words are the
/// exception: when the knowledge base does not use them they are simply ignored.
public enum GenericWords {
    /// The words, as the tokenizer produces them.
    public static let all: Set<String> = allWords

    /// Whether `word` is one of them (`all.contains(word)`, looked up by bytes).
    public static func contains(_ word: String) -> Bool { table.contains(word) }

    private static let table = WordTable(allWords, value: true)

    private static let allWords: Set<String> = [
        "able", "absolutely", "actual", "after", "afterwards", "ago", "ahead", "almost", "alone", "along",
        "already", "alright", "always", "another", "anybody", "anymore", "anyway", "anywhere", "around",
        "ask", "asked", "asking", "away", "awful", "back", "bad", "badly", "basically", "become", "becomes",
        "before", "begin", "behind", "believe", "best", "better", "big", "bit", "bother", "bring", "brings",
        "came", "care", "certain", "certainly", "chance", "change", "check", "clear", "clearly", "come",
        "comes", "coming", "common", "completely", "consider", "could", "couple", "currently", "day",
        "days", "decide", "decided", "definitely", "describe", "detail", "details", "different",
        "difference", "difficult", "down", "easy", "easily", "else", "end", "enough", "entire", "especially",
        "even", "eventually", "every", "everyone", "everything", "exact", "exactly", "example", "explain",
        "fact", "fair", "fairly", "far", "fast", "feel", "feeling", "fine", "find", "finally", "first",
        "fix", "follow", "forever", "free", "friend", "friends", "full", "fully", "generally", "give",
        "given", "gives", "glad", "go", "goes", "going", "gone", "good", "great", "guess", "happen",
        "happened", "happens", "happy", "hard", "heard", "hear", "help", "helps", "high", "hit", "hope",
        "hoping", "huge", "idea", "kill", "kills", "killing", "important", "improve", "instead", "interested", "keep", "kinda", "knew",
        "known", "large", "last", "late", "later", "least", "leave", "less", "little", "live", "look",
        "looking", "lose", "lost", "lot", "lots", "low", "made", "main", "mainly", "make", "makes", "making",
        "many", "matter", "mean", "means", "meant", "mention", "mess", "mind", "minute", "moment", "mostly",
        "move", "much", "myself", "near", "nearly", "necessary", "never", "new", "next", "nice", "normal",
        "normally", "nothing", "notice", "number", "often", "old", "option", "options", "ordinary",
        "otherwise", "overall", "part", "particular", "people", "perhaps", "person", "pick", "plan",
        "planning", "play", "point", "possible", "possibly", "pretty", "probably", "problem", "problems",
        "proper", "properly", "put", "quick", "quickly", "quite", "rather", "ready", "real", "reason",
        "recently", "regular", "regularly", "remember", "right", "said", "say", "saying", "says", "see",
        "seem", "seems", "seen", "serious", "seriously", "set", "several", "show", "simple", "simply",
        "since", "small", "soon", "sort", "start", "started", "still", "stop", "stuff", "suppose",
        "supposed", "sure", "take", "taken", "takes", "taking", "talk", "thank", "think", "thinking",
        "though", "thought", "till", "time", "times", "tired", "today", "together", "told", "top", "totally",
        "true", "truly", "try", "trying", "turn", "turned", "type", "understand", "unless", "upon",
        "use", "used", "usual", "usually", "via", "wait", "way", "ways", "week", "weeks", "went", "whatever",
        "whole", "wish", "without", "wont", "work", "works", "worry", "worried", "year",
        "years", "yet", "yeah", "yep", "ok", "okay", "guy", "guys", "anyone", "someone", "somebody",
        "everybody", "lady", "man", "woman", "wife", "husband", "son", "daughter", "mom", "dad",
        "brother", "sister", "boyfriend", "girlfriend", "partner", "kid", "kids", "age", "aged",
    ]
}
