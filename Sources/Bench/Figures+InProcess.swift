import Experiments
import IsoRun
import TrialRecords

extension Figures {
    /// What the classic experiment's model costs in this process.
    public struct InProcessTrial: Sendable {
        /// Median total (create + fit + test) of a seed-model trial under `clear`.
        public var clearMedian: DurationFigure
        /// Under `no-clear`, median total of the last 10 trials over that of the first 10.
        public var noClearGrowth: Double
    }

    /// Seed-model trials run in this process (no workers): `trials` under `clear`,
    /// and 100 under `no-clear` for the growth ratio.
    public func inProcessTrial(trials: Int) throws -> InProcessTrial {
        let clear = try runLocally(Experiment(name: "bench-clear", strategies: [.clear], trials: trials))
        let noClear = try runLocally(Experiment(name: "bench-no-clear", strategies: [.noClear], trials: 100))
        let totals = noClear.compactMap(\.totalSeconds)
        return InProcessTrial(
            clearMedian: DurationFigure(seconds: clear.dropFirst(trials / 10).compactMap(\.totalSeconds)),
            noClearGrowth: median(totals.suffix(10)) / median(totals.prefix(10)))
    }

    private func runLocally(_ experiment: Experiment) throws -> [TrialRecord] {
        var records: [TrialRecord] = []
        try LocalRunner(plan: RunPlan(experiment)).run { records.append($0) }
        guard records.allSatisfy({ $0.outcome == .ok }) else {
            throw BenchError("\(experiment.name): a trial failed: \(records.first { $0.outcome != .ok }?.reason ?? "")")
        }
        return records
    }

    private func median(_ values: some Collection<Double>) -> Double {
        let sorted = values.sorted()
        return sorted[sorted.count / 2]
    }
}
