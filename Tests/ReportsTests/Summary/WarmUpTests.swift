import Analysis
import Reports
import Testing

@Suite struct WarmUpTests {
    @Test func fewerThanTenTrialsLeaveNothingOut() {
        #expect(WarmUp.length(ofProcessWith: 0) == 0)
        #expect(WarmUp.length(ofProcessWith: 1) == 0)
        #expect(WarmUp.length(ofProcessWith: 9) == 0)
    }

    @Test func tenPercentRoundedUp() {
        #expect(WarmUp.length(ofProcessWith: 10) == 1)
        #expect(WarmUp.length(ofProcessWith: 11) == 2)
        #expect(WarmUp.length(ofProcessWith: 50) == 5)
        #expect(WarmUp.length(ofProcessWith: 100) == 10)
    }
}
