import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Analysis
import Charts
import Reports
import Testing
import TrialRecords

/// The exports of one synthetic six-strategy run, read back by independent parsers: the CSV
/// by Python's `csv` module, the JSON by `JSONSerialization`, the SVG by `XMLParser`.
@Suite struct ExportPipelineTests {
    private let records = Synthetic.records(trials: 40, repeats: 2)

    private static let python: String? = ["/usr/bin/python3", "/usr/local/bin/python3", "/opt/homebrew/bin/python3"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: python != nil, "python3 not found in /usr/bin, /usr/local/bin or /opt/homebrew/bin: CSV check skipped"))
    func csvParsesWithPythonIntoOneRowPerRecord() throws {
        let csv = CSVExport.render(records)
        let script = """
            import csv, json, sys
            rows = list(csv.DictReader(sys.stdin))
            print(json.dumps({"keys": list(rows[0].keys()) if rows else [], "rows": len(rows),
                              "strategies": sorted({r["strategy"] for r in rows})}))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.python!)
        process.arguments = ["-c", script]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(csv.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let parsed = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(parsed["rows"] as? Int == records.count)
        #expect(parsed["keys"] as? [String] == CSVExport.columns)
        #expect(parsed["strategies"] as? [String] == Strategy.allNames.sorted())
    }

    @Test func jsonParsesAndHoldsTheVerdict() throws {
        let summary = RunSummary(records: records)
        let verdict = Verdict(summary: summary)
        let json = JSONExport.render(summary, verdict: verdict)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let verdictObject = try #require(object["verdict"] as? [String: Any])
        #expect(verdictObject["cheapest"] as? String == verdict.cheapest?.rawValue)
        #expect(verdictObject["sentences"] as? [String] == verdict.sentences)
        let strategies = try #require(object["strategies"] as? [[String: Any]])
        #expect(strategies.map { $0["strategy"] as? String } == Strategy.allNames)
        let process = try #require(strategies.first { $0["strategy"] as? String == "process" })
        #expect(process["growth_axis"] as? String == "trial-index")
    }

    /// Counts panels and the strategies of the lines in each.
    private final class PanelCounter: NSObject, XMLParserDelegate {
        var panels: [[String]] = []

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            if name == "g", attributes["class"] == "panel" { panels.append([]) }
            if name == "polyline", attributes["class"] == "series", !panels.isEmpty {
                panels[panels.count - 1].append(attributes["data-strategy"] ?? "")
            }
        }
    }

    @Test func svgIsWellFormedWithSixPanelsOfOneLinePerStrategy() throws {
        let parser = XMLParser(data: Data(Chart.svg(records, title: "pipeline").utf8))
        let counter = PanelCounter()
        parser.delegate = counter
        #expect(parser.parse(), "not well-formed: \(String(describing: parser.parserError))")
        #expect(counter.panels.count == 6)
        for panel in counter.panels {
            #expect(panel == Strategy.allNames)
        }
    }

    @Test func everyFormatSurvivesAnyValueAFileMayHold() {
        var records = Synthetic.records(trials: 25)
        records[0].totalSeconds = 1e308
        records[1].totalSeconds = -1e308
        records[2].isolationSeconds = 1e308
        records[3].rssBytes = Int.max
        records[4].rssBytes = Int.min
        records[5].modelsBefore = Int.max
        records[6].trial = Int.min
        records[7].createSeconds = .infinity
        records[8].fitSeconds = .nan
        records[9].strategy = Strategy(rawValue: String(repeating: "\"<|,\n", count: 20_000))
        records[10].reason = String(repeating: "é", count: 100_000)
        for format in ReportFormat.allCases {
            #expect(!format.render(records).isEmpty)
        }
        #expect(HTMLPage.render(records).hasSuffix("</html>\n"))
        #expect(!ComparisonReport.render(Comparison(a: records, b: Synthetic.records(trials: 25), resamples: 20),
                                         a: "a", b: "b", format: .json).isEmpty)
    }
}
