import TrialRecords

/// The report's conclusions in plain words: which strategy is cheapest, what one more
/// model costs under each, what memory each keeps, what process isolation costs per
/// trial, and when isolating every model starts to pay for itself.
///
/// One cost model serves the ranking and the break-evens alike (see ``costModel``): a
/// trial costs `total_s + isolation_s`, and a strategy costs the *mean* of that over its
/// `ok` trials, what a long run pays per model. Where a mean and its median differ by
/// more than ``materialDifference``, the median is shown beside it. Growth is called
/// only when it matters (see ``PracticalGrowth``). Anything that depends on a strategy
/// the records do not hold is left out.
public struct Verdict: Sendable, Equatable {
    /// What one strategy's growth says.
    public struct StrategyVerdict: Sendable, Equatable {
        /// The strategy.
        public var strategy: Strategy
        /// The steady-state growth of `total_s` per model created before in the process
        /// (seconds per model), or per trial on the trial-index axis.
        public var cost: PhaseSummary
        /// The steady-state growth of `rss_bytes` per model created before in the process
        /// (bytes per model), or per trial on the trial-index axis.
        public var memory: PhaseSummary
        /// What the growth was measured against; ``ModelsCreated/Axis/trialIndex`` means
        /// every trial ran in a fresh process.
        public var axis: ModelsCreated.Axis
        /// The conclusion in one sentence, without the strategy's name.
        public var sentence: String
        /// The conclusion in a few words, for one line of a table or summary.
        public var headline: String
    }

    /// The isolation cost per trial of an isolating strategy.
    public struct IsolationPrice: Sendable, Equatable {
        /// `process` or `pool`.
        public var strategy: Strategy
        /// The mean `isolation_s` of its `ok` trials.
        public var meanSeconds: Double
        /// The median `isolation_s` of its `ok` trials.
        public var medianSeconds: Double
    }

    /// What a trial of a strategy costs under the cost model.
    public struct RunCost: Sendable, Equatable {
        /// The strategy.
        public var strategy: Strategy
        /// Its mean `total_s + isolation_s` per `ok` trial.
        public var seconds: Double
        /// Its median `total_s + isolation_s` per `ok` trial.
        public var medianSeconds: Double
    }

    /// The cost model, stated in every report.
    public static let costModel = "Cost model: a trial costs its total_s + isolation_s; strategies are ranked by "
        + "their mean cost per ok trial (what a long run pays per model), and break-evens compare the same means."

    /// How far a mean may lie from its median (as a share of the median) before the
    /// median is shown beside it.
    public static let materialDifference = 0.10

    /// The strategy with the lowest mean cost per trial; `nil` without `ok` trials.
    public var cheapest: Strategy?
    /// Strategies with `ok` trials, cheapest first.
    public var ranking: [RunCost]
    /// Whether strategies finished different numbers of `ok` trials per repeat, which
    /// makes their costs unequal comparisons under growth.
    public var unevenTrials: Bool
    /// One verdict per strategy, in report order.
    public var strategies: [StrategyVerdict]
    /// The price of process isolation, for `process` and `pool` when present.
    public var isolationPrices: [IsolationPrice]
    /// No-clear against `process` and `pool`, when no-clear and they are present.
    public var breakEvens: [BreakEven]

    /// Draws the conclusions of `summary`.
    ///
    /// - Parameter horizon: the most models a break-even is searched over; beyond it
    ///   the verdict says "never within `horizon`".
    public init(summary: RunSummary, horizon: Int = 100_000) {
        let withTrials = summary.strategies.filter { $0.meanTrialCost != nil }
        ranking = withTrials
            .map { RunCost(strategy: $0.strategy, seconds: $0.meanTrialCost!, medianSeconds: $0.medianTrialCost!) }
            .sorted { ($0.seconds, $0.strategy.rawValue) < ($1.seconds, $1.strategy.rawValue) }
        cheapest = ranking.first?.strategy
        unevenTrials = Set(withTrials.map { Double($0.outcomes.ok) / Double(max(1, $0.repeats)) }).count > 1
        strategies = summary.strategies.filter { $0.outcomes.ok > 0 }.map { strategy in
            let fresh = strategy.growthAxis == .trialIndex
            let cost = strategy[.total], memory = strategy[.rss]
            return StrategyVerdict(
                strategy: strategy.strategy, cost: cost, memory: memory, axis: strategy.growthAxis,
                sentence: fresh ? Self.freshSentence(cost: cost, memory: memory) : Self.sentence(cost: cost, memory: memory),
                headline: fresh ? Self.freshHeadline(cost: cost) : Self.headline(cost: cost, memory: memory))
        }
        isolationPrices = [Strategy.process, .pool].compactMap { strategy in
            guard let statistics = summary[strategy]?[.isolation].statistics, let mean = statistics.mean,
                  let median = statistics.median else { return nil }
            return IsolationPrice(strategy: strategy, meanSeconds: mean, medianSeconds: median)
        }
        if let noClear = summary[.noClear]?[.cost].allTrialsGrowth {
            breakEvens = [Strategy.process, .pool].compactMap { strategy in
                summary[strategy]?.meanTrialCost.map {
                    BreakEven(strategy: strategy, isolatedCost: $0, noClearTotal: noClear, horizon: horizon)
                }
            }
        } else {
            breakEvens = []
        }
    }

    /// The verdict as sentences, in the order a reader needs them: the ranking, each
    /// strategy's sentence, then ``runSentences`` after the first.
    public var sentences: [String] {
        let run = runSentences
        return Array(run.prefix(1)) + strategies.map { "\($0.strategy): \($0.sentence)" } + run.dropFirst()
    }

    /// The sentences about the run as a whole: the ranking, the price of isolation, the
    /// break-evens and the cost model, without the per-strategy sentences.
    public var runSentences: [String] {
        var sentences: [String] = []
        if let first = ranking.first {
            var sentence = "Cheapest per trial: \(first.strategy), \(Self.mean(first.seconds, median: first.medianSeconds))"
            let others = ranking.dropFirst().map {
                "\($0.strategy) \(Self.mean($0.seconds, median: $0.medianSeconds)) "
                    + "(×\(Units.number($0.seconds / max(first.seconds, .leastNonzeroMagnitude))))"
            }
            if !others.isEmpty { sentence += "; then " + others.joined(separator: ", ") }
            if unevenTrials { sentence += " (strategies finished different numbers of ok trials)" }
            sentences.append(sentence + ".")
        }
        if !isolationPrices.isEmpty {
            let prices = isolationPrices.map {
                "\(Self.mean($0.meanSeconds, median: $0.medianSeconds)) per trial for \($0.strategy)"
            }
            sentences.append("Process isolation costs " + prices.joined(separator: " and ") + ".")
        }
        for breakEven in breakEvens {
            sentences.append(Self.sentence(breakEven))
        }
        if !ranking.isEmpty { sentences.append(Self.costModel) }
        return sentences
    }

    /// `1.2 ms`, or `1.2 ms mean (median 0.9 ms)` when the two differ materially.
    package static func mean(_ mean: Double, median: Double) -> String {
        let differs = abs(mean - median) > materialDifference * abs(median)
        return differs
            ? "\(Units.duration(mean)) mean (median \(Units.duration(median)))"
            : Units.duration(mean)
    }

    private static func sentence(_ breakEven: BreakEven) -> String {
        let against = "\(breakEven.strategy) (\(Units.duration(breakEven.isolatedCost)) per trial, mean)"
        guard let models = breakEven.models else {
            return "Break-even against \(against): never within \(breakEven.horizon) models in one process."
        }
        var sentence = "Break-even against \(against): after \(models) model\(models == 1 ? "" : "s") "
            + "in one process, no-clear has cost more in total"
        if breakEven.hasInterval {
            let earliest = breakEven.earliest.map(String.init) ?? "never"
            let latest = breakEven.latest.map(String.init) ?? "never within \(breakEven.horizon)"
            if earliest != latest { sentence += " (slope's 95% CI: \(earliest) to \(latest))" }
        }
        return sentence + "."
    }
}
