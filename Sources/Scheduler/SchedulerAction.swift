import TrialRecords

/// What the ``Scheduler`` asks its loop to do, in the order given.
public enum SchedulerAction: Sendable, Equatable {
    /// Start a worker process; answer with ``SchedulerEvent/launched(_:pid:)``
    /// or ``SchedulerEvent/launchFailed(_:reason:)``.
    case launch(LaunchRequest)
    /// Send the worker this trial.
    case sendTask(TrialSpec, to: WorkerID)
    /// Tell the worker to finish and exit.
    case sendShutdown(WorkerID)
    /// Answer the worker's message with an `error` naming what was refused.
    case refuse(WorkerID, reason: String)
    /// Kill the worker's process (one this run launched), or forget an
    /// external worker's connection.
    case kill(WorkerID)
    /// Write this record: it is complete and will not change.
    case record(TrialRecord)
    /// Say this to the run's log.
    case log(LogLevel, String)
    /// The run is over: nothing more will be asked.
    case finish(RunEnding)
}

/// A worker process to start.
public struct LaunchRequest: Sendable, Equatable {
    public var worker: WorkerID
    /// The one trial of a worker started for exactly that trial (`process`),
    /// which exits after its record; nil for a long-lived worker. A launcher
    /// that can hand it to the process at its start says so in
    /// ``SchedulerEvent/launched(_:pid:taskHandedOver:)``.
    public var trial: TrialSpec?
    /// `.exec` or `.forkServer` (local), `.srun` (Slurm): what the records of
    /// its trials name as their launch.
    public var via: Launch

    public init(worker: WorkerID, trial: TrialSpec?, via: Launch) {
        self.worker = worker
        self.trial = trial
        self.via = via
    }

    /// Started for exactly one trial (`process`): it exits after its record.
    public var oneShot: Bool { trial != nil }
}

/// How loud a log line is.
public enum LogLevel: Sendable, Equatable {
    case debug, info, notice, warning, error
}

/// How a run ended.
public enum RunEnding: Sendable, Equatable {
    /// Every stage ran; `trialsWithoutOK` trials have no `ok` record at the end
    /// (failed, timed out, or lost with no attempts left).
    case completed(trialsWithoutOK: Int)
    /// SIGINT or SIGTERM stopped the run; trials not yet run have no record.
    case interrupted(signal: Int32, trialsWithoutOK: Int)
    /// The run cannot go on (workers keep dying before they say hello, a stage
    /// no worker can run).
    case failed(reason: String)
}
