import Foundation
import Processes
import Testing

@Suite struct StopSignalTests {
    @Test func aWaitWithoutARaiseTimesOut() {
        #expect(!StopSignal().wait(for: .milliseconds(20)))
    }

    /// Raised from another thread mid-wait, the wait ends then, far sooner than
    /// its minute; and the signal stays raised for the next wait.
    @Test func aRaiseEndsTheWaitAtOnceAndStays() {
        let signal = StopSignal()
        Thread {
            Thread.sleep(forTimeInterval: 0.05)
            signal.raise()
        }.start()
        let started = MonotonicClock.now
        #expect(signal.wait(for: .seconds(60)))
        #expect(MonotonicClock.now - started < .seconds(30))
        #expect(signal.wait(for: .zero))
    }
}
