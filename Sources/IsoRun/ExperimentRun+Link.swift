import Processes
import TrialRecords
import Wire

extension ExperimentRun {
    /// The socket file of the local link's listener, which forked `process`
    /// trials connect to (exec'd workers inherit a link), in the run's private
    /// folder; nil when workers use ZeroMQ instead: the run launches through
    /// Slurm, runs a worker program without a trial program (a Python worker),
    /// has a task too large for one packet of the link, or its options say so.
    func localLinkPath(in folder: PrivateFolder, command: WorkerCommand) -> String? {
        guard options.localLink, command.trial != nil, experiment.cluster.launcher == .local,
              experiment.workloadJSON.utf8.count < WirePacket.limit / 2
        else { return nil }
        return "\(folder.path)/trials"
    }

    /// The spec of the run's largest task: its longest strategy, every number at its widest.
    var largestTaskSpec: TrialSpec {
        let strategy = plan.stages.map(\.strategy).max { $0.rawValue.utf8.count < $1.rawValue.utf8.count }
        return TrialSpec(
            runID: plan.runID, experiment: experiment.name, strategy: strategy ?? .scopedSession,
            trial: .max, repeat: .max, attempt: .max)
    }
}
