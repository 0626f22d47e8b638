import Scheduler
import TrialRecords

/// The trials of an experiment in the order they run: strategy by strategy, each
/// strategy's repeats in turn, each repeat's trials by index.
public struct RunPlan: Sendable {
    public let experiment: Experiment
    public let stages: [Stage]

    public init(_ experiment: Experiment) {
        self.experiment = experiment
        stages = experiment.strategies.flatMap { strategy in
            (0..<experiment.repeats).map { repeatIndex in
                Stage(strategy: strategy, repeat: repeatIndex, trials: (0..<experiment.trials).map {
                    TrialSpec(experiment: experiment.name, strategy: strategy, trial: $0, repeat: repeatIndex)
                })
            }
        }
    }

    /// Trials of the whole plan.
    public var trialCount: Int { stages.reduce(0) { $0 + $1.trials.count } }

    /// Trials per strategy name, over all repeats: what progress counts towards.
    public var trialsPerStrategy: [(strategy: String, trials: Int)] {
        experiment.strategies.map { ($0.rawValue, experiment.trials * experiment.repeats) }
    }
}
