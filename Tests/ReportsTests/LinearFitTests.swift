import Analysis
import Reports
import Testing

@Suite struct LinearFitTests {
    @Test func noPointsOrOnePointHaveNoSlope() {
        #expect(LinearFit(xs: [], ys: []) == nil)
        #expect(LinearFit(xs: [3], ys: [1]) == nil)
    }

    @Test func equalXsHaveNoSlope() {
        #expect(LinearFit(xs: [2, 2, 2], ys: [1, 2, 3]) == nil)
    }

    @Test func twoPointsHaveASlopeButNoInterval() throws {
        let fit = try #require(LinearFit(xs: [0, 2], ys: [1, 5]))
        #expect(fit.slope == 2)
        #expect(fit.intercept == 1)
        #expect(fit.slopeInterval == nil)
        #expect(fit.growth == .undetermined)
    }

    @Test func slopeAndItsIntervalMatchAHandComputation() throws {
        // x = 0...4, y = 1, 3, 2, 5, 4: x̄ = 2, ȳ = 3, Sxx = 10, Sxy = 4 + 0 + 0 + 2 + 2 = 8,
        // slope 0.8, intercept 3 - 1.6 = 1.4. Fitted 1.4, 2.2, 3.0, 3.8, 4.6; residuals
        // -0.4, 0.8, -1.0, 1.2, -0.6; SSR = 0.16 + 0.64 + 1 + 1.44 + 0.36 = 3.6.
        // SE = √(3.6 / 3 / 10) = √0.12 = 0.346410; t(0.975, 3) = 3.182446;
        // half-width 1.102431, so the interval is [-0.302431, 1.902431]: it holds zero.
        let fit = try #require(LinearFit(xs: [0, 1, 2, 3, 4], ys: [1, 3, 2, 5, 4]))
        #expect(abs(fit.slope - 0.8) < 1e-12)
        #expect(abs(fit.intercept - 1.4) < 1e-12)
        let interval = try #require(fit.slopeInterval)
        #expect(abs(interval.lower - -0.302431) < 1e-6)
        #expect(abs(interval.upper - 1.902431) < 1e-6)
        #expect(fit.growth == .indistinguishableFromZero)
        #expect(!fit.growth.isReal)
    }

    @Test func aSteadyRiseIsRealGrowth() throws {
        let fit = try #require(LinearFit(xs: [0, 1, 2, 3, 4, 5], ys: [1, 2.1, 2.9, 4.2, 5, 5.9]))
        #expect(fit.growth == .increasing)
        #expect(fit.growth.isReal)
        let falling = try #require(LinearFit(xs: [0, 1, 2, 3, 4, 5], ys: [5.9, 5, 4.2, 2.9, 2.1, 1]))
        #expect(falling.growth == .decreasing)
    }
}

@Suite struct LinearFitGroupTests {
    @Test func oneGroupIsTheOrdinaryFit() {
        let xs: [Double] = [0, 1, 2, 3, 4]
        let ys: [Double] = [1, 3, 2, 5, 4]
        #expect(LinearFit(xs: xs, ys: ys, groups: [7, 7, 7, 7, 7]) == LinearFit(xs: xs, ys: ys))
    }

    @Test func eachGroupGetsItsOwnIntercept() throws {
        // Two lines of slope 2, 100 apart: one shared intercept would see huge residuals.
        let fit = try #require(LinearFit(xs: [0, 1, 2, 0, 1, 2], ys: [0, 2, 4.1, 100, 102, 103.9], groups: [0, 0, 0, 1, 1, 1]))
        #expect(abs(fit.slope - 2) < 0.1)
        #expect(fit.growth == .increasing)
        #expect(LinearFit(xs: [0, 1, 2, 0, 1, 2], ys: [0, 2, 4.1, 100, 102, 103.9])?.growth != .increasing)
    }

    @Test func groupsOfOnePointCarryNoSlope() {
        #expect(LinearFit(xs: [0, 1, 2], ys: [1, 2, 3], groups: [0, 1, 2]) == nil)
    }
}
