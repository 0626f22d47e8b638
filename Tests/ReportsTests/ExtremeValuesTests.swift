import Analysis
import Charts
import Foundation
import Reports
import Testing
import TrialRecords

/// Any value a records file may hold, however wild, gives a report and a chart,
/// never a trap: what `isorun report` reads was not necessarily checked by a
/// collector (an old file, a file written by hand).
@Suite struct ExtremeValuesTests {
    static let extremes: [Double] = [
        0, -0.0, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, 1e-300, -1, 1, 1e6, 1e15, -1e15, 1e300, -1e300,
        1e308, -1e308, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .infinity, -.infinity, .nan,
    ]

    @Test func aNiceScaleOfAnyTwoValuesIsOrderedFiniteAndLabelled() {
        for minimum in Self.extremes {
            for maximum in Self.extremes {
                for ticks in [1, 5, 100] {
                    let scale = NiceScale(minimum: minimum, maximum: maximum, ticks: ticks)
                    #expect(scale.lower.isFinite && scale.upper.isFinite && scale.lower < scale.upper,
                            "\(minimum)...\(maximum): \(scale)")
                    #expect(scale.step.isFinite && scale.step > 0, "\(minimum)...\(maximum): \(scale)")
                    #expect((1...101).contains(scale.ticks.count), "\(minimum)...\(maximum): \(scale.ticks.count) ticks")
                    #expect(scale.ticks.allSatisfy { !scale.label($0).isEmpty })
                }
            }
        }
    }

    @Test func numbersAreWrittenShortHoweverLarge() {
        for value in Self.extremes {
            #expect(Units.number(value).count <= 12, "\(value): \(Units.number(value))")
            #expect(Units.duration(value).count <= 16, "\(value): \(Units.duration(value))")
            #expect(Units.bytes(value).count <= 16, "\(value): \(Units.bytes(value))")
        }
    }

    /// Records that hold each extreme in each measured field, with unknown and
    /// long strategy names and a huge `models_before`.
    static func wildRecords() -> [TrialRecord] {
        let strategies = ["clear", "no-clear", "process", "pool", "mine", String(repeating: "s", count: 5000)]
        var records: [TrialRecord] = []
        for (index, value) in extremes.enumerated() {
            for (offset, strategy) in strategies.enumerated() {
                var record = TrialRecord(
                    runID: "0000000000000001", experiment: "x", strategy: Strategy(rawValue: strategy),
                    trial: index, worker: "w1", pid: 1, host: "h", launch: .exec,
                    startedAt: "2026-12-03T12:00:00.000000Z", modelsBefore: offset.isMultiple(of: 2) ? index : 1_000_000 + index)
                record.createSeconds = value
                record.fitSeconds = offset.isMultiple(of: 3) ? value : 0.01
                record.testSeconds = 0.001
                record.totalSeconds = offset.isMultiple(of: 2) ? value : 0.02
                record.isolationSeconds = value
                record.wallSeconds = value
                record.rssBytes = value.isFinite && abs(value) < 9e18 ? Int(value) : Int.max
                record.peakRSSBytes = Int.min
                record.graphNodes = Int.max
                record.nodesCopied = -1
                records.append(record)
            }
        }
        return records
    }

    @Test(arguments: ReportFormat.allCases)
    func everyFormatRendersWildRecords(format: ReportFormat) {
        let records = Self.wildRecords()
        #expect(!format.render(records).isEmpty)
        #expect(!format.render(Array(records.prefix(3))).isEmpty)
    }

    @Test func theChartsDrawWildRecords() {
        let records = Self.wildRecords()
        let svg = Chart.svg(records, overlay: Chart.Overlay(baseline: Array(records.prefix(40)), names: ("a", "b")))
        #expect(svg.hasPrefix("<svg") || svg.hasPrefix("<?xml"))
        #expect(!svg.contains("nan") && !svg.contains("inf"))
        #expect(!HTMLPage.render(records).isEmpty)
    }

    @Test func theReaderTakesExtremeNumbersWithoutTrapping() throws {
        let line = Synthetic.record().jsonLine()
        let texts = ["1e308", "-1e308", "1e999", "-0", "5e-324", "123456789012345678901234567890", "NaN", "Infinity", "1e", "--1"]
        var lines: [String] = []
        for key in ["total_s", "rss_bytes", "trial", "models_before", "pid"] {
            let current = line.split(separator: "\"\(key)\":")[1].prefix { $0 != "," }
            for text in texts {
                lines.append(line.replacingOccurrences(of: "\"\(key)\":\(current)", with: "\"\(key)\":\(text)"))
            }
        }
        let result = try RecordReader.parse(lines.joined(separator: "\n"), file: "wild.jsonl")
        #expect(result.records.count + result.problems.count == lines.count)
        #expect(!ReportFormat.text.render(result.records).isEmpty)
    }
}
