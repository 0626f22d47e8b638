import TrialRecords

/// The x of every growth fit: how many models were created before a trial *in the
/// process that ran it*, or, when every trial had a fresh process, the trial's index.
///
/// A record's `trial` counts models created before it in its strategy. When a strategy
/// ran in one process that is also the number of models whose state the trial's process
/// had accumulated. When it ran on W workers, each worker process accumulates only its
/// own trials, so trial 57 may be the 10th model of its process: growth is what one more
/// model *in the same process* costs. So records of the same (strategy, repeat, pid) are
/// ordered by `trial` and each gets its rank among them (0, 1, 2, ...) as x. For a
/// strategy that ran in one process the rank equals `trial`.
///
/// A strategy whose every `ok` trial ran alone in its process (`process`, one fresh
/// process per trial) has rank 0 everywhere: nothing can accumulate by construction, and
/// a fit against the rank is undefined. Its growth is taken against ``Axis/trialIndex``
/// instead, which asks a different question: does the per-trial cost drift over the
/// run (a warming fork server, a filling disk cache, a busier machine)? Reports say
/// which axis a strategy's growth used.
public enum ModelsCreated {
    /// What a strategy's growth is measured against.
    public enum Axis: String, Sendable, Codable {
        /// Models created before the trial in its own process (``ModelsCreated/beforeEach(_:)``).
        case modelsInProcess = "models-in-process"
        /// The trial's index in the run, for strategies that ran every trial in a fresh
        /// process: growth is then drift per trial over the run, not accumulation.
        case trialIndex = "trial-index"
    }

    /// The axis of the growth fits of `records`, which belong to one strategy:
    /// ``Axis/trialIndex`` when there are at least two `ok` records and each of them is
    /// the only record of its (repeat, pid), ``Axis/modelsInProcess`` otherwise.
    public static func axis(of records: [TrialRecord]) -> Axis {
        struct ProcessKey: Hashable {
            var `repeat`: Int
            var pid: Int32
        }
        var perProcess: [ProcessKey: Int] = [:]
        for record in records { perProcess[ProcessKey(repeat: record.repeat, pid: record.pid), default: 0] += 1 }
        let ok = records.filter { $0.outcome == .ok }
        guard ok.count >= 2 else { return .modelsInProcess }
        let alone = ok.allSatisfy { perProcess[ProcessKey(repeat: $0.repeat, pid: $0.pid)] == 1 }
        return alone ? .trialIndex : .modelsInProcess
    }

    /// For each record, in the order given, the number of models created before it in
    /// its process: its 0-based rank by `trial` among records with the same strategy,
    /// repeat and pid.
    public static func beforeEach(_ records: [TrialRecord]) -> [Int] {
        struct ProcessKey: Hashable {
            var strategy: String
            var `repeat`: Int
            var pid: Int32
        }
        var groups: [ProcessKey: [Int]] = [:]
        for (index, record) in records.enumerated() {
            groups[ProcessKey(strategy: record.strategy.rawValue, repeat: record.repeat, pid: record.pid), default: []]
                .append(index)
        }
        var ranks = Array(repeating: 0, count: records.count)
        for indices in groups.values {
            let ordered = indices.sorted { (records[$0].trial, $0) < (records[$1].trial, $1) }
            for (rank, index) in ordered.enumerated() { ranks[index] = rank }
        }
        return ranks
    }
}
