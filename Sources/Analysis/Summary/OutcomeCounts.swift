import TrialRecords

/// How many trials ended each way, counting a trial once however many attempts it
/// took: its outcome is that of its last attempt (a lost worker's trial is retried,
/// and only the retry's record says how it ended).
public struct OutcomeCounts: Sendable, Equatable, Codable {
    /// Trials that ended `ok`: the only ones statistics use.
    public var ok = 0
    /// Trials that threw.
    public var failed = 0
    /// Trials killed after their timeout.
    public var timeout = 0
    /// Trials whose worker died or fell silent, on their last attempt.
    public var workerLost = 0
    /// Records read: one per attempt, so more than ``total`` when trials were retried.
    public var attempts = 0

    /// All trials.
    public var total: Int { ok + failed + timeout + workerLost }

    /// Counts the trials of `records`: one per (run, strategy, repeat, trial), with the
    /// outcome of its highest attempt.
    public init(_ records: some Sequence<TrialRecord>) {
        var last: [TrialKey: (attempt: Int, outcome: Outcome)] = [:]
        for record in records {
            attempts += 1
            let key = TrialKey(run: record.runID, strategy: record.strategy, repeat: record.repeat, trial: record.trial)
            if let seen = last[key], seen.attempt > record.attempt { continue }
            last[key] = (record.attempt, record.outcome)
        }
        for (_, final) in last {
            switch final.outcome {
            case .ok: ok += 1
            case .failed: failed += 1
            case .timeout: timeout += 1
            case .workerLost: workerLost += 1
            }
        }
    }

    /// The trials that did not end `ok`, as `2 failed, 1 timeout`; empty when none.
    public var problems: String {
        [(failed, "failed"), (timeout, "timeout"), (workerLost, "worker-lost")]
            .filter { $0.0 > 0 }
            .map { "\($0.0) \($0.1)" }
            .joined(separator: ", ")
    }

    /// `3/4 trials ok (1 worker-lost; 6 attempts)`: trials, and attempts when more.
    public var trialsLine: String {
        var line = "\(ok)/\(total) trial\(total == 1 ? "" : "s") ok"
        var notes: [String] = []
        if !problems.isEmpty { notes.append(problems) }
        if attempts > total { notes.append("\(attempts) attempts") }
        if !notes.isEmpty { line += " (" + notes.joined(separator: "; ") + ")" }
        return line
    }

    private struct TrialKey: Hashable {
        var run: String
        var strategy: Strategy
        var `repeat`: Int
        var trial: Int
    }

    private enum CodingKeys: String, CodingKey {
        case ok, failed, timeout, attempts
        case workerLost = "worker_lost"
    }
}
