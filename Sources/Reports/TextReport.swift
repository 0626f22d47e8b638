import Analysis

/// The default terminal summary: per strategy its trials, time, first and last medians,
/// steady-state growth of time and memory with their intervals (and how much warm-up
/// the fits left out, with the all-trials slopes), isolation price and a one-line verdict;
/// then the whole verdict. Lines are wrapped to fit ``width`` columns.
public enum TextReport {
    /// The widest line the report writes.
    public static let width = 100

    /// The text of `summary` and `verdict`, ending with a newline.
    ///
    /// - Parameters:
    ///   - colour: emphasise headings with ANSI bold; pass `true` only when writing to a
    ///     terminal.
    public static func render(_ summary: RunSummary, verdict: Verdict, colour: Bool = false) -> String {
        var lines: [String] = []
        let ok = summary.strategies.reduce(0) { $0 + $1.outcomes.ok }
        let experiments = summary.experiments.isEmpty ? "" : " of \(summary.experiments.joined(separator: ", "))"
        let trials = summary.strategies.reduce(0) { $0 + $1.outcomes.total }
        let runs = summary.runs.count > 1 ? ", \(summary.runs.count) runs (\(summary.runs.joined(separator: ", ")))" : ""
        lines += heading("IsoRun report\(experiments): \(summary.recordCount) records, \(ok)/\(trials) trials ok\(runs)",
                         colour: colour)
        if summary.strategies.isEmpty { lines.append("No records.") }
        for strategy in summary.strategies {
            lines.append("")
            lines += block(strategy, verdict: verdict, colour: colour)
        }
        let sentences = verdict.runSentences
        if !sentences.isEmpty {
            lines.append("")
            lines += heading("Verdict", colour: colour)
            for sentence in sentences { lines += wrap(sentence, first: "- ", rest: "  ") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func block(_ strategy: StrategySummary, verdict: Verdict, colour: Bool) -> [String] {
        var title = "\(strategy.strategy): \(strategy.outcomes.trialsLine)"
        title += ", \(Units.duration(strategy.totalSeconds)) in total"
        if let ends = strategy.firstLast {
            title += "; median total: first \(ends.count) \(Units.duration(ends.first)), "
                + "last \(ends.count) \(Units.duration(ends.last))"
        }
        var lines = heading(title, colour: colour)
        let per: String
        if strategy.growthAxis == .trialIndex {
            per = "per trial"
            lines += row("growth", "none by construction: each trial ran in a fresh process")
            lines += row("drift", "\(strategy[.total].formattedSlope) per trial over the run "
                + "(\(label(strategy[.total])))")
            lines += row("memory", "\(strategy[.rss].formattedSlope) resident per trial over the run "
                + "(\(label(strategy[.rss])))")
        } else {
            per = "per model"
            lines += row("growth", "\(strategy[.total].formattedSlope) per model created before it "
                + "(\(label(strategy[.total])))")
            lines += row("memory", "\(strategy[.rss].formattedSlope) resident per model "
                + "(\(label(strategy[.rss])))")
        }
        if strategy.warmUpExcluded > 0 {
            let scope = strategy.growthAxis == .trialIndex ? "trials of the run" : "trials of each process"
            lines += row("warm-up", "first 10% of the \(scope) (\(strategy.warmUpExcluded) in all) left out "
                + "of the lines above; over all trials: \(strategy[.total].formattedAllTrialsSlope) and "
                + "\(strategy[.rss].formattedAllTrialsSlope) \(per)")
        }
        if let isolation = strategy[.isolation].statistics.median {
            lines += row("isolation", "\(Units.duration(isolation)) per trial (median)")
        }
        if let mean = strategy.meanTrialCost, let median = strategy.medianTrialCost {
            lines += row("cost", "\(Verdict.mean(mean, median: median)) per trial, total + isolation")
        }
        let outliers = strategy[.total].outlierTrials
        if !outliers.isEmpty {
            let listed = outliers.prefix(10).map(String.init).joined(separator: ", ") + (outliers.count > 10 ? ", ..." : "")
            lines += row("outliers", "\(outliers.count) in total time (modified z > 3.5): trials \(listed)")
        }
        if let headline = verdict.strategies.first(where: { $0.strategy == strategy.strategy })?.headline {
            lines += row("verdict", headline)
        }
        return lines
    }

    private static func label(_ phase: PhaseSummary) -> String {
        switch phase.call {
        case .grows, .shrinks: "\(phase.call.rawValue): \(phase.formattedOverRun ?? "")"
        case .flat: "flat: " + (phase.growthKind.isReal
            ? "statistically non-zero, but \(phase.formattedOverRun ?? ""); threshold \(Verdict.threshold(phase))"
            : "indistinguishable from zero")
        case .undetermined: "undetermined: too few trials"
        }
    }

    private static func heading(_ text: String, colour: Bool) -> [String] {
        wrap(text, first: "", rest: "  ").map { colour ? "\u{1B}[1m\($0)\u{1B}[0m" : $0 }
    }

    private static func row(_ name: String, _ text: String) -> [String] {
        let label = "  " + name.padding(toLength: 11, withPad: " ", startingAt: 0)
        return wrap(text, first: label, rest: String(repeating: " ", count: label.count))
    }

    /// Words of `text` in lines of at most ``width`` columns, the first prefixed with
    /// `first`, the others with `rest`; a word longer than a line gets a line of its own.
    static func wrap(_ text: String, first: String, rest: String) -> [String] {
        var lines: [String] = []
        var line = first
        var empty = true
        for word in text.split(separator: " ") {
            if !empty && line.count + 1 + word.count > width {
                lines.append(line)
                line = rest
                empty = true
            }
            line += (empty ? "" : " ") + word
            empty = false
        }
        lines.append(line)
        return lines
    }
}
