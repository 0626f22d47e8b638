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

    /// The summary of `phase`.
    public subscript(phase: Phase) -> PhaseSummary {
        phases.first { $0.phase == phase }!
    }

    /// Summarises `records`, which must all belong to `strategy`.
    public init(strategy: String, records: [TrialRecord]) {
        precondition(records.allSatisfy { $0.strategy == strategy },
                     "records of other strategies passed to the summary of '\(strategy)'")
        self.strategy = strategy
        outcomes = OutcomeCounts(records)
        repeats = Set(records.map(\.repeat)).count
        processes = Set(records.map { "\($0.repeat)/\($0.pid)" }).count
        let before = ModelsCreated.beforeEach(records)
        let okIndices = records.indices.filter { records[$0].outcome == .ok }
        let ok = okIndices.map { records[$0] }
        let xs = okIndices.map { Double(before[$0]) }
        phases = Phase.allCases.map { phase in
            let ys = ok.map(phase.value(of:))
            let statistics = Statistics(ys)
            return PhaseSummary(
                phase: phase, statistics: statistics, growth: LinearFit(xs: xs, ys: ys),
                outlierTrials: statistics.outliers.map { ok[$0].trial }.sorted())
        }
        totalSeconds = ok.reduce(0) { $0 + $1.totalSeconds }
        let costs = ok.map { $0.totalSeconds + $0.isolationSeconds }
        runCost = costs.reduce(0, +) / Double(max(1, repeats))
        medianTrialCost = Statistics.median(costs)
        let indices = Array(Set(ok.map(\.trial))).sorted()
        let first = Set(indices.prefix(10))
        let last = Set(indices.suffix(10))
        firstTenMedianTotal = Statistics.median(ok.filter { first.contains($0.trial) }.map(\.totalSeconds))
        lastTenMedianTotal = Statistics.median(ok.filter { last.contains($0.trial) }.map(\.totalSeconds))
    }
}
