import Analysis
import Reports
import Testing
import TrialRecords

@Suite struct MarkdownExportTests {
    @Test func noRecordsSaySo() {
        let summary = RunSummary(records: [])
        #expect(MarkdownExport.render(summary, verdict: Verdict(summary: summary)).contains("No records."))
    }

    @Test func aTableRowPerStrategyAndTheVerdict() {
        let summary = RunSummary(records: Synthetic.records(trials: 20))
        let text = MarkdownExport.render(summary, verdict: Verdict(summary: summary))
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("| ") }
        #expect(rows.count == 2 * (1 + Strategy.known.count))
        #expect(text.contains("### Verdict"))
        #expect(text.contains("| no-clear |"))
    }
}
