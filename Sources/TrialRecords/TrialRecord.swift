/// One trial's measurements: the single record type that flows from a runner
/// (in-process or a worker on another host) through the collector into reports.
///
/// Encoded as one JSON object per line (JSONL). The JSON keys are the snake_case
/// names listed in ``CodingKeys``; `docs/protocol.md` documents them for writers
/// in other languages. Times are seconds from a monotonic clock; memory is bytes.
public struct TrialRecord: Codable, Sendable, Equatable {
    /// The experiment's name, from its config file.
    public var experiment: String
    /// The strategy's name, as in `Config/` (`no-clear`, `clear`, `process`, ...).
    public var strategy: String
    /// 0-based index of the trial within its strategy: models created before it.
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
    /// How the trial's process came to be: `in-process` (a run without workers),
    /// `exec`, `fork-server`, or `external` (a worker started by hand).
    public var launch: String
    /// Seconds to create and compile the model.
    public var createSeconds: Double
    /// Seconds to fit the model.
    public var fitSeconds: Double
    /// Seconds to evaluate the model with `testOnBatch`.
    public var testSeconds: Double
    /// `create + fit + test`, as the classic experiment measures a model.
    public var totalSeconds: Double
    /// What the strategy itself cost around the trial: clearing, a new session
    /// or graph, or spawning and handshaking a process.
    public var isolationSeconds: Double
    /// Wall-clock seconds from dispatch to record as the coordinator saw them;
    /// for `process` from spawn to record; in a run without workers, the trial's
    /// own time including its isolation.
    public var wallSeconds: Double
    /// Resident memory of the trial's process after the trial.
    public var rssBytes: Int
    /// Peak resident memory of the trial's process so far.
    public var peakRSSBytes: Int
    /// Nodes in the graph the trial built its model in, after the trial.
    public var graphNodes: Int
    /// Variables alive in that graph after the trial.
    public var liveVariables: Int
    /// Graph nodes copied while building executors during the trial.
    public var nodesCopied: Int
    /// How the trial ended.
    public var outcome: Outcome
    /// Why the trial did not end `ok`; `nil` when it did.
    public var reason: String?
    /// Set when the worker was recycled after this trial: why (`max-trials`, `max-rss`).
    public var recycled: String?

    /// The JSON keys of a record.
    public enum CodingKeys: String, CodingKey, CaseIterable {
        case experiment, strategy, trial, `repeat`, attempt, worker, pid, host, launch
        case createSeconds = "create_s"
        case fitSeconds = "fit_s"
        case testSeconds = "test_s"
        case totalSeconds = "total_s"
        case isolationSeconds = "isolation_s"
        case wallSeconds = "wall_s"
        case rssBytes = "rss_bytes"
        case peakRSSBytes = "peak_rss_bytes"
        case graphNodes = "graph_nodes"
        case liveVariables = "live_variables"
        case nodesCopied = "nodes_copied"
        case outcome, reason, recycled
    }

    /// Creates a record; measurements default to zero so failures can be recorded
    /// with what is known.
    public init(
        experiment: String, strategy: String, trial: Int, repeat: Int = 0, attempt: Int = 1,
        worker: String, pid: Int32, host: String, launch: String,
        createSeconds: Double = 0, fitSeconds: Double = 0, testSeconds: Double = 0,
        totalSeconds: Double = 0, isolationSeconds: Double = 0, wallSeconds: Double = 0,
        rssBytes: Int = 0, peakRSSBytes: Int = 0, graphNodes: Int = 0, liveVariables: Int = 0,
        nodesCopied: Int = 0, outcome: Outcome = .ok, reason: String? = nil, recycled: String? = nil
    ) {
        self.experiment = experiment
        self.strategy = strategy
        self.trial = trial
        self.repeat = `repeat`
        self.attempt = attempt
        self.worker = worker
        self.pid = pid
        self.host = host
        self.launch = launch
        self.createSeconds = createSeconds
        self.fitSeconds = fitSeconds
        self.testSeconds = testSeconds
        self.totalSeconds = totalSeconds
        self.isolationSeconds = isolationSeconds
        self.wallSeconds = wallSeconds
        self.rssBytes = rssBytes
        self.peakRSSBytes = peakRSSBytes
        self.graphNodes = graphNodes
        self.liveVariables = liveVariables
        self.nodesCopied = nodesCopied
        self.outcome = outcome
        self.reason = reason
        self.recycled = recycled
    }
}

/// How a trial ended.
public enum Outcome: String, Codable, Sendable, CaseIterable {
    /// Created, fitted and tested.
    case ok
    /// The trial threw; the record's `reason` says what.
    case failed
    /// The trial ran past `--trial-timeout`; its worker was killed.
    case timeout
    /// The worker died or fell silent during the trial.
    case workerLost = "worker-lost"
}
