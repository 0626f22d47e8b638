import TrialRecords

/// The x of every growth fit: how many models were created before a trial *in the
/// process that ran it*.
///
/// A record's `trial` counts models created before it in its strategy. When a strategy
/// ran in one process that is also the number of models whose state the trial's process
/// had accumulated. When it ran on W workers, each worker process accumulates only its
/// own trials, so trial 57 may be the 10th model of its process: growth is what one more
/// model *in the same process* costs. So records of the same (strategy, repeat, pid) are
/// ordered by `trial` and each gets its rank among them (0, 1, 2, ...) as x. For a
/// strategy that ran in one process the rank equals `trial`.
public enum ModelsCreated {
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
            groups[ProcessKey(strategy: record.strategy, repeat: record.repeat, pid: record.pid), default: []]
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
