/// One trial's measurements: the single record type that flows from a runner
/// (in-process or a worker on another host) through the collector into reports.
///
/// Encoded as one flat JSON object per line (JSONL), every key always present in
/// the order of ``fields``, where the schema is declared once; `docs/protocol.md`
/// documents it for writers in other languages. Times are seconds from a
/// monotonic clock; memory is bytes. A measurement that was not taken is `nil`
/// (`null` in JSON), never zero.
public struct TrialRecord: Sendable, Equatable {
    /// The record version this build writes and reads.
    public static let version = 2

    /// The run the trial belongs to: 16 lowercase hex digits chosen by the coordinator.
    public var runID: String
    /// The experiment's name, from its config file.
    public var experiment: String
    /// The strategy the trial ran under.
    public var strategy: Strategy
    /// 0-based index of the trial within its strategy and repeat.
    public var trial: Int
    /// 0-based repeat of the whole strategy.
    public var `repeat`: Int
    /// 1-based attempt: above 1 when an earlier attempt's worker was lost.
    public var attempt: Int
    /// The worker that ran the trial (`local` for a run without workers).
    public var worker: String
    /// The process that ran the trial.
    public var pid: Int32
    /// The host that ran the trial.
    public var host: String
    /// How the trial's process came to be.
    public var launch: Launch
    /// When the trial started: RFC 3339, UTC, microseconds (see ``Timestamp``).
    public var startedAt: String
    /// Models the trial's process created before this trial: the x axis of the
    /// classic chart (0 in a fresh process).
    public var modelsBefore: Int
    /// Seconds to create and compile the model.
    public var createSeconds: Double?
    /// Seconds to fit the model.
    public var fitSeconds: Double?
    /// Seconds to evaluate the model with `testOnBatch`.
    public var testSeconds: Double?
    /// `create + fit + test`, as the classic experiment measures a model.
    public var totalSeconds: Double?
    /// What the strategy itself cost around the trial: clearing, a new session
    /// or graph, or spawning and handshaking a process.
    public var isolationSeconds: Double?
    /// Wall-clock seconds from dispatch to record as the coordinator saw them;
    /// for `process` from spawn to record; in a run without workers, the trial's
    /// own time including its isolation.
    public var wallSeconds: Double?
    /// Resident memory of the trial's process after the trial (`VmRSS`).
    public var rssBytes: Int?
    /// Peak resident memory of the trial's process so far (`VmHWM`).
    public var peakRSSBytes: Int?
    /// Nodes in the graph the trial built its model in, after the trial.
    public var graphNodes: Int?
    /// Variables alive in that graph after the trial.
    public var liveVariables: Int?
    /// Graph nodes copied while building executors during the trial.
    public var nodesCopied: Int?
    /// How the trial ended.
    public var outcome: Outcome
    /// Why the trial did not end `ok`; `nil` when it did.
    public var reason: String?
    /// Set when the worker was recycled after this trial: why (`max-trials`, `max-rss`).
    public var recycled: String?

    /// Creates a record of what is known before a trial runs; every measurement
    /// starts as `nil` (not measured).
    public init(
        runID: String, experiment: String, strategy: Strategy, trial: Int, repeat: Int = 0, attempt: Int = 1,
        worker: String, pid: Int32, host: String, launch: Launch, startedAt: String, modelsBefore: Int,
        outcome: Outcome = .ok, reason: String? = nil
    ) {
        self.runID = runID
        self.experiment = experiment
        self.strategy = strategy
        self.trial = trial
        self.repeat = `repeat`
        self.attempt = attempt
        self.worker = worker
        self.pid = pid
        self.host = host
        self.launch = launch
        self.startedAt = startedAt
        self.modelsBefore = modelsBefore
        self.outcome = outcome
        self.reason = reason
    }
}
