import TrialRecords

/// Everything the reports say about one strategy, computed from its records.
///
/// Statistics use only `ok` records; the others are counted in ``outcomes``.
public struct StrategySummary: Sendable, Equatable {
    /// The strategy's name.
    public var strategy: String
    /// How its trials ended.
    public var outcomes: OutcomeCounts
    /// How many repeats of the strategy the records hold.
    public var repeats: Int
    /// How many processes ran its trials (distinct repeat and pid pairs).
    public var processes: Int
    /// One summary per ``Phase``, in `Phase.allCases` order.
    public var phases: [PhaseSummary]
    /// The sum of `total_s` over `ok` trials, all repeats.
    public var totalSeconds: Double
    /// What one run of the strategy cost: the sum of `total_s + isolation_s` over `ok`
    /// trials, divided by the number of repeats.
    public var runCost: Double
    /// The median of `total_s + isolation_s` per `ok` trial: what one trial costs.
    public var medianTrialCost: Double?
    /// The median `total_s` of the first ten trial indices (all repeats).
    public var firstTenMedianTotal: Double?
    /// The median `total_s` of the last ten trial indices (all repeats).
    public var lastTenMedianTotal: Double?

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
    public init(strategy: String, records: [TrialRecord]) {
        precondition(records.allSatisfy { $0.strategy.rawValue == strategy },
                     "records of other strategies passed to the summary of '\(strategy)'")
        self.strategy = strategy
        outcomes = OutcomeCounts(records)
        repeats = Set(records.map(\.repeat)).count
        processes = Set(records.map { "\($0.repeat)/\($0.pid)" }).count
        growthAxis = ModelsCreated.axis(of: records)
        let freshProcesses = growthAxis == .trialIndex
        let before = ModelsCreated.beforeEach(records)
        // A sequence is what accumulates: a process, or a repeat when each trial had its own.
        struct SequenceKey: Hashable {
            var `repeat`: Int
            var pid: Int32
        }
        let sequenceOf = records.map { SequenceKey(repeat: $0.repeat, pid: freshProcesses ? 0 : $0.pid) }
        var lengths: [SequenceKey: Int] = [:]
        var labels: [SequenceKey: Int] = [:]
        for key in sequenceOf {
            lengths[key, default: 0] += 1
            if labels[key] == nil { labels[key] = labels.count }
        }
        let okIndices = records.indices.filter { records[$0].outcome == .ok }
        let ok = okIndices.map { records[$0] }
        let xs = okIndices.map { Double(freshProcesses ? records[$0].trial : before[$0]) }
        let groups = okIndices.map { labels[sequenceOf[$0]]! }
        let warmUps = okIndices.map { WarmUp.length(ofProcessWith: lengths[sequenceOf[$0]]!) }
        let steady = xs.indices.filter { xs[$0] >= Double(warmUps[$0]) }
        warmUpExcluded = xs.count - steady.count
        warmUpPerProcess = warmUps.max() ?? 0
        phases = Phase.allCases.map { phase in
            // Only measured values: a null never enters a statistic.
            let measured = ok.indices.filter { phase.value(of: ok[$0]) != nil }
            let ys = measured.map { phase.value(of: ok[$0])! }
            let statistics = Statistics(ys)
            let all = LinearFit(xs: measured.map { xs[$0] }, ys: ys, groups: measured.map { groups[$0] })
            let steadyMeasured = measured.indices.filter { xs[measured[$0]] >= Double(warmUps[measured[$0]]) }
            let growth = steadyMeasured.count == measured.count
                ? all
                : LinearFit(
                    xs: steadyMeasured.map { xs[measured[$0]] }, ys: steadyMeasured.map { ys[$0] },
                    groups: steadyMeasured.map { groups[measured[$0]] })
            return PhaseSummary(
                phase: phase, statistics: statistics, growth: growth, allTrialsGrowth: all,
                outlierTrials: statistics.outliers.map { ok[measured[$0]].trial }.sorted())
        }
        totalSeconds = ok.reduce(0) { $0 + ($1.totalSeconds ?? 0) }
        let costs = ok.compactMap { record in record.totalSeconds.map { $0 + (record.isolationSeconds ?? 0) } }
        runCost = costs.reduce(0, +) / Double(max(1, repeats))
        medianTrialCost = Statistics.median(costs)
        let indices = Array(Set(ok.map(\.trial))).sorted()
        let first = Set(indices.prefix(10))
        let last = Set(indices.suffix(10))
        firstTenMedianTotal = Statistics.median(ok.filter { first.contains($0.trial) }.compactMap(\.totalSeconds))
        lastTenMedianTotal = Statistics.median(ok.filter { last.contains($0.trial) }.compactMap(\.totalSeconds))
    }
}
