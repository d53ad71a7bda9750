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

    func testFilledSlotsAreVisitedInOrderWithinARangeAcrossBlocks() {
        // Two words, three blocks of 64 slots: word 0 fills 3 and 70, word 1 fills 64, 130 and 191.
        var bits = [UInt64](repeating: 0, count: 6)
        bits[0] = 1 << 3
        bits[1] = 1 << 6
        bits[4] = 1 << 0
        bits[5] = 1 << 2 | 1 << 63
        let clause = CueIndex.MarkedClause(words: CueText("a b", dictionary: []).clauses[0], bits: bits, blocks: 3)
        func visited(_ range: Range<Int>, stopAt stop: Int? = nil) -> [Int] {
            var slots: [Int] = []
            clause.forEachFilledSlot(in: range) { slot in
                slots.append(slot)
                return slot != stop
            }
            return slots
        }
        XCTAssertEqual(visited(0..<192), [3, 64, 70, 130, 191])
        XCTAssertEqual(visited(4..<131), [64, 70, 130])
        XCTAssertEqual(visited(64..<65), [64])
        XCTAssertEqual(visited(71..<130), [])
        XCTAssertEqual(visited(5..<5), [])
        XCTAssertEqual(visited(0..<192, stopAt: 70), [3, 64, 70])
    }
}
