import TrialRecords

/// A worker's name: its routing id on the wire and the `worker` of its records.
/// `w<N>` names are the scheduler's, for workers it launches.
public typealias WorkerID = String

/// Something that happened, as the coordinator's loop feeds it to the
/// ``Scheduler``. Every event is handled at a time the loop passes alongside:
/// the scheduler itself never reads a clock.
public enum SchedulerEvent: Sendable, Equatable {
    /// A worker introduced itself: its process, host and what it can run.
    case hello(WorkerID, WorkerHello)
    /// A worker said it is free (once, after hello; each record says so too).
    case ready(WorkerID)
    /// A worker sent the record of a trial.
    case record(WorkerID, TrialRecord)
    /// A sign of life from a worker, tied to its connection.
    case heartbeat(WorkerID)
    /// A ``SchedulerAction/launch(_:)`` started the worker's process; with
    /// `taskHandedOver`, a one-shot worker's process was given its trial's task
    /// at its start, and starts the trial when it says hello (no task is sent).
    case launched(WorkerID, pid: Int32, taskHandedOver: Bool = false)
    /// A ``SchedulerAction/launch(_:)`` failed: the process could not be started.
    case launchFailed(WorkerID, reason: String)
    /// A worker could not be sent its task: it is gone, or does not read.
    case unreachable(WorkerID)
    /// A worker process this run launched has ended.
    case exited(WorkerID, WorkerExit)
    /// Time passed: timeouts, silences and grace periods are checked.
    case tick
    /// SIGINT or SIGTERM: stop dispatching, let workers go, finish.
    case signal(Int32)
}

/// What a worker says of itself in its `hello`.
public struct WorkerHello: Sendable, Equatable {
    public var pid: Int32
    public var host: String
    /// Strategies the worker can run a trial under.
    public var capabilities: Set<Strategy>

    public init(pid: Int32, host: String, capabilities: Set<Strategy>) {
        self.pid = pid
        self.host = host
        self.capabilities = capabilities
    }
}

/// How a launched worker process ended.
public struct WorkerExit: Sendable, Equatable {
    /// It exited with status 0.
    public var clean: Bool
    /// Words for a record's `reason` ("worker killed by signal 9 (Killed)").
    public var explanation: String

    public init(clean: Bool, explanation: String) {
        self.clean = clean
        self.explanation = explanation
    }
}
