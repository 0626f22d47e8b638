import TrialRecords

/// How many trials ended each way.
public struct OutcomeCounts: Sendable, Equatable, Codable {
    /// Trials that ended `ok`: the only ones statistics use.
    public var ok = 0
    /// Trials that threw.
    public var failed = 0
    /// Trials killed after their timeout.
    public var timeout = 0
    /// Trials whose worker died or fell silent.
    public var workerLost = 0

    /// All trials.
    public var total: Int { ok + failed + timeout + workerLost }

    /// Counts the outcomes of `records`.
    public init(_ records: some Sequence<TrialRecord>) {
        for record in records {
            switch record.outcome {
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

    private enum CodingKeys: String, CodingKey {
        case ok, failed, timeout
        case workerLost = "worker_lost"
    }
}
