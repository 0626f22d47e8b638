import Experiments
import TrialRecords
import Wire
import TrialRuntime

/// Runs an experiment's in-process strategies inside this process, one trial at a
/// time: the classic single-process experiment without any worker.
public struct LocalRunner {
    public let plan: RunPlan
    private let host = TrialHost(worker: "local", launch: .inProcess)

    /// - Precondition: no strategy of the plan isolates with processes.
    public init(plan: RunPlan) {
        precondition(
            plan.experiment.strategies.allSatisfy { !$0.isolatesProcesses },
            "LocalRunner cannot run \(plan.experiment.strategies.filter(\.isolatesProcesses))")
        self.plan = plan
    }

    /// Runs every trial, handing each record to `sink` as soon as the trial ends.
    ///
    /// - Parameter shouldStop: asked before each trial; `true` ends the run early.
    public func run(shouldStop: () -> Bool = { false }, sink: (TrialRecord) throws -> Void) throws {
        for stage in plan.stages {
            host.reset()
            for spec in stage.trials {
                if shouldStop() { return }
                try sink(host.run(spec, workload: plan.experiment.workload))
            }
        }
        host.reset()
    }
}
