import Scheduler
import TrialRecords

/// The trials of an experiment in the order they run: strategy by strategy, each
/// strategy's repeats in turn, each repeat's trials by index.
public struct RunPlan: Sendable {
    public let experiment: Experiment
    /// The run's id, in every trial's spec and so in every record.
    public let runID: String
    public let stages: [Stage]

    /// - Parameter runID: the run's id; a fresh random one by default.
    public init(_ experiment: Experiment, runID: String = RunPlan.newRunID()) {
        let stages = experiment.strategies.flatMap { strategy in
            (0..<experiment.repeats).map { repeatIndex in
                Stage(strategy: strategy, repeat: repeatIndex, trials: (0..<experiment.trials).map {
                    TrialSpec(runID: runID, experiment: experiment.name, strategy: strategy, trial: $0, repeat: repeatIndex)
                })
            }
        }
        self.init(experiment, runID: runID, stages: stages)
    }

    init(_ experiment: Experiment, runID: String, stages: [Stage]) {
        self.experiment = experiment
        self.runID = runID
        self.stages = stages
    }

    /// Trials of the whole plan.
    public var trialCount: Int { stages.reduce(0) { $0 + $1.trials.count } }

    /// A random run id: 16 lowercase hex digits (64 bits from the system's
    /// random source), so two runs sent to one collector stay apart.
    public static func newRunID() -> String {
        let digits = String(UInt64.random(in: .min ... .max), radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// Trials per strategy name, over all repeats: what progress counts towards
    /// (a resumed run's: the trials it has left).
    public var trialsPerStrategy: [(strategy: String, trials: Int)] {
        experiment.strategies.map { strategy in
            (strategy.rawValue, stages.filter { $0.strategy == strategy }.reduce(0) { $0 + $1.trials.count })
        }.filter { $0.trials > 0 }
    }
}
