import TrialRecords

extension TrialRecord {
    /// A record of an `ok` trial with every measurement set, for round trips.
    static func sample(
        strategy: Strategy = .clear, trial: Int = 3, outcome: Outcome = .ok, reason: String? = nil
    ) -> TrialRecord {
        var record = TrialRecord(
            runID: "9f1c0e4a2b7d4c11", experiment: "seed", strategy: strategy, trial: trial, repeat: 1, attempt: 2,
            worker: "w\"3", pid: 99, host: "h", launch: .forkServer, startedAt: "2026-12-03T12:00:00.123456Z",
            modelsBefore: trial, outcome: outcome, reason: reason)
        record.createSeconds = 1.25e-5
        record.fitSeconds = 0.5
        record.testSeconds = 3e-9
        record.totalSeconds = 0.500012503
        record.isolationSeconds = 1e-3
        record.wallSeconds = 2
        record.rssBytes = 1 << 30
        record.peakRSSBytes = 1 << 31
        record.graphNodes = 152
        record.liveVariables = 14
        record.nodesCopied = 759
        return record
    }

    /// A record with nothing measured, as the coordinator writes for a lost trial.
    static let lost = TrialRecord(
        runID: "0123456789abcdef", experiment: "seed", strategy: .process, trial: 0, worker: "w1", pid: 12,
        host: "h", launch: .exec, startedAt: "2026-12-03T12:00:00.000000Z", modelsBefore: 0,
        outcome: .workerLost, reason: "worker killed by signal 9 (Killed)")
}
