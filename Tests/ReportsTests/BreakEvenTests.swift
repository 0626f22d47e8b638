import Analysis
import Reports
import Testing

@Suite struct BreakEvenTests {
    @Test func aFirstModelDearerThanIsolationBreaksEvenAtOnce() {
        #expect(BreakEven.models(intercept: 2, slope: 0, isolatedCost: 1, horizon: 10) == 1)
    }

    @Test func noGrowthNeverBreaksEven() {
        #expect(BreakEven.models(intercept: 1, slope: 0, isolatedCost: 2, horizon: 1000) == nil)
    }

    @Test func theCumulativeSumsCrossWhereComputedByHand() {
        // Cost of model k is 0 + 2k; isolated 1. Cumulative after n: n(n-1) against n.
        // n = 2: 2 against 2 (not more); n = 3: 6 against 3. So 3.
        #expect(BreakEven.models(intercept: 0, slope: 2, isolatedCost: 1, horizon: 10) == 3)
        // Cost 1 + 0.1k against 6: 1 + 0.1(n-1)/2 > 6 when n - 1 > 100, so n = 102.
        #expect(BreakEven.models(intercept: 1, slope: 0.1, isolatedCost: 6, horizon: 1000) == 102)
        #expect(BreakEven.models(intercept: 1, slope: 0.1, isolatedCost: 6, horizon: 101) == nil)
    }
}
