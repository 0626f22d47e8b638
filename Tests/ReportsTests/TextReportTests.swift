import Analysis
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
        for strategy in Strategy.known {
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

    @Test func fiveTrialsGetFirstAndLastTwoNeverTen() {
        let text = render((0..<5).map { Synthetic.record(trial: $0, total: 0.001) })
        #expect(text.contains("first 2") && text.contains("last 2"))
        #expect(!text.contains("first 10"))
    }

    @Test func trialsAreCountedOnceHoweverManyAttempts() {
        let records = [0, 1].flatMap { trial in
            [1, 2].map { attempt -> TrialRecord in
                var record = Synthetic.record(trial: trial, outcome: .workerLost)
                record.attempt = attempt
                return record
            }
        }
        let text = render(records)
        #expect(text.contains("clear: 0/2 trials ok (2 worker-lost; 4 attempts)"))
        #expect(!text.contains("0/4"))
    }

    @Test func tinySignificantGrowthIsCalledFlatWithItsShare() {
        // Cost rises by 0.2 µs a model, tightly, over 100 models of 1 ms: 2% of a trial.
        let records = (0..<100).map { Synthetic.record(trial: $0, total: 0.001 + 2e-10 * Double($0)) }
        let text = render(records).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("flat: statistically non-zero, but adds"), "\(text)")
        #expect(text.contains("threshold 50% of a median trial"))
        #expect(text.contains(Verdict.costModel.prefix(40)))
    }
}
