import Analysis
import Foundation

/// A ``Comparison`` written out: as text for the terminal, a Markdown table, CSV rows or JSON.
public enum ComparisonReport {
    /// The comparison in `format`, ending with a newline.
    ///
    /// - Parameters:
    ///   - a: how to name file A (usually its path).
    ///   - b: how to name file B.
    public static func render(_ comparison: Comparison, a: String, b: String, format: ReportFormat) -> String {
        switch format {
        case .text: text(comparison, a: a, b: b)
        case .markdown: markdown(comparison, a: a, b: b)
        case .csv: csv(comparison)
        case .json: json(comparison, a: a, b: b)
        }
    }

    private static func verdict(_ row: Comparison.Row) -> String {
        guard row.isSignificant else { return "no significant difference" }
        return row.ratio > 1 ? "B is slower" : "B is faster"
    }

    private static func ratio(_ row: Comparison.Row) -> String {
        "×\(Units.number(row.ratio)) [\(Units.number(row.interval.lower)), \(Units.number(row.interval.upper))]"
    }

    private static func text(_ comparison: Comparison, a: String, b: String) -> String {
        var lines = [
            "Comparison, B/A: median total per model, bootstrap 95% CI (\(comparison.resamples) resamples)",
        ]
        lines += TextReport.wrap("A = \(a)", first: "  ", rest: "    ")
        lines += TextReport.wrap("B = \(b)", first: "  ", rest: "    ")
        for row in comparison.rows {
            let cells = [
                row.strategy.rawValue.padding(toLength: max(16, row.strategy.rawValue.count), withPad: " ", startingAt: 0),
                "A " + Units.duration(row.medianA).padding(toLength: 10, withPad: " ", startingAt: 0),
                "B " + Units.duration(row.medianB).padding(toLength: 10, withPad: " ", startingAt: 0),
                ratio(row).padding(toLength: 24, withPad: " ", startingAt: 0),
                verdict(row),
            ]
            lines.append("  " + cells.joined(separator: " "))
        }
        if comparison.rows.isEmpty { lines.append("  No strategy has ok trials in both files.") }
        if let warning = comparison.unlikeWarning { lines += TextReport.wrap(warning, first: "  ", rest: "    ") }
        if !comparison.notCompared.isEmpty {
            lines += TextReport.wrap("Not compared (missing from a file, or no ok trials): "
                + comparison.notCompared.map(\.rawValue).joined(separator: ", "), first: "  ", rest: "    ")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func markdown(_ comparison: Comparison, a: String, b: String) -> String {
        var lines = [
            "## Comparison: B/A",
            "",
            "A = `\(a)`, B = `\(b)`. Ratio of median total per model, 95% bootstrap CI "
                + "(\(comparison.resamples) resamples, fixed seed).",
            "",
            "| Strategy | Median A | Median B | B/A | 95% CI | Verdict |",
            "|---|---:|---:|---:|---:|---|",
        ]
        for row in comparison.rows {
            lines.append("| \(row.strategy) | \(Units.duration(row.medianA)) | \(Units.duration(row.medianB)) "
                + "| ×\(Units.number(row.ratio)) | \(Units.number(row.interval.lower))–\(Units.number(row.interval.upper)) "
                + "| \(verdict(row)) |")
        }
        if !comparison.notCompared.isEmpty {
            lines += ["", "Not compared: " + comparison.notCompared.map(\.rawValue).joined(separator: ", ") + "."]
        }
        if let warning = comparison.unlikeWarning { lines += ["", "**\(warning)**"] }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func csv(_ comparison: Comparison) -> String {
        var lines = ["strategy,ok_a,ok_b,median_total_s_a,median_total_s_b,ratio,ci_lower,ci_upper,significant"]
        for row in comparison.rows {
            lines.append([
                CSVExport.quote(row.strategy.rawValue), String(row.countA), String(row.countB), "\(row.medianA)",
                "\(row.medianB)", "\(row.ratio)", "\(row.interval.lower)", "\(row.interval.upper)",
                String(row.isSignificant),
            ].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private struct Document: Encodable {
        struct Row: Encodable {
            var strategy: String
            var ok_a: Int
            var ok_b: Int
            var median_total_s_a: Double
            var median_total_s_b: Double
            var ratio: Double
            var ci: [Double]
            var significant: Bool
        }

        var a: String
        var b: String
        var resamples: Int
        var rows: [Row]
        var not_compared: [String]
        var warnings: [String]
    }

    private static func json(_ comparison: Comparison, a: String, b: String) -> String {
        let document = Document(
            a: a, b: b, resamples: comparison.resamples,
            rows: comparison.rows.map {
                .init(strategy: $0.strategy.rawValue, ok_a: $0.countA, ok_b: $0.countB, median_total_s_a: $0.medianA,
                      median_total_s_b: $0.medianB, ratio: $0.ratio, ci: [$0.interval.lower, $0.interval.upper],
                      significant: $0.isSignificant)
            },
            not_compared: comparison.notCompared.map(\.rawValue), warnings: comparison.unlikeWarning.map { [$0] } ?? [])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Values are filtered to finite ones; should one slip through, it is a string, not a trap.
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        // Medians are positive and finite, so every ratio and bound is finite and encodes.
        let data = try! encoder.encode(document)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
