import Reports
import Testing
import TrialRecords

@Suite struct TextReportTests {
    private func render(_ records: [TrialRecord], colour: Bool = false) -> String {
        let summary = RunSummary(records: records)
        return TextReport.render(summary, verdict: Verdict(summary: summary), colour: colour)
    }

    @Test func noRecordsSaySo() {
        #expect(render([]).contains("No records."))
    }

    @Test func everyStrategyHasItsLines() {
        let text = render(Synthetic.records(trials: 40))
        for strategy in RunSummary.knownStrategies {
            #expect(text.contains("\(strategy): 40/40 trials ok"), "\(strategy) missing")
        }
        for label in ["growth", "memory", "isolation", "verdict", "first 10", "last 10", "per model", "±", "Verdict"] {
            #expect(text.contains(label), "\(label) missing")
        }
    }

    @Test func outliersOfTotalTimeAreListed() {
        let records = (0..<20).map { Synthetic.record(trial: $0, total: $0 == 7 ? 1 : 0.01 + Double($0 % 3) * 0.001) }
        #expect(render(records).contains("outliers   1 in total time (modified z > 3.5): trials 7"))
    }

    @Test func linesFitAHundredColumnsAndHaveNoColourUnlessAsked() {
        let text = render(Synthetic.records(trials: 40))
        for line in text.split(separator: "\n") {
            #expect(line.count <= TextReport.width, "too long: \(line)")
        }
        #expect(!text.contains("\u{1B}"))
        #expect(render(Synthetic.records(trials: 5), colour: true).contains("\u{1B}[1m"))
    }
}
