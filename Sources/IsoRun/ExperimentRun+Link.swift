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

    /// The most trials a worker on a local link may hold ahead, `limit` at
    /// most: about half the task packets its socket takes unread, less the
    /// task it runs, which may be unread too; the rest is room for a shutdown
    /// or a refusal (once the socket is full, no packet fits, however small).
    /// A task that does not fit is not sent: the send fails, and the worker is
    /// taken for unreachable. A large workload so holds fewer trials ahead, or
    /// none: a socket here takes 167 tasks of 500 bytes (so `limit` ahead), 3
    /// of 90 kB (1 ahead), 2 of 118 kB (none).
    func tasksAheadOnLink(atMost limit: Int) -> Int {
        // The largest task of the run: its longest strategy, every number at its widest.
        let strategy = plan.stages.map(\.strategy).max { $0.rawValue.utf8.count < $1.rawValue.utf8.count }
        let spec = TrialSpec(
            runID: plan.runID, experiment: experiment.name, strategy: strategy ?? .scopedSession,
            trial: .max, repeat: .max, attempt: .max)
        let task = TaskEncoder(workloadJSON: experiment.workloadJSON).packet(for: spec)
        // As many as `limit` ahead, the one it runs, and room for as many more.
        let held = PacketSocket.packetsHeld(ofSize: task.count, upTo: 2 * limit + 1) ?? 0
        return max(0, held - 1) / 2
    }
}
