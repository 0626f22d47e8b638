import TrialRecords

/// One strategy's trials for one repeat: what the scheduler runs to the end
/// before it starts the next, and what workers reset their state between.
public struct Stage: Sendable, Equatable {
    public var strategy: Strategy
    public var `repeat`: Int
    public var trials: [TrialSpec]

    public init(strategy: Strategy, repeat: Int, trials: [TrialSpec]) {
        self.strategy = strategy
        self.repeat = `repeat`
        self.trials = trials
    }
}
