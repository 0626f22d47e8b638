import Analysis
import TrialRecords

/// One self-contained HTML page: the verdict, the statistics tables and the chart's SVG
/// inline, with no external resources.
public enum HTMLPage {
    /// The HTML document for `records`.
    ///
    /// - Parameters:
    ///   - title: what the page shows, usually the experiment; it is escaped.
    ///   - overlay: file A of a comparison, overlaid dashed on the chart of `records` (B).
    public static func render(_ records: [TrialRecord], title: String? = nil, overlay: Chart.Overlay? = nil) -> String {
        let summary = RunSummary(records: records)
        let verdict = Verdict(summary: summary)
        let heading = "IsoRun report" + (title.map { ": \($0)" } ?? "")
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>\(heading.xmlEscaped)</title>
            <style>
            body { font-family: Helvetica, Arial, sans-serif; margin: 2em auto; max-width: 1240px; color: #222; }
            table { border-collapse: collapse; margin: 1em 0; font-size: 14px; }
            th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: right; }
            th:first-child, td:first-child { text-align: left; }
            th { background: #f3f3f3; }
            .real { font-weight: bold; }
            svg { max-width: 100%; height: auto; }
            </style>
            </head>
            <body>
            <h1>\(heading.xmlEscaped)</h1>

            """
        html += "<p>\(summary.recordCount) records; statistics use ok trials only. Quantiles: linear "
            + "interpolation (type 7). Intervals: 95%, Student t. Growth is against models created "
            + "before in the same process, with one intercept per process, fitted after each process's warm-up "
            + "(its first 10% of trials); it is called growth only when its interval excludes zero and, over the "
            + "run, it adds more than half of a median trial (1% of the median resident memory). A strategy that ran "
            + "each trial in a fresh process accumulates nothing by construction: its slope is the drift per "
            + "trial over the run.</p>\n"
        html += "<h2>Verdict</h2>\n<ul>\n"
        html += verdict.sentences.map { "<li>\($0.xmlEscaped)</li>\n" }.joined()
        html += "</ul>\n<h2>Chart</h2>\n"
        html += Chart.svg(records, title: title, overlay: overlay).split(separator: "\n").dropFirst().joined(separator: "\n") + "\n"
        html += "<h2>Strategies</h2>\n" + strategyTable(summary)
        for phase in Phase.allCases {
            html += "<h2>\(phase.title.xmlEscaped)</h2>\n" + phaseTable(summary, phase: phase)
        }
        return html + "</body>\n</html>\n"
    }

    private static func strategyTable(_ summary: RunSummary) -> String {
        var html = "<table>\n<tr><th>Strategy</th><th>Trials ok</th><th>Not ok</th><th>Total</th>"
            + "<th>Median, first N</th><th>Median, last N</th><th>Growth per model</th>"
            + "<th>Memory per model</th><th>Isolation per trial</th></tr>\n"
        for strategy in summary.strategies {
            let firstLast = strategy.firstLast
            let first = firstLast.map { "\(Units.duration($0.first)) (first \($0.count))" } ?? "–"
            let last = firstLast.map { "\(Units.duration($0.last)) (last \($0.count))" } ?? "–"
            let cells: [String] = [
                "\(strategy.outcomes.ok)/\(strategy.outcomes.total)",
                strategy.outcomes.problems.isEmpty ? "–" : strategy.outcomes.problems,
                Units.duration(strategy.totalSeconds), first, last,
            ]
            html += "<tr><td>\(strategy.strategy.rawValue.xmlEscaped)</td>"
                + cells.map { "<td>\($0.xmlEscaped)</td>" }.joined()
                + growthCell(strategy[.total], axis: strategy.growthAxis) + growthCell(strategy[.rss], axis: strategy.growthAxis)
                + "<td>\((strategy[.isolation].statistics.median.map(Units.duration) ?? "–").xmlEscaped)</td></tr>\n"
        }
        return html + "</table>\n"
    }

    private static func phaseTable(_ summary: RunSummary, phase: Phase) -> String {
        var html = "<table>\n<tr><th>Strategy</th><th>n</th><th>Median</th><th>IQR</th>"
            + "<th>Mean ± 95% CI</th><th>Outliers (trials)</th><th>Slope per model ± 95% CI</th></tr>\n"
        for strategy in summary.strategies {
            let summary = strategy[phase]
            let statistics = summary.statistics
            let mean: String
            if let value = statistics.mean {
                mean = statistics.meanInterval.map { phase.format(value, plusMinus: $0.halfWidth) } ?? phase.format(value)
            } else {
                mean = "–"
            }
            let outliers = summary.outlierTrials.isEmpty
                ? "none"
                : "\(summary.outlierTrials.count): " + summary.outlierTrials.prefix(8).map(String.init).joined(separator: ", ")
                    + (summary.outlierTrials.count > 8 ? ", …" : "")
            let cells = [
                String(statistics.count),
                statistics.median.map(phase.format) ?? "–",
                statistics.interquartileRange.map(phase.format) ?? "–",
                mean,
                outliers,
            ]
            html += "<tr><td>\(strategy.strategy.rawValue.xmlEscaped)</td>"
                + cells.map { "<td>\($0.xmlEscaped)</td>" }.joined() + growthCell(summary, axis: strategy.growthAxis) + "</tr>\n"
        }
        return html + "</table>\n"
    }

    /// A steady-state slope (see ``WarmUp``); on the trial-index axis it is drift per trial.
    private static func growthCell(_ phase: PhaseSummary, axis: ModelsCreated.Axis) -> String {
        let real = phase.call == .grows || phase.call == .shrinks
        let slope = phase.formattedSlope + (axis == .trialIndex ? " per trial (fresh process each)" : "")
        return "<td\(real ? " class=\"real\"" : "")>\(slope.xmlEscaped)</td>"
    }
}
