import TrialRecords
import Wire

/// A workload, the strategies to compare on it, and how many trials of each.
public struct Experiment: Sendable, Equatable {
    /// Names the experiment in records and default output files.
    public var name: String
    /// Strategies to run, in order; each runs all its trials before the next starts.
    public var strategies: [Strategy]
    /// Trials (models) per strategy and repeat.
    public var trials: Int
    /// How many times each strategy's trials are run.
    public var repeats: Int
    /// The model each trial creates, fits and tests.
    public var workload: Workload
    /// How trials are spread over worker processes.
    public var cluster: ClusterSettings
    /// Whether the run's sockets use CURVE keys (the `[security]` table).
    public var security = SecuritySettings()
    /// The worker program that runs the trials when it is not IsoRun's own
    /// engine (the `[worker]` table); ``workload`` is then unused.
    public var program: WorkerProgram?

    /// An experiment; the workload defaults to the classic experiment's model.
    public init(
        name: String, strategies: [Strategy], trials: Int, repeats: Int = 1,
        workload: Workload = .seed, cluster: ClusterSettings = ClusterSettings()
    ) {
        self.name = name
        self.strategies = strategies
        self.trials = trials
        self.repeats = repeats
        self.workload = workload
        self.cluster = cluster
    }

    /// The strategies of this experiment that its workers cannot run, with a
    /// message that names them, the framework and what it offers; nil when all can run.
    public var unrunnableStrategies: String? {
        guard let program else { return nil }
        let offered = program.framework.capabilities
        let missing = strategies.filter { !offered.contains($0) }
        guard !missing.isEmpty else { return nil }
        return "framework '\(program.framework.rawValue)' cannot run "
            + missing.map { "'\($0)'" }.joined(separator: ", ")
            + "; it offers \(offered.map(\.rawValue).joined(separator: ", "))"
    }

    /// The embedded default: `Config/seed.toml`, compiled into the binary so that
    /// `isorun` works from any folder.
    public static var embeddedDefault: Experiment {
        let text = String(decoding: PackageResources.seed_toml, as: UTF8.self)
        // The embedded file is checked by the tests; failing here is a build defect.
        return try! ExperimentLoader.parse(text, file: "<embedded Config/seed.toml>")
    }
}

/// The `[security]` table; `--curve DIR` on the command line overrides it.
public struct SecuritySettings: Sendable, Equatable {
    /// The CURVE key folder (`curve = "DIR"`, relative to the current folder),
    /// as `isorun keys generate` writes it; nil runs without keys.
    public var curve: String?

    /// No keys.
    public init(curve: String? = nil) {
        self.curve = curve
    }
}

/// How trials are spread over worker processes; the command line overrides each.
public struct ClusterSettings: Codable, Sendable, Equatable {
    /// Worker processes; 0 means one per core.
    public var workers: Int = 0
    /// A `pool` worker is replaced after this many trials.
    public var maxTrialsPerWorker: Int = 10
    /// A `pool` worker is replaced once its resident memory passes this; 0: no limit.
    public var maxWorkerRSSBytes: Int = 0
    /// Attempts after the first for a trial whose worker was lost.
    public var retries: Int = 1
    /// A trial running longer than this has its worker killed; 0: no limit.
    public var trialTimeoutSeconds: Double = 120
    /// How a `process` trial's fresh process is started: `.exec` or `.forkServer`.
    public var launch: Launch = .forkServer
    /// Whether in-process strategies (no-clear, clear, scoped-session, scoped-graph)
    /// are spread over `workers` processes. By default each runs in one worker, so
    /// every model of the strategy shares a process: the classic picture, in which
    /// growth shows. `process` and `pool` always use `workers`.
    public var spreadInProcess = false
    /// What starts the workers: child processes here, or `srun`.
    public var launcher: WorkerLauncherKind = .local
    /// The `srun` options when ``launcher`` is `.slurm`.
    public var slurm = SlurmOptions()
    /// The endpoint the coordinator binds (`tcp://HOST:PORT`, `ipc://PATH`);
    /// nil: a private ipc path. Workers started by Slurm need a tcp one.
    public var bind: String?

    /// The defaults: one worker per core, pool workers recycled every 10 trials
    /// and without a memory limit, one retry, 120 s per trial, fork-server launch,
    /// in-process strategies in one worker each, local workers on a private ipc path.
    public init() {}
}
