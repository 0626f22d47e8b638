import Testing
@testable import Bench

@Suite struct CPUStealTests {
    @Test func stealIsTheEighthColumnOfTheCPULineAndTheTotalLeavesGuestTimeOut() throws {
        let text = "cpu  100 5 50 800 10 1 4 30 20 0\ncpu0 50 2 25 400 5 0 2 15 10 0\nintr 12345\n"
        let ticks = try #require(CPUSteal.parse(text))
        #expect(ticks.steal == 30)
        #expect(ticks.total == 1000)
    }

    @Test func aTextWithoutTheColumnIsNil() {
        #expect(CPUSteal.parse("cpu  100 5 50 800\n") == nil)
        #expect(CPUSteal.parse("intr 1 2 3 4 5 6 7 8 9\n") == nil)
    }

    @Test func onLinuxTheShareIsAPercentage() throws {
        guard let steal = CPUSteal() else { return }
        var spin = 0.0
        for index in 0..<2_000_000 { spin += Double(index) }
        #expect(spin > 0)
        if let percent = steal.percent() { #expect((0...100).contains(percent)) }
    }
}
