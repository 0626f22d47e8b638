import Experiments
import ArgumentParser
import Foundation
import IsoRun
import Logging
import Processes
import Security
import SystemPackage
import TrialRecords

/// `isorun run`: runs an experiment and prints its verdict. Also what `isorun`
/// alone does, on the embedded default.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run an experiment's trials under each strategy and print the verdict.",
        discussion: """
            Without FILE, runs the embedded default: Config/seed.toml, the classic experiment. \
            Records go to --out as each trial ends (one JSON object per line), the four-panel \
            chart beside them (same name, .svg), progress to stderr, the verdict to stdout.

            Strategies: no-clear, clear, scoped-session, scoped-graph (in one process each), \
            process (a fresh process per trial), pool (workers recycled every N trials).

            Each record is written whole with one write(2) the moment it is final, and synced to \
            disk (fdatasync) within a second: a crash of isorun loses none, a power loss at most the \
            last second's; --resume FILE then runs what is missing.

            Exit status: 0 every trial ok (after retries); 1 the run could not go on (an endpoint, \
            the output file, workers that cannot start, a --collector that does not answer); 2 a bad \
            experiment file or flag, or a --resume file of another experiment; 3 the run finished but \
            some trials have no ok record (failed, timed out or lost their worker); 130 or 143 \
            interrupted by SIGINT or SIGTERM (finished records are kept; --resume continues the run).

            Examples:
              isorun run                                        the classic experiment
              isorun run Config/quick.toml --strategies no-clear,clear
              isorun run --workers 1 --out results/one.jsonl    one worker: the single-process picture
              isorun run --local --strategies no-clear,clear    in this process, no workers
              isorun keys generate --out keys && isorun run --bind tcp://0.0.0.0:5555 --curve keys
                                                                let workers on other hosts join, with keys
              isorun run Config/quick.toml --resume results/quick-20261203T120000Z.jsonl
                                                                continue an interrupted run

            Binding beyond this machine (anything but 127.0.0.0/8, ::1, localhost or ipc) needs \
            CURVE keys (--curve DIR, or [security] curve = "DIR" in the file), or --insecure.
            """)

    @Argument(help: "Experiment file (TOML, see Config/seed.toml); the embedded default if omitted.")
    var file: String?

    @Option(help: "Comma-separated strategies to run instead of the file's, each once (\(Strategy.allNames.joined(separator: ", "))).")
    var strategies: String?

    @Option(help: "Trials (models) per strategy instead of the file's: \(Limits.trials.lowerBound)-\(Limits.trials.upperBound), and trials × repeats at most \(Limits.trialsPerStrategy).")
    var trials: Int?

    @Option(help: "Repeats of each strategy instead of the file's: \(Limits.repeats.lowerBound)-\(Limits.repeats.upperBound).")
    var repeats: Int?

    @Option(help: "Records file (JSONL, not .svg or .html); default results/<experiment>-<UTC time>.jsonl. An existing file is kept unless --append or --force.")
    var out: String?

    @Flag(help: "Add this run's records to an existing --out file (the report covers this run only).")
    var append = false

    @Option(help: ArgumentHelp(
        "Continue the interrupted run whose records are in FILE (after a crash, SIGKILL or power loss).",
        discussion: """
            Give the experiment file and flags that started it. Trials with an ok record are skipped, \
            the others run (at their next attempt) and are added to FILE under the same run id; a torn \
            last line is cut off first. FILE's run is identified by its manifest, written beside it \
            when the run started (x.jsonl: x.run.json): the experiment's name, strategies, trials, repeats, workload, worker \
            program and framework, launch, spread-in-process, max-trials-per-worker and max-worker-rss \
            must be the same (a difference is refused with exit status 2, naming it); workers, retries, \
            time limits, endpoints and the collector may change.
            """,
        valueName: "FILE"))
    var resume: String?

    @Flag(help: "Replace an existing --out file.")
    var force = false

    @Option(help: "Worker processes: \(Limits.workers.lowerBound)-\(Limits.workers.upperBound) (default: the file's cluster.workers, else one per core).")
    var workers: Int?

    @Flag(help: "Spread in-process strategies (no-clear, clear, scoped-*) over --workers too; by default each runs in one worker, so its models share a process and growth shows.")
    var spreadInProcess = false

    @Flag(help: "Run in this process, without workers (in-process strategies only).")
    var local = false

    @Flag(help: ArgumentHelp(
        "Pin each worker, all its threads, to one CPU of those isorun may use: the one fewest of its workers hold.",
        discussion: """
            With as many workers as CPUs, each worker keeps a CPU of its own, and the coordinator \
            runs where the kernel puts it (README, "Performance": 5-8% more trials per second with \
            two workers on two cores). A worker's CPU is freed when it ends. The CPUs are isorun's \
            own affinity mask: give \
            concurrent runs disjoint ones (taskset -c 0-3 isorun run …, taskset -c 4-7 isorun run …), \
            or they share the first CPUs. Local workers only: under Slurm, bind with \
            --slurm-arg=--cpu-bind=cores.
            """))
    var pinWorkers = false

    @Option(help: "Endpoint the coordinator binds: ipc://PATH or tcp://HOST:PORT, PORT 1-65535 or * (default: the file's cluster.bind, else a private ipc path). --launcher slurm needs tcp, on an address the nodes reach.")
    var bind: String?

    @Option(help: "Also stream every record to a standalone collector (`isorun collect`) at this endpoint (ipc://PATH or tcp://HOST:PORT); the run refuses to start (exit 1) when none answers within 3 s.")
    var collector: String?

    @Flag(help: "With --collector: when no collector answers at the start, warn and run on; records are kept for it (up to 64 MiB) and sent when it answers.")
    var collectorOptional = false

    @Option(help: "pool: recycle a worker after this many trials: \(Limits.maxTrialsPerWorker.lowerBound)-\(Limits.maxTrialsPerWorker.upperBound).")
    var maxTrialsPerWorker: Int?

    @Option(help: "pool: recycle a worker whose resident memory passes this size (512M, 2G).")
    var maxWorkerRss: String?

    @Option(help: "Attempts after the first for a trial whose worker died or fell silent: \(Limits.retries.lowerBound)-\(Limits.retries.upperBound).")
    var retries: Int?

    @Option(help: "Seconds a trial may run before its worker is killed and the trial recorded as timeout: 0 (no limit) to 604800.")
    var trialTimeout: Double?

    @Option(help: "process: how each fresh process starts: fork-server (fork a preloaded zygote) or exec.")
    var launch: Launch?

    @Option(help: "Seconds of silence after which a worker is taken for lost: 0.001 to 86400.")
    var heartbeatTimeout: Double = 10

    @Flag(help: "No progress on stderr.")
    var quiet = false

    @OptionGroup var security: SecurityOptions

    @OptionGroup(title: "Launcher") var launching: LauncherOptions

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        try checkCounts()
        try checkFiles()
        try checkResume()
        if let bind { try Self.checkEndpoint(bind, flag: "--bind", binding: true) }
        if let collector { try Self.checkEndpoint(collector, flag: "--collector", binding: false) }
        if let strategies { _ = try Self.parseStrategies(strategies) }
        if collectorOptional && collector == nil {
            throw ValidationError("--collector-optional applies to --collector; give --collector ENDPOINT or drop it")
        }
        if local && (bind != nil || workers != nil || collector != nil || spreadInProcess || security.curve != nil) {
            throw ValidationError(
                "--local runs without workers or sockets; drop --bind, --workers, --collector, --curve and --spread-in-process")
        }
        if local && launching.launcher == .slurm { throw ValidationError("--local runs without workers; drop --launcher slurm") }
        if local && pinWorkers { throw ValidationError("--local runs without workers, so there are none to pin; drop --pin-workers") }
    }

    func run() throws {
        logging.bootstrap()
        let experiment = try loadExperiment()
        if let problem = experiment.unrunnableStrategies {
            throw UsageError("\(file ?? "the experiment"): \(problem); drop them with --strategies")
        }
        if local, experiment.program != nil {
            throw UsageError("--local runs IsoRun's own engine in this process; this experiment's [worker] runs in worker processes: drop --local")
        }
        if local, let needsWorkers = experiment.strategies.first(where: \.isolatesProcesses) {
            throw UsageError("--local cannot run '\(needsWorkers.rawValue)', which needs worker processes; drop --local or choose --strategies")
        }
        try checkLauncher(experiment)
        let curve = local ? nil : security.curve ?? experiment.security.curve
        if let endpoint = experiment.cluster.bind, !local {
            try security.checkBind(
                endpoint, flag: bind != nil ? "--bind" : "cluster.bind", curve: curve,
                keysHint: "Give --curve DIR (or [security] curve = \"DIR\" in the experiment file)")
        }
        if !local, let problem = experiment.taskSizeProblem(limit: SocketLimits.taskBytes) {
            throw UsageError("\(file ?? "the experiment"): \(problem)")
        }
        let resumption = try resumePoint(for: experiment)
        let output = resume ?? out ?? "results/\(experiment.name)-\(Self.timestamp()).jsonl"
        if resumption == nil { try checkExisting(output) }
        var options = ExperimentRun.Options(
            output: FilePath(output), workers: experiment.cluster.workers > 0 ? experiment.cluster.workers : Self.cores,
            executable: ChildProcess.currentExecutable)
        options.local = local
        options.endpoint = experiment.cluster.bind
        options.collector = collector
        options.curve = curve.map(KeyFolder.init)
        options.collectorOptional = collectorOptional
        options.append = append || resumption != nil
        options.heartbeatTimeout = .milliseconds(Int(heartbeatTimeout * 1000))
        options.pinWorkers = pinWorkers
        if !local {
            for warning in experiment.spreadWarnings(workers: options.workers) { printError("isorun: warning: \(warning)") }
        }

        let signals = SignalWatcher()
        let run = ExperimentRun(
            experiment: experiment, options: options, logger: Logger(label: "isorun"), resuming: resumption)
        if let resumption { Self.announce(resumption, plan: run.plan) }
        let progress = Self.progress(for: run.plan, quiet: quiet)
        // The report is built from the records as they were written, without reading the file back
        // (a resumed run's report covers the whole run: the records it found, then its own).
        var records: [TrialRecord] = resumption?.records ?? []
        let result: ExperimentRun.Result
        do {
            result = try run.run(signals: signals) { record in
                records.append(record)
                progress.record(record)
            }
        } catch {
            progress.finish()
            throw explain(error, output: output)
        }
        progress.finish()
        Self.report(records, recordsFile: output, result: result, title: experiment.name)
        switch result.ending {
        case .interrupted(let signal, _): throw ExitCode(128 + signal)
        case .completed(let trialsWithoutOK) where trialsWithoutOK > 0: throw ExitCode(3)
        case .completed: return
        case .failed(let reason):
            guard let failure = result.writeFailure else { throw ExperimentRun.Failure(description: reason) }
            throw RunFailure("--out \(output): \(failure); the run was stopped, and the \(result.records) "
                + "records written before are whole; free space there or choose another --out")
        }
    }

    /// The experiment file (or the embedded default) with this command's overrides.
    private func loadExperiment() throws -> Experiment {
        var experiment = try file.map { try ExperimentLoader.load(file: $0) } ?? .embeddedDefault
        if let strategies { experiment.strategies = try Self.parseStrategies(strategies) }
        if let trials { experiment.trials = trials }
        if let repeats { experiment.repeats = repeats }
        if let workers { experiment.cluster.workers = workers }
        if let maxTrialsPerWorker { experiment.cluster.maxTrialsPerWorker = maxTrialsPerWorker }
        if let maxWorkerRss { experiment.cluster.maxWorkerRSSBytes = ByteSize.parse(maxWorkerRss)! }
        if let retries { experiment.cluster.retries = retries }
        if let trialTimeout { experiment.cluster.trialTimeoutSeconds = trialTimeout }
        if let launch { experiment.cluster.launch = launch }
        if spreadInProcess { experiment.cluster.spreadInProcess = true }
        if let bind { experiment.cluster.bind = bind }
        launching.apply(to: &experiment.cluster)
        guard experiment.trials * experiment.repeats <= Limits.trialsPerStrategy else {
            throw UsageError("--trials × --repeats (with the file's values) is \(experiment.trials) × "
                + "\(experiment.repeats) = \(experiment.trials * experiment.repeats) trials per strategy; at most "
                + "\(Limits.trialsPerStrategy) are allowed")
        }
        return experiment
    }

    private static var cores: Int { ProcessInfo.processInfo.activeProcessorCount }

    private static func timestamp() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: Date())
    }
}

/// `--launch`: how a `process` trial's fresh process starts, `exec` or `fork-server`.
extension Launch: ExpressibleByArgument {
    public init?(argument: String) {
        guard let launch = Launch.named(argument), Self.processLaunches.contains(launch) else { return nil }
        self = launch
    }

    public static var allValueStrings: [String] { processLaunches.map(\.rawValue) }

    private static let processLaunches: [Launch] = [.exec, .forkServer]
}
