import Analysis
import Charts
import Reports
import Testing

@Suite struct NiceScaleTests {
    @Test func aDegenerateRangeIsWidened() {
        let zero = NiceScale(minimum: 0, maximum: 0)
        #expect(zero.lower == 0)
        #expect(zero.upper > 0)
        let one = NiceScale(minimum: 5, maximum: 5)
        #expect(one.lower < 5 && one.upper > 5)
    }

    @Test func stepsAreOneTwoOrFiveTimesAPowerOfTen() {
        let scale = NiceScale(minimum: 0, maximum: 19.7)
        #expect(scale.step == 5)
        #expect(scale.ticks == [0, 5, 10, 15, 20])
        #expect(NiceScale(minimum: 0, maximum: 0.0031).step == 0.001)
        #expect(NiceScale(minimum: 0, maximum: 99).step == 20)
        #expect(NiceScale(minimum: 0, maximum: 0.0031).label(0.002) == "0.002")
    }
}
