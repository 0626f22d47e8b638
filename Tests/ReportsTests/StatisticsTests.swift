import Analysis
import Reports
import Testing

@Suite struct StatisticsTests {
    @Test func anEmptySampleHasNothingDefined() {
        let statistics = Statistics([])
        #expect(statistics.count == 0)
        #expect(statistics.median == nil)
        #expect(statistics.interquartileRange == nil)
        #expect(statistics.mean == nil)
        #expect(statistics.meanInterval == nil)
        #expect(statistics.outliers.isEmpty)
    }

    @Test func oneValueHasAMedianButNoInterval() {
        let statistics = Statistics([4.5])
        #expect(statistics.median == 4.5)
        #expect(statistics.interquartileRange == 0)
        #expect(statistics.mean == 4.5)
        #expect(statistics.standardDeviation == nil)
        #expect(statistics.meanInterval == nil)
    }

    @Test func quartilesInterpolateLinearlyLikeNumpy() {
        // numpy.percentile([7, 1, 3, 2, 9], [25, 50, 75]) == [2, 3, 7]; for
        // [1, 2, 3, 4]: h = 3p, so Q1 = 1 + 0.75 = 1.75, median 2.5, Q3 = 3.25.
        let odd = Statistics([7, 1, 3, 2, 9])
        #expect(odd.firstQuartile == 2)
        #expect(odd.median == 3)
        #expect(odd.thirdQuartile == 7)
        let even = Statistics([4, 3, 2, 1])
        #expect(even.firstQuartile == 1.75)
        #expect(even.median == 2.5)
        #expect(even.thirdQuartile == 3.25)
        #expect(even.interquartileRange == 1.5)
    }

    @Test func theMeanIntervalUsesStudentT() throws {
        // [1, 2, 3, 4, 5]: mean 3, s = √2.5 = 1.5811, s/√5 = 0.70711, t(0.975, 4) = 2.776445,
        // half-width 1.963243, so [1.036757, 4.963243].
        let interval = try #require(Statistics([1, 2, 3, 4, 5]).meanInterval)
        #expect(abs(interval.lower - 1.036757) < 1e-6)
        #expect(abs(interval.upper - 4.963243) < 1e-6)
        // Two values [1, 3]: mean 2, s = √2, s/√2 = 1, t(0.975, 1) = 12.706205.
        let two = try #require(Statistics([1, 3]).meanInterval)
        #expect(abs(two.halfWidth - 12.706205) < 1e-6)
    }

    @Test func outliersAreFlaggedByModifiedZScore() {
        // [10, 11, 12, 11, 10, 11, 50]: median 11, |x - 11| = [1, 0, 1, 0, 1, 0, 39], MAD = 1;
        // z(50) = 0.6745 · 39 = 26.3 > 3.5, z(10) = 0.6745 < 3.5.
        let statistics = Statistics([10, 11, 12, 11, 10, 11, 50])
        #expect(statistics.outliers == [6])
    }

    @Test func noOutliersWhenTheMedianAbsoluteDeviationIsZero() {
        #expect(Statistics([5, 5, 5, 5, 9]).outliers.isEmpty)
    }
}
