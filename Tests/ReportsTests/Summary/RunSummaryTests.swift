import Analysis
import Reports
import Testing

@Suite struct RunSummaryTests {
    @Test func emptyRecordsHaveNoStrategies() {
        let summary = RunSummary(records: [])
        #expect(summary.strategies.isEmpty)
        #expect(summary.recordCount == 0)
    }

    @Test func knownStrategiesComeFirstInTheirOrder() {
        let records = ["zeta", "process", "no-clear", "alpha", "clear"].map { Synthetic.record($0) }
        #expect(RunSummary(records: records).strategies.map(\.strategy) == ["no-clear", "clear", "process", "alpha", "zeta"])
    }
}
