/// Which trial to run: everything a worker needs besides the workload.
public struct TrialSpec: Codable, Sendable, Equatable {
    public var experiment: String
    public var strategy: Strategy
    public var trial: Int
    public var `repeat`: Int
    public var attempt: Int

    public init(experiment: String, strategy: Strategy, trial: Int, repeat: Int = 0, attempt: Int = 1) {
        self.experiment = experiment
        self.strategy = strategy
        self.trial = trial
        self.repeat = `repeat`
        self.attempt = attempt
    }
}
