/// Which trial to run: everything a worker needs besides the workload.
public struct TrialSpec: Codable, Sendable, Equatable {
    /// The run the trial belongs to (16 lowercase hex digits); copied into its record.
    public var runID: String
    public var experiment: String
    public var strategy: Strategy
    public var trial: Int
    public var `repeat`: Int
    public var attempt: Int

    public init(runID: String, experiment: String, strategy: Strategy, trial: Int, repeat: Int = 0, attempt: Int = 1) {
        self.runID = runID
        self.experiment = experiment
        self.strategy = strategy
        self.trial = trial
        self.repeat = `repeat`
        self.attempt = attempt
    }

    enum CodingKeys: String, CodingKey {
        case runID = "run_id"
        case experiment, strategy, trial, `repeat`, attempt
    }
}
