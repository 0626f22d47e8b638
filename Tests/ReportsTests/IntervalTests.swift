import Analysis
import Reports
import Testing

@Suite struct IntervalTests {
    @Test func aPointIntervalContainsOnlyItsPoint() {
        let point = Interval(lower: 2, upper: 2)
        #expect(point.halfWidth == 0)
        #expect(point.contains(2))
        #expect(!point.contains(2.000001))
    }

    @Test func centreAndHalfWidth() {
        let interval = Interval(center: 1, halfWidth: -0.5)
        #expect(interval == Interval(lower: 0.5, upper: 1.5))
        #expect(interval.halfWidth == 0.5)
        #expect(interval.contains(0.5) && interval.contains(1.5) && !interval.contains(0))
    }
}
