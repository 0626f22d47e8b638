import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Analysis
import Charts
import Reports
import Testing
import TrialRecords

@Suite struct ChartTests {
    /// Counts elements by name and checks the document is well-formed.
    private final class Counter: NSObject, XMLParserDelegate {
        var panels = 0
        var seriesPerPanel: [[String]] = []
        var texts: [String] = []
        private var inText = false

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            if name == "g", attributes["class"] == "panel" {
                panels += 1
                seriesPerPanel.append([])
            }
            if name == "polyline", attributes["class"] == "series" {
                seriesPerPanel[seriesPerPanel.count - 1].append(attributes["data-strategy"] ?? "")
            }
            if name == "text" {
                inText = true
                texts.append("")
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inText { texts[texts.count - 1] += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "text" { inText = false }
        }
    }

    private func parse(_ svg: String) throws -> Counter {
        let parser = XMLParser(data: Data(svg.utf8))
        let counter = Counter()
        parser.delegate = counter
        let parsed = parser.parse()
        #expect(parsed, "not well-formed: \(String(describing: parser.parserError))")
        return counter
    }

    @Test func noRecordsStillDrawSixEmptyPanels() throws {
        let counter = try parse(Chart.svg([]))
        #expect(counter.panels == 6)
        #expect(counter.seriesPerPanel.allSatisfy { $0.isEmpty })
        #expect(counter.texts.contains("no ok trials"))
    }

    @Test func oneRecordDrawsOneLinePerPanel() throws {
        let counter = try parse(Chart.svg([Synthetic.record()]))
        #expect(counter.seriesPerPanel == Array(repeating: ["clear"], count: 6))
    }

    @Test func manyStrategiesDrawOneLineEachInEveryPanel() throws {
        let counter = try parse(Chart.svg(Synthetic.records(trials: 50, repeats: 2), title: "classic"))
        #expect(counter.panels == 6)
        for series in counter.seriesPerPanel {
            #expect(series == Strategy.allNames)
        }
        for label in ["Model creation", "Fitting", "Testing", "Total per model", "Resident memory",
                      "Cost per trial (total + isolation)", "Models created before in its process",
                      "Time per model (ms)", "Resident memory (MiB)"] {
            #expect(counter.texts.contains(label), "\(label) missing")
        }
    }

    @Test func aLineFarAboveTheOthersSwitchesTimePanelsToALogAxis() throws {
        var shapes = Synthetic.realistic
        shapes[4].create *= 40
        shapes[4].fit *= 40
        shapes[4].test *= 40
        let counter = try parse(Chart.svg(Synthetic.records(shapes, trials: 40)))
        #expect(counter.texts.filter { $0.hasSuffix("log scale)") }.count == 5)
        #expect(counter.texts.contains("Resident memory (MiB)"))
    }

    @Test func linesOfOneLevelKeepALinearAxis() throws {
        let counter = try parse(Chart.svg(Synthetic.records(trials: 40)))
        #expect(!counter.texts.contains { $0.contains("log scale") })
        #expect(!counter.texts.contains { $0.contains("above the axis") })
    }

    @Test func aSpikeClipsTheAxisAndIsCounted() throws {
        var records = Synthetic.records([.init(strategy: .clear)], trials: 50)
        records[15].totalSeconds = 0.5
        let svg = Chart.svg(records)
        let counter = try parse(svg)
        #expect(counter.texts.contains("▲ 1 above the axis, up to 500 ms"))
        // Once in the total panel, once in the cost panel, which adds isolation to it.
        #expect(svg.components(separatedBy: "class=\"clipped\"").count - 1 == 2)
    }

    @Test func textIsEscaped() throws {
        let records = [Synthetic.record("a<b & \"c\"")]
        let counter = try parse(Chart.svg(records, title: "x < y & 'z'"))
        #expect(counter.texts.contains("a<b & \"c\""))
        #expect(counter.texts.contains { $0.contains("x < y & 'z'") })
    }
}

@Suite struct ChartReadingTests {
    private func count(_ svg: String, _ fragment: String) -> Int {
        svg.components(separatedBy: fragment).count - 1
    }

    @Test func everyStrategyGetsATrendLineWithItsSlopeInTheLegend() {
        let svg = Chart.svg(Synthetic.records(trials: 100))
        #expect(count(svg, "class=\"trend\" data-strategy=\"no-clear\"") == 6)
        #expect(svg.contains("no-clear  +"))
        #expect(svg.contains("/model (grows)"))
        #expect(svg.contains("clear  ") && svg.contains("/model (flat)"))
        #expect(svg.contains("/trial (flat)"), "process is drawn per trial")
    }

    @Test func theXAxisIsModelsCreatedInTheProcessNotTheTrialIndex() {
        // Two workers took alternate trials: x runs to 9, not 19.
        let records = (0..<20).map {
            Synthetic.record("no-clear", trial: $0, total: 0.001 * Double(1 + $0 / 2), pid: Int32(1 + $0 % 2),
                             modelsBefore: $0 / 2)
        }
        let svg = Chart.svg(records)
        #expect(svg.contains(">Models created before in its process<"))
        #expect(svg.contains(">10<") && !svg.contains(">20<"))
    }

    @Test func longRunsAreDrawnAsMedianBands() {
        #expect(count(Chart.svg(Synthetic.records(trials: 40)), "class=\"band\"") == 0)
        #expect(count(Chart.svg(Synthetic.records(trials: 100)), "class=\"band\"") == 6 * 6)
    }

    @Test func twoFilesAreOverlaidAndNamed() {
        let a = Synthetic.records(trials: 20, seed: 1)
        let b = Synthetic.records(trials: 20, seed: 2)
        let svg = Chart.svg(b, overlay: .init(baseline: a, names: ("before.jsonl", "after.jsonl")))
        #expect(count(svg, "class=\"baseline\"") == 6 * 6)
        #expect(count(svg, "class=\"series\"") == 6 * 6)
        #expect(svg.contains("Dashed: A = before.jsonl") && svg.contains("Solid: B = after.jsonl"))
    }

    @Test func anyValueAFileMayHoldDrawsWithoutTrapping() {
        var records = Synthetic.records([.init(strategy: .noClear)], trials: 30)
        records[0].totalSeconds = 1e308
        records[1].createSeconds = -1e308
        records[2].rssBytes = Int.max
        records[3].isolationSeconds = -5
        records[4].modelsBefore = Int.max
        records[5].fitSeconds = .infinity
        records[6].testSeconds = .nan
        records[7].strategy = Strategy(rawValue: String(repeating: "x<", count: 100_000))
        let svg = Chart.svg(records, title: String(repeating: "&", count: 10_000))
        #expect(svg.hasSuffix("</svg>\n"))
        #expect(!svg.contains("nan") && !svg.contains("inf"))
    }
}

@Suite struct ChartPathTests {
    @Test func theChartGoesBesideTheRecords() {
        #expect(Chart.path(besideRecords: "results/classic.jsonl") == "results/classic.svg")
        #expect(Chart.path(besideRecords: "run") == "run.svg")
        #expect(Chart.path(besideRecords: "/tmp/a.b/run.jsonl") == "/tmp/a.b/run.svg")
    }
}
