import Analysis
import Reports
import Testing
import TrialRecords

@Suite struct StrategySummaryTests {
    @Test func noRecordsSummariseToNothing() {
        let summary = StrategySummary(strategy: "clear", records: [])
        #expect(summary.outcomes.total == 0)
        #expect(summary[.total].statistics.median == nil)
        #expect(summary[.total].growth == nil)
        #expect(summary.firstLast == nil)
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
        #expect(summary.firstLast == .init(count: 10, first: 4.5, last: 24.5))
        #expect(summary[.total].growth?.slope == 1)
    }

    @Test func growthIsAgainstModelsCreatedInTheSameProcess() throws {
        // Two workers take alternate trials; each trial costs its rank in its own process.
        let records = (0..<10).map {
            Synthetic.record(trial: $0, total: Double($0 / 2), pid: Int32(1 + $0 % 2), modelsBefore: $0 / 2)
        }
        let growth = try #require(StrategySummary(strategy: "clear", records: records)[.total].growth)
        #expect(abs(growth.slope - 1) < 1e-12, "per model of the same process, not 0.5 per trial")
    }

    @Test func fewerThanTwentyIndicesSplitInHalvesAndOneHasNone() {
        let five = (0..<5).map { Synthetic.record(trial: $0, total: Double($0)) }
        #expect(StrategySummary(strategy: "clear", records: five).firstLast == .init(count: 2, first: 0.5, last: 3.5))
        #expect(StrategySummary(strategy: "clear", records: [Synthetic.record()]).firstLast == nil)
    }

    @Test func failedAndLostTrialsNeverEnterTheStatistics() {
        let records = [
            Synthetic.record(trial: 0, total: 1), Synthetic.record(trial: 1, total: 3),
            Synthetic.record(trial: 2, outcome: .failed), Synthetic.record(trial: 3, outcome: .timeout),
        ]
        let summary = StrategySummary(strategy: "clear", records: records)
        #expect(summary[.total].statistics.count == 2)
        #expect(summary[.total].statistics.mean == 2)
        #expect(summary[.rss].statistics.count == 2)
        #expect(summary.meanTrialCost == 2)
        #expect(summary.outcomes.problems == "1 failed, 1 timeout")
    }

    @Test func runCostIsPerRepeat() {
        let records = [Synthetic.record(total: 2), Synthetic.record(total: 4, repeat: 1)]
        #expect(StrategySummary(strategy: "clear", records: records).runCost == 3)
    }
}

@Suite struct StrategySummaryGrowthTests {
    @Test func freshProcessesFitAgainstTheTrialIndex() throws {
        // One process per trial: the rank is always 0, so only the trial index can carry a drift.
        let records = (0..<20).map { Synthetic.record("process", trial: $0, total: 1 + 0.5 * Double($0), pid: Int32(50 + $0), modelsBefore: 0) }
        let summary = StrategySummary(strategy: "process", records: records)
        #expect(summary.growthAxis == .trialIndex)
        let growth = try #require(summary[.total].growth)
        #expect(abs(growth.slope - 0.5) < 1e-12)
        #expect(summary.warmUpExcluded == 2)
    }

    @Test func aWarmUpPlateauIsNotSteadyGrowth() throws {
        // Memory rises 10 KiB a model over the first 10 of 100 models, then stays flat.
        let records = (0..<100).map { trial -> TrialRecord in
            var record = Synthetic.record(trial: trial, total: 0.01 + 0.0001 * Double(trial % 3))
            record.rssBytes = 1_000_000 + 10_240 * min(trial, 10) + 512 * (trial % 2)
            return record
        }
        let summary = StrategySummary(strategy: "clear", records: records)
        #expect(summary.warmUpExcluded == 10)
        #expect(summary.warmUpPerProcess == 10)
        #expect(summary[.rss].allTrialsGrowth?.growth == .increasing)
        #expect(summary[.rss].growthKind == .indistinguishableFromZero)
        #expect(summary[.total].growthKind == .indistinguishableFromZero)
    }

    @Test func processesWithDifferentBaselinesShareOneSlope() throws {
        // Two workers start 100 KiB apart and each keeps 1 KiB a model: the slope is 1 KiB, tightly.
        let records = (0..<60).map { trial -> TrialRecord in
            var record = Synthetic.record(trial: trial, pid: Int32(1 + trial % 2), modelsBefore: trial / 2)
            record.rssBytes = 1_000_000 + 102_400 * (trial % 2) + 1024 * (trial / 2) + 8 * (trial % 3)
            return record
        }
        let growth = try #require(StrategySummary(strategy: "clear", records: records)[.rss].growth)
        #expect(abs(growth.slope - 1024) < 5)
        #expect(growth.growth == .increasing)
        #expect(try #require(growth.slopeInterval).halfWidth < 10)
    }
}
