@testable import FAQSearch
import XCTest

/// `CuePatternSlots`: a registered pattern's slots are consecutive numbers of its rule's index, and a
/// pattern matches through them alone.
final class CuePatternSlotsTests: XCTestCase {
    func testARulesPatternsGetConsecutiveSlotsAndMatchThroughThem() throws {
        var index = CueIndex()
        let want = index.register(try XCTUnwrap(CuePattern("want|wish die")))
        let kill = index.register(try XCTUnwrap(CuePattern("kill myself now")))
        XCTAssertEqual(want.slotNumbers, CuePatternSlots(first: 0, count: 2))
        XCTAssertEqual(kill.slotNumbers, CuePatternSlots(first: 2, count: 3))
        XCTAssertEqual(index.slotCount, 5)

        // "i wish to really die, want die": words 1 and 5 fill slot 0, 4 and 6 slot 1.
        let words = CueText("i wish to really die want die", dictionary: []).clauses[0]
        var bits = [UInt64](repeating: 0, count: words.count)
        for (position, slot) in [(1, 0), (5, 0), (4, 1), (6, 1)] { bits[position] |= 1 << UInt64(slot) }
        let clause = CueIndex.MarkedClause(words: words, bits: bits, blocks: 1)
        XCTAssertEqual(want.slotNumbers.matches(in: clause), [1...4, 5...6])
        XCTAssertTrue(want.slotNumbers.occurs(in: clause))
        XCTAssertFalse(kill.slotNumbers.mayMatch(clause), "no word fills the slots of 'kill myself now'")
        XCTAssertEqual(kill.slotNumbers.matches(in: clause), [])

        // Too far apart: three words between "wish" and "die".
        var apart = [UInt64](repeating: 0, count: 6)
        apart[1] = 1 << 0
        apart[5] = 1 << 1
        let far = CueIndex.MarkedClause(words: CueText("i wish a b c die", dictionary: []).clauses[0], bits: apart, blocks: 1)
        XCTAssertTrue(want.slotNumbers.mayMatch(far))
        XCTAssertFalse(want.slotNumbers.occurs(in: far))
    }
}
