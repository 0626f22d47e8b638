import TrialRecords

extension TrialRecord {
    /// The record the coordinator writes for a trial whose worker it lost or
    /// killed: what it knows of the trial, no measurement of the worker's.
    /// `modelsBefore` is the trials the worker's process ran before this one.
    init(
        lost spec: TrialSpec, worker: WorkerID, pid: Int32, host: String, launch: Launch, startedAt: String,
        modelsBefore: Int, wallSeconds: Double, outcome: Outcome, reason: String
    ) {
        self.init(
            runID: spec.runID, experiment: spec.experiment, strategy: spec.strategy, trial: spec.trial,
            repeat: spec.repeat, attempt: spec.attempt, worker: worker, pid: pid, host: host, launch: launch,
            startedAt: startedAt, modelsBefore: modelsBefore, outcome: outcome, reason: reason)
        self.wallSeconds = wallSeconds
    }
}
