import Testing
@testable import Bench

@Suite struct CPUTimeSharesTests {
    @Test func stealIsTheEighthColumnIdleTheFourthAndFifthAndTheTotalLeavesGuestTimeOut() throws {
        let text = "cpu  100 5 50 800 10 1 4 30 20 0\ncpu0 50 2 25 400 5 0 2 15 10 0\nintr 12345\n"
        let ticks = try #require(CPUTimeShares.parse(text))
        #expect(ticks == CPUTimeShares.Ticks(steal: 30, idle: 810, total: 1000))
    }

    @Test func aTextWithoutTheColumnIsNil() {
        #expect(CPUTimeShares.parse("cpu  100 5 50 800\n") == nil)
        #expect(CPUTimeShares.parse("intr 1 2 3 4 5 6 7 8 9\n") == nil)
    }

    @Test func onLinuxTheSharesArePercentages() throws {
        guard let shares = CPUTimeShares() else { return }
        // Busy for 50 ms of wall time: several ticks of one CPU.
        let clock = ContinuousClock()
        let start = clock.now
        var spin = 0.0
        while clock.now - start < .milliseconds(50) {
            for index in 0..<10_000 { spin += Double(index) }
        }
        #expect(spin > 0)
        if let steal = shares.stealPercent() { #expect((0...100).contains(steal)) }
        if let idle = shares.idlePercent() { #expect((0...100).contains(idle)) }
    }
}
