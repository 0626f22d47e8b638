import Reports
import Testing

@Suite struct StrategySummaryTests {
    @Test func noRecordsSummariseToNothing() {
        let summary = StrategySummary(strategy: "clear", records: [])
        #expect(summary.outcomes.total == 0)
        #expect(summary[.total].statistics.median == nil)
        #expect(summary[.total].growth == nil)
        #expect(summary.firstTenMedianTotal == nil)
    }

    @Test func onlyOkRecordsCountAndTheOthersAreTallied() {
        let records = [
            Synthetic.record(trial: 0, total: 1), Synthetic.record(trial: 1, total: 3),
            Synthetic.record(trial: 2, total: 99, outcome: .failed),
            Synthetic.record(trial: 3, total: 99, outcome: .workerLost),
        ]
        let summary = StrategySummary(strategy: "clear", records: records)
        #expect(summary.outcomes.ok == 2)
        #expect(summary.outcomes.failed == 1)
        #expect(summary.outcomes.workerLost == 1)
        #expect(summary.outcomes.problems == "1 failed, 1 worker-lost")
        #expect(summary.totalSeconds == 4)
        #expect(summary[.total].statistics.median == 2)
    }

    @Test func firstAndLastTenAreMediansOverTrialIndices() {
        let records = (0..<30).map { Synthetic.record(trial: $0, total: Double($0)) }
        let summary = StrategySummary(strategy: "clear", records: records)
        #expect(summary.firstTenMedianTotal == 4.5)
        #expect(summary.lastTenMedianTotal == 24.5)
        #expect(summary[.total].growth?.slope == 1)
    }

    @Test func growthIsAgainstModelsCreatedInTheSameProcess() throws {
        // Two workers take alternate trials; each trial costs its rank in its own process.
        let records = (0..<10).map { Synthetic.record(trial: $0, total: Double($0 / 2), pid: Int32(1 + $0 % 2)) }
        let growth = try #require(StrategySummary(strategy: "clear", records: records)[.total].growth)
        #expect(abs(growth.slope - 1) < 1e-12, "per model of the same process, not 0.5 per trial")
    }

    @Test func runCostIsPerRepeat() {
        let records = [Synthetic.record(total: 2), Synthetic.record(total: 4, repeat: 1)]
        #expect(StrategySummary(strategy: "clear", records: records).runCost == 3)
    }
}
