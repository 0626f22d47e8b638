import Analysis
import Reports
import Testing

@Suite struct RemainingTimeTests {
    @Test func nothingFinishedKnowsNothing() {
        #expect(RemainingTime().remaining(done: 0, planned: 10, elapsed: 1) == nil)
    }

    @Test func flatTrialsGiveTheLinearEstimate() throws {
        var time = RemainingTime()
        for _ in 0..<10 { time.add(seconds: 0.5) }
        #expect(try #require(time.remaining(done: 10, planned: 30, elapsed: 5)) == 10)
    }

    @Test func growingTrialsAreExtrapolatedWithTheirGrowth() throws {
        // Trial i costs i + 1 seconds: the next ten cost 11 + ... + 20 = 155, not 10 × 5.5.
        var time = RemainingTime()
        for i in 0..<10 { time.add(seconds: Double(i + 1)) }
        let left = try #require(time.remaining(done: 10, planned: 20, elapsed: 55))
        #expect(abs(left - 155) < 1e-9)
    }

    @Test func twoWorkersInParallelHalveTheWallTime() throws {
        var time = RemainingTime()
        for _ in 0..<10 { time.add(seconds: 1) }
        #expect(try #require(time.remaining(done: 10, planned: 20, elapsed: 5)) == 5)
    }

    @Test func wildValuesAreIgnored() {
        var time = RemainingTime()
        time.add(seconds: .infinity)
        time.add(seconds: -1)
        time.add(seconds: .nan)
        #expect(time == RemainingTime())
    }
}
