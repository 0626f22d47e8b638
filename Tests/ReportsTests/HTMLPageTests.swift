import Analysis
import Charts
import Reports
import Testing

@Suite struct HTMLPageTests {
    @Test func noRecordsStillMakeAPage() {
        let html = HTMLPage.render([])
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<svg"))
    }

    @Test func aPageHoldsTheVerdictTablesAndChartInline() {
        let html = HTMLPage.render(Synthetic.records(trials: 20), title: "a & b")
        #expect(html.contains("<title>IsoRun report: a &amp; b</title>"))
        #expect(html.contains("<h2>Verdict</h2>"))
        #expect(html.components(separatedBy: "<table>").count - 1 == 1 + 7)
        #expect(html.components(separatedBy: "<g class=\"panel\"").count - 1 == 6)
        #expect(!html.contains("<?xml"))
        #expect(!html.contains("http://") || html.contains("xmlns=\"http://www.w3.org/2000/svg\""))
    }
}
