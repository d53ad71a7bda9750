import FAQDialogue
import XCTest

final class PersonalDataMaskTests: XCTestCase {
    let mask = PersonalDataMask(knownWords: ["painful", "healing", "hair"])

    func testMasksNamesAfterAnIntroduction() {
        XCTAssertEqual(mask.masked("my name is Rahul Sharma and I want SMP"), "my name is [name] [name] and I want SMP")
        XCTAssertEqual(mask.masked("Hi, I am Priya. How much is it?"), "Hi, I am [name]. How much is it?")
        XCTAssertEqual(mask.masked("i'm anil, does it hurt"), "i'm [name], does it hurt")
        XCTAssertEqual(mask.masked("this is Meena from Pune"), "this is [name] from Pune")
        XCTAssertEqual(mask.masked("mera naam suresh hai"), "mera naam [name] hai")
        XCTAssertEqual(mask.masked("name: Kiran"), "name: [name]")
        XCTAssertEqual(mask.masked("you can call me Vik"), "you can call me [name]")
        XCTAssertEqual(mask.masked("my name is Dr. Anil Kumar."), "my name is [name]. [name] [name].")
    }

    func testKeepsOrdinaryWordsAfterIAm() {
        XCTAssertEqual(mask.masked("i am worried about the healing"), "i am worried about the healing")
        XCTAssertEqual(mask.masked("I am 34 and balding"), "I am 34 and balding")
        XCTAssertEqual(mask.masked("this is painful?"), "this is painful?")
        XCTAssertEqual(mask.masked("I am interested in SMP"), "I am interested in SMP")
    }

    func testMasksPhoneNumbersInIndianAndOtherForms() {
        for number in ["+91 98765 43210", "+91-98765-43210", "+919876543210", "9876543210", "98765 43210", "098765 43210",
                       "022-2345 6789", "(022) 23456789", "+44 20 7946 0958", "919876543210"] {
            XCTAssertEqual(mask.masked("call me back on \(number) please"), "call me back on [phone] please", number)
        }
        XCTAssertEqual(mask.masked("ph:9876543210."), "ph:[phone].")
    }

    func testMasksEmailAddresses() {
        XCTAssertEqual(mask.masked("mail rahul.s+smp@example.co.in today"), "mail [email] today")
        XCTAssertEqual(mask.masked("<A_b@x-y.com>"), "<[email]>")
    }

    func testMasksDatesOfBirth() {
        XCTAssertEqual(mask.masked("born 12/05/1990"), "born [date]")
        XCTAssertEqual(mask.masked("dob 1990-05-12 ok"), "dob [date] ok")
        XCTAssertEqual(mask.masked("my birthday is 3rd of March 1988"), "my birthday is [date]")
        XCTAssertEqual(mask.masked("date of birth: 12 May"), "date of birth: [date]")
        XCTAssertEqual(mask.masked("born on March 3, 1988 in Delhi"), "born on [date] in Delhi")
        XCTAssertEqual(mask.masked("I was born on 5 june"), "I was born on [date]")
    }

    func testMasksAadhaarAndPAN() {
        XCTAssertEqual(mask.masked("aadhaar 2345 6789 0123"), "aadhaar [id]")
        XCTAssertEqual(mask.masked("aadhaar 234567890123"), "aadhaar [id]")
        XCTAssertEqual(mask.masked("my aadhaar is 1234 5678 9012 can i pay emi"), "my aadhaar is [id] can i pay emi",
                       "twelve digits are masked even when they cannot be a valid Aadhaar number")
        XCTAssertEqual(mask.masked("PAN ABCDE1234F"), "PAN [id]")
        XCTAssertEqual(mask.masked("pan abcde1234f."), "pan [id].")
    }

    func testKeepsOrdinaryNumbersAndTimes() {
        for text in ["does it take 2 to 4 hours?", "it costs 15k", "I need 3 sessions", "INR 15000-20000 is fine",
                     "between 7 to 10 days", "1 lakh rupees", "4-6 hours", "is 0.3 mm the needle", "my 2nd session at 10:30",
                     "in 2024 I had a transplant", "after 14 days", "aged 25-30", "12 weeks"] {
            XCTAssertEqual(mask.masked(text), text)
        }
    }

    func testMasksEverythingInOneLine() {
        let line = "I am Rahul, 9876543210, rahul@mail.com, born 01-02-1990, PAN ABCDE1234F: cost?"
        XCTAssertEqual(mask.masked(line), "I am [name], [phone], [email], born [date], PAN [id]: cost?")
    }
}
