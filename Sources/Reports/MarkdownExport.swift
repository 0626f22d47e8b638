import Analysis

/// A README-ready summary: a table of strategies, a table of phase medians and the
/// verdict as a list.
public enum MarkdownExport {
    /// The Markdown text of `summary` and `verdict`, ending with a newline.
    public static func render(_ summary: RunSummary, verdict: Verdict) -> String {
        var lines: [String] = []
        let experiments = summary.experiments.isEmpty ? "" : " of \(summary.experiments.joined(separator: ", "))"
        lines.append("## IsoRun report\(escape(experiments))")
        lines.append("")
        guard !summary.strategies.isEmpty else { return (lines + ["No records."]).joined(separator: "\n") + "\n" }
        lines.append("| Strategy | Trials ok | Total | Median, first N | Median, last N "
            + "| Growth per model | Memory per model | Isolation per trial |")
        lines.append("|---|---:|---:|---:|---:|---:|---:|---:|")
        for strategy in summary.strategies {
            let cells = [
                escape(strategy.strategy.rawValue),
                "\(strategy.outcomes.ok)/\(strategy.outcomes.total)",
                Units.duration(strategy.totalSeconds),
                strategy.firstLast.map { "\(Units.duration($0.first)) (first \($0.count))" } ?? "–",
                strategy.firstLast.map { "\(Units.duration($0.last)) (last \($0.count))" } ?? "–",
                growthCell(strategy[.total], axis: strategy.growthAxis),
                growthCell(strategy[.rss], axis: strategy.growthAxis),
                strategy[.isolation].statistics.median.map(Units.duration) ?? "–",
            ]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        lines.append("")
        lines.append("Growth is steady-state: each process's first 10% of trials (warm-up) are left out of the fit. "
            + "A strategy that ran each trial in a fresh process has nothing to accumulate; its slope is the drift "
            + "per trial over the run.")
        lines.append("")
        lines.append("Median (interquartile range) per phase, `ok` trials only; quantiles by linear interpolation (type 7).")
        lines.append("")
        let phases: [Phase] = [.create, .fit, .test, .total, .isolation, .cost, .rss]
        lines.append("| Strategy | " + phases.map(\.title).joined(separator: " | ") + " |")
        lines.append("|---|" + phases.map { _ in "---:|" }.joined())
        for strategy in summary.strategies {
            let cells = phases.map { phase -> String in
                let statistics = strategy[phase].statistics
                guard let median = statistics.median, let iqr = statistics.interquartileRange else { return "–" }
                return "\(phase.format(median)) (\(phase.format(iqr)))"
            }
            lines.append("| \(escape(strategy.strategy.rawValue)) | " + cells.joined(separator: " | ") + " |")
        }
        let sentences = verdict.sentences
        if !sentences.isEmpty {
            lines.append("")
            lines.append("### Verdict")
            lines.append("")
            lines += sentences.map { "- " + escape($0) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func growthCell(_ phase: PhaseSummary, axis: ModelsCreated.Axis) -> String {
        let slope = phase.formattedSlope + (axis == .trialIndex ? " per trial (fresh process each)" : "")
        return phase.call == .grows || phase.call == .shrinks ? "**\(slope)**" : slope
    }

    /// `text` with the characters that would break a table cell or start formatting escaped.
    private static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if "|*_`[]<>\\".contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}
