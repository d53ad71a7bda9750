import FAQSearch
import XCTest

final class PorterStemmerTests: XCTestCase {
    let stemmer = PorterStemmer()

    /// Pairs from Porter's 1980 paper, step by step.
    func testExamplesFromThePaper() {
        let pairs = [
            "caresses": "caress", "ponies": "poni", "ties": "ti", "caress": "caress", "cats": "cat",
            "feed": "feed", "agreed": "agre", "plastered": "plaster", "bled": "bled", "motoring": "motor",
            "sing": "sing", "conflated": "conflat", "troubled": "troubl", "sized": "size", "hopping": "hop",
            "tanned": "tan", "falling": "fall", "hissing": "hiss", "fizzed": "fizz", "failing": "fail",
            "filing": "file", "happy": "happi", "sky": "sky", "relational": "relat", "conditional": "condit",
            "rational": "ration", "valenci": "valenc", "digitizer": "digit", "conformabli": "conform",
            "radicalli": "radic", "differentli": "differ", "vileli": "vile", "analogousli": "analog",
            "vietnamization": "vietnam", "predication": "predic", "operator": "oper", "feudalism": "feudal",
            "decisiveness": "decis", "hopefulness": "hope", "callousness": "callous", "formaliti": "formal",
            "sensitiviti": "sensit", "sensibiliti": "sensibl", "triplicate": "triplic", "formative": "form",
            "formalize": "formal", "electriciti": "electr", "electrical": "electr", "hopeful": "hope",
            "goodness": "good", "revival": "reviv", "allowance": "allow", "inference": "infer", "airliner": "airlin",
            "adjustable": "adjust", "defensible": "defens", "irritant": "irrit", "replacement": "replac",
            "adjustment": "adjust", "dependent": "depend", "adoption": "adopt", "communism": "commun",
            "activate": "activ", "angulariti": "angular", "homologous": "homolog", "effective": "effect",
            "bowdlerize": "bowdler", "probate": "probat", "rate": "rate", "cease": "ceas", "controll": "control",
            "roll": "roll",
        ]
        for (word, stem) in pairs {
            XCTAssertEqual(stemmer.stem(word), stem, word)
        }
    }

    func testInflectionsOfClinicWordsShareAStem() {
        XCTAssertEqual(stemmer.stem("sessions"), stemmer.stem("session"))
        XCTAssertEqual(stemmer.stem("healing"), stemmer.stem("heal"))
        XCTAssertEqual(stemmer.stem("pigments"), stemmer.stem("pigment"))
        XCTAssertEqual(stemmer.stem("removed"), stemmer.stem("removal"))
    }

    func testShortAndNonLetterWordsAreUnchanged() {
        XCTAssertEqual(stemmer.stem("is"), "is")
        XCTAssertEqual(stemmer.stem("4-6"), "4-6")
        XCTAssertEqual(stemmer.stem("мир"), "мир")
    }
}
