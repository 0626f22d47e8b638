import Analysis
import Reports
import Testing

@Suite struct ReportFormatTests {
    @Test func everyFormatRendersNoRecords() {
        for format in ReportFormat.allCases {
            #expect(format.render([]).hasSuffix("\n"), "\(format)")
        }
    }

    @Test func eachFormatIsItsExporter() {
        let records = Synthetic.records(trials: 12)
        let summary = RunSummary(records: records)
        let verdict = Verdict(summary: summary)
        #expect(ReportFormat.text.render(records) == TextReport.render(summary, verdict: verdict))
        #expect(ReportFormat.markdown.render(records) == MarkdownExport.render(summary, verdict: verdict))
        #expect(ReportFormat.json.render(records) == JSONExport.render(summary, verdict: verdict))
        #expect(ReportFormat.csv.render(records) == CSVExport.render(records))
    }
}
