import Analysis
import Reports
import Testing
import TrialRecords

@Suite struct ComparisonTests {
    @Test func nothingInCommonComparesNothing() {
        let comparison = Comparison(a: [Synthetic.record("clear")], b: [Synthetic.record("pool")])
        #expect(comparison.rows.isEmpty)
        #expect(comparison.notCompared == ["clear", "pool"])
        #expect(Comparison(a: [], b: []).rows.isEmpty)
    }

    @Test func oneTrialEachGivesAPointInterval() throws {
        let comparison = Comparison(a: [Synthetic.record(total: 1)], b: [Synthetic.record(total: 3)])
        let row = try #require(comparison.rows.first)
        #expect(row.ratio == 3)
        #expect(row.interval == Interval(lower: 3, upper: 3))
        #expect(row.isSignificant)
    }

    @Test func identicalFilesAreNotSignificantlyDifferent() {
        let records = Synthetic.records(trials: 60)
        let comparison = Comparison(a: records, b: records)
        #expect(comparison.rows.count == 6)
        for row in comparison.rows {
            #expect(row.ratio == 1)
            #expect(!row.isSignificant, "\(row.strategy): \(row.interval)")
        }
    }

    @Test func twiceAsSlowIsSignificantAndTheIntervalIsDeterministic() {
        let a = Synthetic.records(trials: 60, seed: 1)
        let b = Synthetic.records(trials: 60, seed: 2).map { record -> TrialRecord in
            var slower = record
            slower.totalSeconds = record.totalSeconds.map { $0 * 2 }
            return slower
        }
        let comparison = Comparison(a: a, b: b)
        for row in comparison.rows {
            #expect(abs(row.ratio - 2) < 0.2, "\(row.strategy): \(row.ratio)")
            #expect(row.isSignificant, "\(row.strategy): \(row.interval)")
            #expect(row.interval.lower > 1)
        }
        #expect(Comparison(a: a, b: b) == comparison)
    }

    @Test func everyFormatRendersEveryRow() {
        let records = Synthetic.records(trials: 20)
        let comparison = Comparison(a: records, b: records, resamples: 200)
        for format in ReportFormat.allCases {
            let text = ComparisonReport.render(comparison, a: "a.jsonl", b: "b.jsonl", format: format)
            #expect(text.contains("scoped-session"), "\(format)")
        }
        let text = ComparisonReport.render(comparison, a: "a.jsonl", b: "b.jsonl", format: .text)
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= TextReport.width })
    }

    @Test func unlikeRunsAreNamedInAWarning() {
        let short = Synthetic.records(trials: 20)
        let long = Synthetic.records(trials: 100)
        let comparison = Comparison(a: short, b: long, resamples: 50)
        #expect(comparison.unlike.count == 6)
        #expect(comparison.unlike.first == "no-clear: A 20 trials, B 100")
        let text = ComparisonReport.render(comparison, a: "a", b: "b", format: .text)
        #expect(text.contains("Warning: the files ran different numbers of trials"))
        #expect(Comparison(a: long, b: long, resamples: 50).unlikeWarning == nil)
    }
}
