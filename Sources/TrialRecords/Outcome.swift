/// How a trial ended.
public enum Outcome: String, Codable, Sendable, CaseIterable {
    /// Created, fitted and tested.
    case ok
    /// The trial threw; the record's `reason` says what.
    case failed
    /// The trial ran past `--trial-timeout`; its worker was killed.
    case timeout
    /// The worker died or fell silent during the trial.
    case workerLost = "worker-lost"
}
