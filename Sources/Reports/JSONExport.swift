import Analysis
import Foundation

/// Statistics and verdict as machine-readable JSON with stable keys.
///
/// Keys are snake_case and sorted; every documented key is always present, with `null`
/// where a value is undefined (an interval from too few points, a break-even beyond the
/// horizon). Times are seconds and memory bytes, whatever unit the text would choose.
///
/// ```json
/// {"experiments": ["classic"], "records": 600, "strategies": [{"strategy": "no-clear",
///   "phases": {"total": {"median": 0.0123, "slope": 0.0006, "slope_ci": [0.00058, 0.00062],
///   "growth": "increasing", ...}, ...}, ...}], "verdict": {"cheapest": "clear", ...}}
/// ```
public enum JSONExport {
    /// The JSON text of `summary` and `verdict`, pretty-printed, ending with a newline.
    public static func render(_ summary: RunSummary, verdict: Verdict) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Values are filtered to finite ones; should one slip through, it is a string, not a trap.
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        // Every value is a finite number, a string, an array or null, which always encode.
        let data = try! encoder.encode(Document(summary: summary, verdict: verdict))
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private struct Document: Encodable {
        var summary: RunSummary
        var verdict: Verdict

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(summary.experiments, forKey: "experiments")
            try container.encode(summary.recordCount, forKey: "records")
            try container.encode(summary.strategies.map(Strategy.init), forKey: "strategies")
            try container.encode(VerdictDocument(verdict: verdict), forKey: "verdict")
        }
    }

    private struct Strategy: Encodable {
        var summary: StrategySummary

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(summary.strategy, forKey: "strategy")
            try container.encode(summary.outcomes, forKey: "outcomes")
            try container.encode(summary.repeats, forKey: "repeats")
            try container.encode(summary.processes, forKey: "processes")
            try container.encode(finite(summary.totalSeconds), forKey: "total_seconds")
            try container.encode(finite(summary.runCost), forKey: "run_cost_seconds")
            try container.encode(finite(summary.medianTrialCost), forKey: "median_trial_cost_seconds")
            try container.encode(finite(summary.meanTrialCost), forKey: "mean_trial_cost_seconds")
            try container.encode(summary.firstLast?.count, forKey: "first_last_count")
            try container.encode(finite(summary.firstLast?.first), forKey: "first_median_total_seconds")
            try container.encode(finite(summary.firstLast?.last), forKey: "last_median_total_seconds")
            try container.encode(summary.growthAxis.rawValue, forKey: "growth_axis")
            try container.encode(summary.warmUpExcluded, forKey: "warm_up_excluded")
            var phases = container.nestedContainer(keyedBy: Key.self, forKey: "phases")
            for phase in summary.phases {
                try phases.encode(PhaseDocument(summary: phase), forKey: Key(stringValue: phase.phase.rawValue))
            }
        }
    }

    private struct PhaseDocument: Encodable {
        var summary: PhaseSummary

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            let statistics = summary.statistics
            try container.encode(summary.phase.isMemory ? "bytes" : "seconds", forKey: "unit")
            try container.encode(statistics.count, forKey: "count")
            try container.encode(finite(statistics.median), forKey: "median")
            try container.encode(finite(statistics.firstQuartile), forKey: "q1")
            try container.encode(finite(statistics.thirdQuartile), forKey: "q3")
            try container.encode(finite(statistics.interquartileRange), forKey: "iqr")
            try container.encode(finite(statistics.mean), forKey: "mean")
            try container.encode(interval(statistics.meanInterval), forKey: "mean_ci")
            try container.encode(finite(statistics.standardDeviation), forKey: "standard_deviation")
            try container.encode(summary.outlierTrials, forKey: "outlier_trials")
            try container.encode(finite(summary.growth?.slope), forKey: "slope")
            try container.encode(finite(summary.growth?.intercept), forKey: "intercept")
            try container.encode(interval(summary.growth?.slopeInterval), forKey: "slope_ci")
            try container.encode(summary.growthKind.rawValue, forKey: "growth")
            try container.encode(summary.call.rawValue, forKey: "call")
            try container.encode(finite(summary.shareOverRun), forKey: "share_over_run")
            try container.encode(finite(summary.span), forKey: "span")
            try container.encode(finite(summary.allTrialsGrowth?.slope), forKey: "slope_all_trials")
            try container.encode(interval(summary.allTrialsGrowth?.slopeInterval), forKey: "slope_all_trials_ci")
        }
    }

    private struct VerdictDocument: Encodable {
        var verdict: Verdict

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(verdict.cheapest, forKey: "cheapest")
            try container.encode(
                verdict.ranking.map { cost -> [String: Value] in
                    ["strategy": .string(cost.strategy.rawValue), "run_cost_seconds": .number(cost.seconds)]
                },
                forKey: "ranking")
            try container.encode(
                verdict.isolationPrices.map { price -> [String: Value] in
                    ["strategy": .string(price.strategy.rawValue), "median_isolation_seconds": .number(price.medianSeconds)]
                },
                forKey: "isolation_prices")
            try container.encode(
                verdict.breakEvens.map { breakEven -> [String: Value] in
                    [
                        "against": .string(breakEven.strategy.rawValue),
                        "isolated_cost_seconds": .number(breakEven.isolatedCost),
                        "models": .integer(breakEven.models),
                        "earliest": .integer(breakEven.earliest),
                        "latest": .integer(breakEven.latest),
                        "horizon": .integer(breakEven.horizon),
                    ]
                },
                forKey: "break_evens")
            try container.encode(verdict.sentences, forKey: "sentences")
        }
    }

    /// A scalar in a small object of mixed values.
    private enum Value: Encodable {
        case string(String)
        case number(Double?)
        case integer(Int?)

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .string(let value): try container.encode(value)
            case .number(let value): try container.encode(finite(value))
            case .integer(let value): try container.encode(value)
            }
        }
    }

    private struct Key: CodingKey, ExpressibleByStringLiteral {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
        init(stringLiteral value: String) { stringValue = value }
    }

    private static func finite(_ value: Double?) -> Double? {
        value.flatMap { $0.isFinite ? $0 : nil }
    }

    private static func interval(_ interval: Interval?) -> [Double]? {
        guard let interval, interval.lower.isFinite, interval.upper.isFinite else { return nil }
        return [interval.lower, interval.upper]
    }
}
