/// The report's conclusions in plain words: which strategy is cheapest, what one more
/// model costs under each, what memory each keeps, what process isolation costs per
/// trial, and when isolating every model starts to pay for itself.
///
/// Anything that depends on a strategy the records do not hold is left out.
public struct Verdict: Sendable, Equatable {
    /// What one strategy's growth says.
    public struct StrategyVerdict: Sendable, Equatable {
        /// The strategy.
        public var strategy: String
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

    /// The median isolation cost per trial of an isolating strategy.
    public struct IsolationPrice: Sendable, Equatable {
        /// `process` or `pool`.
        public var strategy: String
        /// The median `isolation_s` of its `ok` trials.
        public var medianSeconds: Double
    }

    /// The strategy with the lowest ``StrategySummary/runCost``; `nil` without `ok` trials.
    public var cheapest: String?
    /// Strategies with `ok` trials, cheapest first.
    public var ranking: [RunCost]
    /// Whether strategies finished different numbers of `ok` trials per repeat, which
    /// makes their run costs unequal comparisons.
    public var unevenTrials: Bool
    /// One verdict per strategy, in report order.
    public var strategies: [StrategyVerdict]
    /// The price of process isolation, for `process` and `pool` when present.
    public var isolationPrices: [IsolationPrice]
    /// No-clear against `process` and `pool`, when no-clear and they are present.
    public var breakEvens: [BreakEven]

    /// What one run of a strategy cost.
    public struct RunCost: Sendable, Equatable {
        /// The strategy.
        public var strategy: String
        /// Its ``StrategySummary/runCost``: seconds of `total_s + isolation_s` per repeat.
        public var seconds: Double
    }

    /// Draws the conclusions of `summary`.
    ///
    /// - Parameter horizon: the most models a break-even is searched over; beyond it
    ///   the verdict says "never within `horizon`".
    public init(summary: RunSummary, horizon: Int = 100_000) {
        let withTrials = summary.strategies.filter { $0.outcomes.ok > 0 }
        ranking = withTrials
            .map { RunCost(strategy: $0.strategy, seconds: $0.runCost) }
            .sorted { ($0.seconds, $0.strategy) < ($1.seconds, $1.strategy) }
        cheapest = ranking.first?.strategy
        unevenTrials = Set(withTrials.map { Double($0.outcomes.ok) / Double(max(1, $0.repeats)) }).count > 1
        strategies = withTrials.map { strategy in
            StrategyVerdict(
                strategy: strategy.strategy, cost: strategy[.total], memory: strategy[.rss], axis: strategy.growthAxis,
                sentence: strategy.growthAxis == .trialIndex
                    ? Self.freshSentence(cost: strategy[.total], memory: strategy[.rss])
                    : Self.sentence(cost: strategy[.total], memory: strategy[.rss]),
                headline: strategy.growthAxis == .trialIndex
                    ? Self.freshHeadline(cost: strategy[.total], memory: strategy[.rss])
                    : Self.headline(cost: strategy[.total], memory: strategy[.rss]))
        }
        isolationPrices = ["process", "pool"].compactMap { name in
            summary[name].flatMap { $0[.isolation].statistics.median }
                .map { IsolationPrice(strategy: name, medianSeconds: $0) }
        }
        if let noClear = summary["no-clear"]?[.total].growth {
            breakEvens = ["process", "pool"].compactMap { name in
                summary[name]?.medianTrialCost.map {
                    BreakEven(strategy: name, isolatedCost: $0, noClearTotal: noClear, horizon: horizon)
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

    /// The sentences about the run as a whole: the ranking, the price of isolation and
    /// the break-evens, without the per-strategy sentences.
    public var runSentences: [String] {
        var sentences: [String] = []
        if let first = ranking.first {
            var sentence = "Cheapest over the whole run: \(first.strategy), "
                + "\(Units.duration(first.seconds)) of model time and isolation per repeat"
            let others = ranking.dropFirst().map {
                "\($0.strategy) \(Units.duration($0.seconds)) "
                    + "(×\(Units.number($0.seconds / max(first.seconds, .leastNonzeroMagnitude))))"
            }
            if !others.isEmpty { sentence += "; then " + others.joined(separator: ", ") }
            if unevenTrials { sentence += " (strategies finished different numbers of ok trials)" }
            sentences.append(sentence + ".")
        }
        if !isolationPrices.isEmpty {
            let prices = isolationPrices.map { "\(Units.duration($0.medianSeconds)) per trial for \($0.strategy)" }
            sentences.append("Process isolation costs " + prices.joined(separator: " and ") + " (median).")
        }
        for breakEven in breakEvens {
            sentences.append(Self.sentence(breakEven))
        }
        return sentences
    }

    private static func sentence(cost: PhaseSummary, memory: PhaseSummary) -> String {
        let costPart: String
        switch cost.growthKind {
        case .increasing:
            costPart = "one more model costs \(cost.formattedSlope) per model already created (real growth)"
        case .decreasing:
            costPart = "models get cheaper, \(cost.formattedSlope) per model already created (real)"
        case .indistinguishableFromZero:
            costPart = "no measurable growth (\(cost.formattedSlope) per model: indistinguishable from zero)"
        case .undetermined:
            costPart = "too few trials to tell whether models get dearer"
        }
        let memoryPart: String
        switch memory.growthKind {
        case .increasing:
            memoryPart = "it keeps \(memory.formattedSlope) of resident memory per model (real)"
        case .decreasing:
            memoryPart = "resident memory shrinks, \(memory.formattedSlope) per model"
        case .indistinguishableFromZero:
            memoryPart = "resident memory stays flat (\(memory.formattedSlope) per model)"
        case .undetermined:
            memoryPart = "memory growth undetermined"
        }
        return costPart + "; " + memoryPart + "."
    }

    /// The sentence of a strategy whose every trial ran in a fresh process: nothing can
    /// accumulate, so the question left is whether the per-trial cost drifts over the run.
    private static func freshSentence(cost: PhaseSummary, memory: PhaseSummary) -> String {
        let intro = "each trial ran in a fresh process, so nothing accumulates from model to model by construction"
        let costPart: String
        switch cost.growthKind {
        case .increasing, .decreasing:
            costPart = "over the run the per-trial cost drifts \(cost.formattedSlope) per trial (real)"
        case .indistinguishableFromZero:
            costPart = "the per-trial cost does not drift over the run (\(cost.formattedSlope) per trial)"
        case .undetermined:
            costPart = "too few trials to tell whether the per-trial cost drifts over the run"
        }
        let memoryPart: String
        switch memory.growthKind {
        case .increasing, .decreasing:
            memoryPart = "resident memory per trial drifts \(memory.formattedSlope) per trial (real)"
        case .indistinguishableFromZero:
            memoryPart = "resident memory per trial stays flat (\(memory.formattedSlope) per trial)"
        case .undetermined:
            memoryPart = "memory drift undetermined"
        }
        return intro + "; " + costPart + "; " + memoryPart + "."
    }

    private static func freshHeadline(cost: PhaseSummary, memory: PhaseSummary) -> String {
        let intro = "fresh process per trial: nothing accumulates by construction"
        switch cost.growthKind {
        case .increasing, .decreasing:
            return intro + "; cost drifts \(cost.formattedSlope) per trial over the run"
        case .indistinguishableFromZero:
            return intro + "; no drift in cost over the run"
        case .undetermined:
            return intro
        }
    }

    private static func headline(cost: PhaseSummary, memory: PhaseSummary) -> String {
        let time = cost.growthKind
        let space = memory.growthKind
        guard time != .undetermined else { return "too few trials to tell" }
        let adds = "adds \(cost.phase.format(abs(cost.growth?.slope ?? 0)))"
        let keeps = "keeps \(memory.phase.format(abs(memory.growth?.slope ?? 0)))"
        switch (time, space) {
        case (.increasing, .increasing):
            return "grows: each model already created \(adds) to the next and \(keeps)"
        case (.increasing, _):
            return "grows: each model already created \(adds) to the next; memory does not grow"
        case (.decreasing, .increasing):
            return "models get cheaper as they go (run-in or caching), but each model \(keeps) of memory"
        case (_, .increasing):
            return "time does not grow, but each model \(keeps) of memory"
        case (.decreasing, _):
            return "models get cheaper as they go: run-in or caching, not accumulation"
        default:
            return "flat: no measurable growth in time or memory"
        }
    }

    private static func sentence(_ breakEven: BreakEven) -> String {
        let against = "\(breakEven.strategy) (\(Units.duration(breakEven.isolatedCost)) per trial)"
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
