import Processes
import TrialRecords
import Wire

extension ExperimentRun {
    /// The socket file of the local link's listener, which forked `process`
    /// trials connect to (exec'd ones inherit a link with their task on it), in
    /// the run's private folder; nil when they use ZeroMQ instead: the run
    /// has no `process` stage, launches through Slurm, runs a worker program
    /// without a trial program (a Python worker), or has a task too large for
    /// one packet of the link.
    func localLinkPath(in folder: PrivateFolder, command: WorkerCommand) -> String? {
        guard command.trial != nil, experiment.cluster.launcher == .local,
              plan.stages.contains(where: { $0.strategy == .process }),
              experiment.workloadJSON.utf8.count < WirePacket.limit / 2
        else { return nil }
        return "\(folder.path)/trials"
    }
}
