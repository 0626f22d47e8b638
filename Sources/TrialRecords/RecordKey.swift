/// What makes a record one of a kind: the run, and which attempt of which trial
/// of that run it reports. A run writes exactly one record per key, so a
/// collector that stores each key once stores every record once, however often
/// it is sent.
public struct RecordKey: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The run (16 lowercase hex digits).
    public var runID: String
    public var strategy: Strategy
    public var `repeat`: Int
    public var trial: Int
    public var attempt: Int

    public init(runID: String, strategy: Strategy, repeat: Int, trial: Int, attempt: Int) {
        self.runID = runID
        self.strategy = strategy
        self.repeat = `repeat`
        self.trial = trial
        self.attempt = attempt
    }

    /// The key of `record`.
    public init(_ record: TrialRecord) {
        self.init(
            runID: record.runID, strategy: record.strategy, repeat: record.repeat, trial: record.trial,
            attempt: record.attempt)
    }

    /// `run 9f1c0e4a2b7d4c11 clear repeat 0 trial 7 attempt 1`.
    public var description: String {
        "run \(runID) \(strategy.rawValue) repeat \(`repeat`) trial \(trial) attempt \(attempt)"
    }

    enum CodingKeys: String, CodingKey {
        case runID = "run_id"
        case strategy, `repeat`, trial, attempt
    }
}
