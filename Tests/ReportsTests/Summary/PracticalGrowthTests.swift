import Analysis
import Reports
import Testing
import TrialRecords

@Suite struct PracticalGrowthTests {
    private func fit(slope: Double, noise: Double, count: Int = 100) -> LinearFit? {
        let xs = (0..<count).map(Double.init)
        let ys = xs.map { 0.0003 + slope * $0 + noise * ($0.truncatingRemainder(dividingBy: 2) == 0 ? 1 : -1) }
        return LinearFit(xs: xs, ys: ys)
    }

    @Test func withoutAnIntervalItIsUndetermined() {
        #expect(PracticalGrowth.call(nil, span: 10, median: 1, phase: .total) == .undetermined)
        let two = LinearFit(xs: [0, 1], ys: [1, 2])
        #expect(PracticalGrowth.call(two, span: 1, median: 1, phase: .total) == .undetermined)
    }

    @Test func aSignificantSlopeTooSmallToMatterIsFlat() throws {
        // 0.232 µs a model over 99 models of 300 µs: 23 µs, 7.7% of a trial.
        let tiny = try #require(fit(slope: 0.232e-6, noise: 1e-7))
        #expect(tiny.growth == .increasing)
        #expect(PracticalGrowth.call(tiny, span: 99, median: 0.0003, phase: .total) == .flat)
    }

    @Test func aSlopeThatAddsMoreThanTheShareGrowsOrShrinks() throws {
        let steep = try #require(fit(slope: 2e-6, noise: 1e-7))
        #expect(PracticalGrowth.call(steep, span: 99, median: 0.0003, phase: .total) == .grows)
        let falling = try #require(fit(slope: -2e-6, noise: 1e-7))
        #expect(PracticalGrowth.call(falling, span: 99, median: 0.0003, phase: .total) == .shrinks)
    }

    @Test func noiseIsFlatHoweverLarge() throws {
        let noisy = try #require(fit(slope: 0, noise: 1e-4, count: 20))
        #expect(PracticalGrowth.call(noisy, span: 19, median: 0.0003, phase: .total) == .flat)
    }

    @Test func fewerThanTenFittedTrialsTellNothing() throws {
        let steep = try #require(fit(slope: 2e-5, noise: 1e-7, count: 9))
        #expect(steep.growth == .increasing)
        #expect(PracticalGrowth.call(steep, span: 8, median: 0.0003, phase: .total) == .undetermined)
    }

    @Test func memoryHasItsOwnShareAndAMissingMedianIsFlat() throws {
        // 10 KiB a model over 99 models of a 30 MiB process: 3.2%, above memory's 1%.
        let xs = (0..<12).map { Double($0 * 9) }
        let leak = try #require(LinearFit(xs: xs, ys: xs.map { 10_240 * $0 + ($0.truncatingRemainder(dividingBy: 2) == 0 ? 7 : -7) }))
        #expect(PracticalGrowth.call(leak, span: 99, median: 30 * 1_048_576, phase: .rss) == .grows)
        #expect(PracticalGrowth.call(leak, span: 99, median: nil, phase: .rss) == .flat)
        #expect(PracticalGrowth.shareOverRun(leak, span: .infinity, median: 1) == nil)
    }
}
