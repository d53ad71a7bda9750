import Foundation
import XCTest

/// The sentences of issue 12 that the form used to refuse or misread, through the real executable's
/// standard input (same fixed clock as `BookingChatTests`: Tuesday 1 December 2026, 15:30 in Asia/Kolkata).
extension BookingChatTests {
    func types(_ replies: [[String: Any]]) -> [String] { replies.map { $0["type"] as? String ?? "-" } }
    func fields(_ replies: [[String: Any]]) -> [String] { replies.map { $0["field"] as? String ?? "-" } }
    func text(_ reply: [String: Any]) -> String { reply["text"] as? String ?? "" }

    func testABookingInOneSentenceAsksOnlyWhatIsMissing() throws {
        let outcome = try chat(["I'd like to book for next Tuesday afternoon", "Jane Doe", "98765 43210", "no", "yes"])
        XCTAssertEqual(outcome.status, 0, outcome.standardError)
        let replies = replies(outcome)
        XCTAssertEqual(fields(replies), ["name", "phone", "note", "confirm", "-"], "neither the day nor the time is asked again")
        XCTAssertTrue(text(replies[0]).contains("Noted: Tuesday 8 December 2026, afternoon (12:00-17:00)."), text(replies[0]))
        XCTAssertEqual(types(replies).last, "booked")
        XCTAssertTrue(try journalLines()[0].contains(#""name":"Jane Doe","phone":"9876543210","date":"2026-12-08","time":"afternoon""#))
    }

    func testNextTuesdayAfternoonIsTakenWhenAskedForTheDay() throws {
        let replies = replies(try chat(["/book", "Jane", "1234567", "next Tuesday afternoon"]))
        XCTAssertEqual(fields(replies), ["name", "phone", "date", "note"])
        XCTAssertNil(replies[3]["error"])
    }

    func testNoAndNoThanksInTheFormAreAnswersToIt() throws {
        let replies = replies(try chat(["/book", "Jane", "1234567", "no thanks", "no", "tomorrow", "no", "yes"]))
        XCTAssertEqual(types(replies), ["booking", "booking", "booking", "booking", "booking", "booking", "booking", "cancelled"],
                       "never an FAQ answer")
        XCTAssertEqual(fields(replies), ["name", "phone", "date", "date", "date", "time", "time", "-"])
        XCTAssertTrue(text(replies[3]).contains("Would you like to stop booking?"), text(replies[3]))
        XCTAssertFalse(FileManager.default.fileExists(atPath: journal))
    }

    func testCancelInThePatientsOwnWordsInTheMiddleOfTheForm() throws {
        let replies = replies(try chat(["/book", "Jane", "actually never mind, I'll call later", "how much does it cost?"]))
        XCTAssertEqual(types(replies), ["booking", "booking", "cancelled", "answer"])
    }

    func testAChangeAtTheSummaryInOneSentenceTakesTheNewDayAndTime() throws {
        let outcome = try chat(["/book", "Jane", "1234567", "tomorrow", "evening", "no", "can we make it Monday morning instead?",
                                "make it Thursday at half past two", "yes"])
        let replies = replies(outcome)
        XCTAssertEqual(fields(replies), ["name", "phone", "date", "time", "note", "confirm", "confirm", "confirm", "-"])
        XCTAssertTrue(text(replies[6]).contains("Date: Monday 7 December 2026\nTime: morning (09:00-12:00)"), text(replies[6]))
        XCTAssertTrue(text(replies[7]).contains("Date: Thursday 3 December 2026\nTime: 14:30"), text(replies[7]))
        XCTAssertEqual(types(replies).last, "booked")
        XCTAssertTrue(try journalLines()[0].contains(#""date":"2026-12-03","time":"14:30""#))
    }

    func testTimesInThePatientsWordsAndTheSlotsOfferedThatDay() throws {
        let said = [("around 2:30", "14:30"), ("after lunch", "afternoon (12:00-17:00)"), ("half past two", "14:30"),
                    ("2.30 pm", "14:30"), ("around 11", "11:00"), ("first thing in the morning", "09:00")]
        // One conversation: each form is filled up to the summary, then cancelled.
        let lines = said.flatMap { ["/book", "Jane", "1234567", "friday", $0.0, "no", "cancel"] } + ["/book", "Jane", "1234567", "saturday evening"]
        let replies = replies(try chat(lines))
        for (index, (words, stored)) in said.enumerated() {
            let atTime = replies[index * 7 + 4], summary = replies[index * 7 + 5]
            XCTAssertEqual(atTime["field"] as? String, "note", words)
            XCTAssertNil(atTime["error"], words)
            XCTAssertTrue(text(summary).contains("Time: " + stored + "\n"), "\(words): \(text(summary))")
        }
        let saturday = replies[replies.count - 1]
        XCTAssertEqual(saturday["field"] as? String, "time")
        XCTAssertTrue((saturday["error"] as? String ?? "").contains("no evening appointments on Saturdays. Please choose morning or afternoon"),
                      "\(saturday)")
    }

    func testBookingForSomeoneElseAsksTheirNameAndKeepsTheDay() throws {
        let replies = replies(try chat(["can I book another one for my brother tomorrow evening", "Ravi Kumar", "98765 43210", "no"]))
        XCTAssertEqual(fields(replies), ["name", "phone", "note", "confirm"])
        XCTAssertTrue(text(replies[0]).contains("What is your brother's name?"), text(replies[0]))
        XCTAssertTrue(text(replies[3]).contains("Name: Ravi Kumar (your brother)"), text(replies[3]))
        XCTAssertTrue(text(replies[3]).contains("Date: Wednesday 2 December 2026\nTime: evening (17:00-19:00)"), text(replies[3]))
    }
}
