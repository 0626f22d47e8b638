import Analysis
import Reports
import Synchronization
import Testing
import TrialRecords

@Suite struct ProgressReporterTests {
    /// A sink and a clock a test controls.
    private final class Harness: Sendable {
        let output = Mutex<[String]>([])
        let time = Mutex<Duration>(.zero)

        func reporter(_ mode: ProgressReporter.Mode, planned: [(strategy: String, trials: Int)]) -> ProgressReporter {
            ProgressReporter(
                planned: planned, mode: mode,
                sink: { text in self.output.withLock { $0.append(text) } },
                now: { self.time.withLock { $0 } })
        }

        func advance(_ duration: Duration) { time.withLock { $0 += duration } }
        var writes: [String] { output.withLock { $0 } }
    }

    @Test func quietWritesNothing() {
        let harness = Harness()
        let progress = harness.reporter(.quiet, planned: [("clear", 2)])
        progress.record(Synthetic.record(trial: 0))
        progress.record(Synthetic.record(trial: 1))
        progress.finish()
        #expect(harness.writes.isEmpty)
    }

    /// A long run's progress stays cheap: counting a record late in it costs
    /// about what it cost early (it once copied every trial finished so far).
    @Test func countingARecordCostsNoMoreLateInALongRunThanEarly() {
        let harness = Harness()
        let trials = 20_000
        let progress = harness.reporter(.lines(every: .seconds(5)), planned: [("clear", trials)])
        let records = (0..<trials).map { Synthetic.record(trial: $0) }
        let clock = ContinuousClock()
        var windows: [Duration] = []
        for window in [0..<1_000, 1_000..<(trials - 1_000), (trials - 1_000)..<trials] {
            let start = clock.now
            for trial in window { progress.record(records[trial]) }
            windows.append(clock.now - start)
        }
        #expect(windows[2] < windows[0] * 10, "first 1000 records: \(windows[0]), last 1000: \(windows[2])")
    }

    @Test func plainLinesAreRateLimitedAndEndWithAFinalLine() {
        let harness = Harness()
        let progress = harness.reporter(.lines(every: .seconds(5)), planned: [("no-clear", 10), ("clear", 10)])
        for trial in 0..<20 {
            harness.advance(.seconds(1))
            progress.record(Synthetic.record(trial < 10 ? "no-clear" : "clear", trial: trial % 10))
        }
        // Records at t = 1...20 s; lines at 1, 6, 11 and 16 s.
        #expect(harness.writes.count == 4)
        #expect(harness.writes[0].hasPrefix("progress: 1/20 trials"))
        #expect(harness.writes.allSatisfy { $0.hasSuffix("\n") && !$0.contains("\u{1B}") })
        #expect(harness.writes[1].contains("remaining ~"))
        progress.finish()
        #expect(harness.writes.last == "done: 20/20 trials in 20 s\n")
        progress.finish()
        progress.record(Synthetic.record())
        #expect(harness.writes.count == 5)
    }

    @Test func aTerminalGetsALiveLinePerStrategyRedrawnInPlace() {
        let harness = Harness()
        let progress = harness.reporter(.terminal, planned: [("no-clear", 2), ("clear", 2)])
        harness.advance(.seconds(1))
        progress.record(Synthetic.record("no-clear", trial: 0))
        harness.advance(.milliseconds(10))
        progress.record(Synthetic.record("no-clear", trial: 1))
        harness.advance(.seconds(1))
        progress.record(Synthetic.record("clear", trial: 0, outcome: .failed))
        progress.finish()
        let writes = harness.writes
        #expect(writes.count == 4, "the completion of no-clear is drawn despite the rate limit")
        #expect(writes[0].hasPrefix("\r\u{1B}[2Kno-clear"))
        #expect(writes[1].contains("2/2 done"))
        #expect(writes[2].contains("\n\u{1B}[2Kclear"), "a second strategy gets a line of its own")
        #expect(writes[3].hasPrefix("\r\u{1B}[1A"), "the redraw moves up to the first line")
        #expect(writes[3].contains("1 not ok"))
        #expect(writes[3].hasSuffix("\n"))
    }

    @Test func aRetriedTrialCountsOnce() {
        let harness = Harness()
        let progress = harness.reporter(.lines(every: .seconds(3600)), planned: [("clear", 2)])
        progress.record(Synthetic.record(trial: 0, outcome: .workerLost))
        progress.record(Synthetic.record(trial: 0))
        progress.record(Synthetic.record(trial: 1, outcome: .workerLost))
        progress.record(Synthetic.record(trial: 1, outcome: .workerLost))
        progress.finish()
        #expect(harness.writes.last == "done: 2/2 trials, 1 not ok in 0 s\n", "trial 0's retry ended ok")
    }

    @Test func theRemainingTimeFollowsTheGrowthSoFar() throws {
        let harness = Harness()
        let progress = harness.reporter(.lines(every: .seconds(1)), planned: [("no-clear", 20)])
        for trial in 0..<10 {
            // Trial i takes i + 1 seconds.
            harness.advance(.seconds(trial + 1))
            var record = Synthetic.record("no-clear", trial: trial)
            record.wallSeconds = Double(trial + 1)
            progress.record(record)
        }
        // After 55 s for ten trials, the next ten cost 11 + ... + 20 = 155 s, not a linear 55 s.
        let line = try #require(harness.writes.last)
        #expect(line.contains("remaining ~2 m 35 s"), "\(line)")
    }

    @Test func recordsFromManyThreadsAreAllCounted() async {
        let harness = Harness()
        let progress = harness.reporter(.lines(every: .seconds(3600)), planned: [("clear", 400)])
        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    for trial in 0..<100 { progress.record(Synthetic.record(trial: worker * 100 + trial)) }
                }
            }
        }
        progress.finish()
        #expect(harness.writes.last?.hasPrefix("done: 400/400 trials") == true)
    }
}
