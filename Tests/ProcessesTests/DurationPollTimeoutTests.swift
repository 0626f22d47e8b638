import Processes
import Testing

@Suite struct DurationPollTimeoutTests {
    @Test func aWaitIsRoundedUpToWholeMillisecondsAndClamped() {
        #expect(Duration.milliseconds(20).pollTimeout == 20)
        #expect(Duration.microseconds(1).pollTimeout == 1, "never ends before the duration")
        #expect(Duration.zero.pollTimeout == 0)
        #expect(Duration.milliseconds(-5).pollTimeout == 0, "a deadline already past")
        #expect(Duration.seconds(Int64.max / 2).pollTimeout == Int32.max)
    }
}
