import Analysis
import Reports
import Testing

@Suite struct LinearFitRobustTests {
    @Test func tooFewPointsHaveNoFit() {
        #expect(LinearFit.robust(xs: [1], ys: [1], groups: [0]).fit == nil)
    }

    @Test func aSpikeIsLeftOutAndTheGrowthShows() throws {
        // 20 models growing by 50 µs, with trial 10 hit by a 5 ms hiccup.
        let xs = (0..<20).map(Double.init)
        var ys = xs.map { 0.0007 + 0.00005 * $0 + ($0.truncatingRemainder(dividingBy: 2) == 0 ? 2e-5 : -2e-5) }
        ys[10] = 0.0053
        let plain = try #require(LinearFit(xs: xs, ys: ys))
        let robust = LinearFit.robust(xs: xs, ys: ys, groups: Array(repeating: 0, count: 20))
        #expect(robust.excluded == [10])
        let fit = try #require(robust.fit)
        #expect(abs(fit.slope - 0.00005) < 2e-6)
        let robustWidth = try #require(fit.slopeInterval).halfWidth
        let plainWidth = try #require(plain.slopeInterval).halfWidth
        #expect(robustWidth < plainWidth)
    }

    @Test func cleanDataIsFittedAsIs() {
        let xs = (0..<10).map(Double.init)
        let ys = xs.map { 1 + 2 * $0 + ($0.truncatingRemainder(dividingBy: 3) - 1) * 0.01 }
        let robust = LinearFit.robust(xs: xs, ys: ys, groups: Array(repeating: 0, count: 10))
        #expect(robust.excluded.isEmpty)
        #expect(robust.fit == LinearFit(xs: xs, ys: ys))
    }
}
