import TrialRecords

/// Everything the reports say about one strategy, computed from its records.
///
/// Trials are counted once however many attempts they took (``OutcomeCounts``);
/// statistics use only `ok` records and, per phase, only the values they measured: a
/// null never enters a mean, a median or a fit.
public struct StrategySummary: Sendable, Equatable {
    /// The medians of the first and of the last `count` trial indices, over `ok` trials:
    /// given only when there are at least `2 × count` indices, so the two never overlap.
    public struct FirstLast: Sendable, Equatable {
        /// How many trial indices each end holds: 10, or half the indices when fewer than 20.
        public var count: Int
        /// The median `total_s` of the first `count` indices (all repeats).
        public var first: Double
        /// The median `total_s` of the last `count` indices (all repeats).
        public var last: Double

        /// Both ends' medians over `count` indices each.
        public init(count: Int, first: Double, last: Double) {
            self.count = count
            self.first = first
            self.last = last
        }
    }

    /// The strategy's name.
    public var strategy: Strategy
    /// How its trials ended.
    public var outcomes: OutcomeCounts
    /// How many repeats of the strategy the records hold.
    public var repeats: Int
    /// How many processes ran its trials (distinct run, host, pid and repeat).
    public var processes: Int
    /// One summary per ``Phase``, in `Phase.allCases` order.
    public var phases: [PhaseSummary]
    /// The sum of `total_s` over `ok` trials, all repeats.
    public var totalSeconds: Double
    /// What one run of the strategy cost: the sum of the ``Phase/cost`` of its `ok`
    /// trials, divided by the number of repeats.
    public var runCost: Double
    /// The mean ``Phase/cost`` per `ok` trial: what a long run pays per model, the
    /// figure rankings and break-evens use.
    public var meanTrialCost: Double?
    /// The median ``Phase/cost`` per `ok` trial, shown beside the mean when they differ.
    public var medianTrialCost: Double?
    /// First and last trial indices' medians; nil with fewer than 2 indices.
    public var firstLast: FirstLast?

    /// What growth is measured against: models created before in the process, or the
    /// trial index when every trial ran in a fresh process.
    public var growthAxis: ModelsCreated.Axis
    /// How many `ok` trials the steady-state growth fits left out as warm-up (see
    /// ``WarmUp``); 0 when none.
    public var warmUpExcluded: Int
    /// The most trials left out of one process (or repeat, on the trial-index axis).
    public var warmUpPerProcess: Int

    /// The summary of `phase`.
    public subscript(phase: Phase) -> PhaseSummary {
        phases.first { $0.phase == phase }!
    }

    /// Summarises `records`, which must all belong to `strategy`.
    public init(strategy: Strategy, records: [TrialRecord]) {
        precondition(records.allSatisfy { $0.strategy == strategy },
                     "records of other strategies passed to the summary of '\(strategy)'")
        self.strategy = strategy
        outcomes = OutcomeCounts(records)
        repeats = Set(records.map(\.repeat)).count
        let axis = ModelsCreated.axis(of: records)
        growthAxis = axis
        processes = Set(records.map { ModelsCreated.sequence(of: $0, axis: .modelsInProcess) }).count
        let ok = records.filter { $0.outcome == .ok }
        let xs = ok.map { ModelsCreated.x(of: $0, axis: axis) }
        let sequences = ok.map { ModelsCreated.sequence(of: $0, axis: axis) }
        var labels: [ModelsCreated.Sequence: Int] = [:]
        var firstX: [Int: Double] = [:]
        var lastX: [Int: Double] = [:]
        var lengths: [Int: Int] = [:]
        let groups = sequences.indices.map { index -> Int in
            let label = labels[sequences[index]] ?? labels.count
            labels[sequences[index]] = label
            firstX[label] = min(firstX[label] ?? xs[index], xs[index])
            lastX[label] = max(lastX[label] ?? xs[index], xs[index])
            lengths[label, default: 0] += 1
            return label
        }
        // Warm-up: the first 10% of each process's models, counted from its first one.
        let warmUps = groups.map { WarmUp.length(ofProcessWith: lengths[$0]!) }
        let steady = Set(xs.indices.filter { xs[$0] - firstX[groups[$0]]! >= Double(warmUps[$0]) })
        warmUpExcluded = xs.count - steady.count
        warmUpPerProcess = warmUps.max() ?? 0
        phases = Phase.allCases.map { phase in
            let measured = ok.indices.filter { phase.value(of: ok[$0]) != nil }
            let ys = measured.map { phase.value(of: ok[$0])! }
            let all = LinearFit(xs: measured.map { xs[$0] }, ys: ys, groups: measured.map { groups[$0] })
            let kept = measured.indices.filter { steady.contains(measured[$0]) }
            // The growth the verdict reads: after the warm-up, and without outlying trials.
            let growth = LinearFit.robust(
                xs: kept.map { xs[measured[$0]] }, ys: kept.map { ys[$0] }, groups: kept.map { groups[measured[$0]] }).fit
            let spans = Set(measured.map { groups[$0] }).map { lastX[$0]! - firstX[$0]! }
            let statistics = Statistics(ys)
            return PhaseSummary(
                phase: phase, statistics: statistics, growth: growth, allTrialsGrowth: all,
                outlierTrials: statistics.outliers.map { ok[measured[$0]].trial }.sorted(),
                span: spans.max() ?? 0, spanUnit: axis == .trialIndex ? "trials" : "models")
        }
        totalSeconds = ok.compactMap(\.totalSeconds).reduce(0, +)
        let costs = ok.compactMap(Phase.cost.value(of:))
        runCost = costs.reduce(0, +) / Double(max(1, repeats))
        meanTrialCost = costs.isEmpty ? nil : costs.reduce(0, +) / Double(costs.count)
        medianTrialCost = Statistics.median(costs)
        firstLast = Self.firstLast(ok)
    }

    private static func firstLast(_ ok: [TrialRecord]) -> FirstLast? {
        let indices = Array(Set(ok.filter { $0.totalSeconds != nil }.map(\.trial))).sorted()
        let count = min(10, indices.count / 2)
        guard count >= 1 else { return nil }
        let first = Set(indices.prefix(count))
        let last = Set(indices.suffix(count))
        guard let firstMedian = Statistics.median(ok.filter { first.contains($0.trial) }.compactMap(\.totalSeconds)),
              let lastMedian = Statistics.median(ok.filter { last.contains($0.trial) }.compactMap(\.totalSeconds))
        else { return nil }
        return FirstLast(count: count, first: firstMedian, last: lastMedian)
    }
}
