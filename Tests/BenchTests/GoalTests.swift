import Testing
import Bench

@Suite struct GoalTests {
    @Test func text() {
        #expect(Goal.none(.higher).text == "—")
        #expect(Goal.atMost(1.5).text == "≤ 1.5×")
        #expect(Goal.atMost(5).text == "≤ 5×")
        #expect(Goal.atLeast(0.9).text == "≥ 0.9×")
    }

    @Test func isMet() {
        #expect(Goal.none(.lower).isMet(1) == nil)
        #expect(Goal.atMost(1.5).isMet(1.5) == true)
        #expect(Goal.atMost(1.5).isMet(1.51) == false)
        #expect(Goal.atLeast(0.5).isMet(0.5) == true)
        #expect(Goal.atLeast(0.5).isMet(0.49) == false)
    }
}
