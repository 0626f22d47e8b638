import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
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

    @Test func noRecordsStillDrawFiveEmptyPanels() throws {
        let counter = try parse(Chart.svg([]))
        #expect(counter.panels == 5)
        #expect(counter.seriesPerPanel.allSatisfy { $0.isEmpty })
        #expect(counter.texts.contains("no ok trials"))
    }

    @Test func oneRecordDrawsOneLinePerPanel() throws {
        let counter = try parse(Chart.svg([Synthetic.record()]))
        #expect(counter.seriesPerPanel == Array(repeating: ["clear"], count: 5))
    }

    @Test func manyStrategiesDrawOneLineEachInEveryPanel() throws {
        let counter = try parse(Chart.svg(Synthetic.records(trials: 50, repeats: 2), title: "classic"))
        #expect(counter.panels == 5)
        for series in counter.seriesPerPanel {
            #expect(series == RunSummary.knownStrategies)
        }
        for label in ["Model creation", "Fitting", "Testing", "Total per model", "Resident memory",
                      "Trial index", "Time per model (ms)", "Resident memory (MiB)"] {
            #expect(counter.texts.contains(label), "\(label) missing")
        }
    }

    @Test func aLineFarAboveTheOthersSwitchesTimePanelsToALogAxis() throws {
        var shapes = Synthetic.realistic
        shapes[4].create *= 40
        shapes[4].fit *= 40
        shapes[4].test *= 40
        let counter = try parse(Chart.svg(Synthetic.records(shapes, trials: 40)))
        #expect(counter.texts.filter { $0.hasSuffix("log scale)") }.count == 4)
        #expect(counter.texts.contains("Resident memory (MiB)"))
    }

    @Test func linesOfOneLevelKeepALinearAxis() throws {
        let counter = try parse(Chart.svg(Synthetic.records(trials: 40)))
        #expect(!counter.texts.contains { $0.contains("log scale") })
        #expect(!counter.texts.contains { $0.contains("above the axis") })
    }

    @Test func aFewSpikesClipTheAxisAndAreCounted() throws {
        var records = Synthetic.records([.init(strategy: .clear)], trials: 100)
        records[30].totalSeconds = 0.5
        records[60].totalSeconds = 0.4
        let svg = Chart.svg(records)
        let counter = try parse(svg)
        #expect(counter.texts.contains("▲ 2 above the axis, up to 500 ms"))
        #expect(svg.components(separatedBy: "class=\"clipped\"").count - 1 == 2)
    }

    @Test func textIsEscaped() throws {
        let records = [Synthetic.record("a<b & \"c\"")]
        let counter = try parse(Chart.svg(records, title: "x < y & 'z'"))
        #expect(counter.texts.contains("a<b & \"c\""))
        #expect(counter.texts.contains { $0.contains("x < y & 'z'") })
    }
}

@Suite struct ChartPathTests {
    @Test func theChartGoesBesideTheRecords() {
        #expect(Chart.path(besideRecords: "results/classic.jsonl") == "results/classic.svg")
        #expect(Chart.path(besideRecords: "run") == "run.svg")
        #expect(Chart.path(besideRecords: "/tmp/a.b/run.jsonl") == "/tmp/a.b/run.svg")
    }
}
