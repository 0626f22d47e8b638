import ArgumentParser
import Foundation
import IsoRun
import Logging
import Processes
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

            Exit status: 0 every trial ok; 1 the run could not go on (an endpoint, the output \
            file, workers that cannot start); 2 a bad experiment file or flag; 3 the run finished \
            but some trials failed, timed out or lost their worker; 130 or 143 interrupted by \
            SIGINT or SIGTERM (finished records are kept).

            Examples:
              isorun run                                        the classic experiment
              isorun run Config/quick.toml --strategies no-clear,clear
              isorun run --workers 1 --out results/one.jsonl    one worker: the single-process picture
              isorun run --local --strategies no-clear,clear    in this process, no workers
              isorun run --bind tcp://0.0.0.0:5555              let workers on other hosts join
            """)

    @Argument(help: "Experiment file (TOML, see Config/seed.toml); the embedded default if omitted.")
    var file: String?

    @Option(help: "Comma-separated strategies to run instead of the file's (\(Strategy.allNames.joined(separator: ", "))).")
    var strategies: String?

    @Option(help: "Trials (models) per strategy instead of the file's.")
    var trials: Int?

    @Option(help: "Repeats of each strategy instead of the file's.")
    var repeats: Int?

    @Option(help: "Records file (JSONL); default results/<experiment>-<UTC time>.jsonl.")
    var out: String?

    @Option(help: "Worker processes (default: the file's cluster.workers, else one per core).")
    var workers: Int?

    @Flag(help: "Run in this process, without workers (in-process strategies only).")
    var local = false

    @Option(help: "Endpoint the coordinator binds (default: a private ipc path; tcp to let other hosts join).")
    var bind: String?

    @Option(help: "Also stream every record to a standalone collector (`isorun collect`) at this endpoint.")
    var collector: String?

    @Option(help: "pool: recycle a worker after this many trials.")
    var maxTrialsPerWorker: Int?

    @Option(help: "pool: recycle a worker whose resident memory passes this size (512M, 2G).")
    var maxWorkerRss: String?

    @Option(help: "Attempts after the first for a trial whose worker died or fell silent.")
    var retries: Int?

    @Option(help: "Seconds a trial may run before its worker is killed and the trial recorded as timeout (0: no limit).")
    var trialTimeout: Double?

    @Option(help: "process: how each fresh process starts: fork-server (fork a preloaded zygote) or exec.")
    var launch: Launch?

    @Option(help: "Seconds of silence after which a worker is taken for lost.")
    var heartbeatTimeout: Double = 10

    @Flag(help: "No progress on stderr.")
    var quiet = false

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        if let trials, trials < 1 { throw ValidationError("--trials must be positive, got \(trials)") }
        if let repeats, repeats < 1 { throw ValidationError("--repeats must be positive, got \(repeats)") }
        if let workers, workers < 1 { throw ValidationError("--workers must be positive, got \(workers)") }
        if let retries, retries < 0 { throw ValidationError("--retries must be 0 or more, got \(retries)") }
        if let trialTimeout, !(trialTimeout >= 0 && trialTimeout.isFinite) {
            throw ValidationError("--trial-timeout must be 0 (no limit) or a number of seconds, got \(trialTimeout)")
        }
        if let maxTrialsPerWorker, maxTrialsPerWorker < 1 {
            throw ValidationError("--max-trials-per-worker must be positive, got \(maxTrialsPerWorker)")
        }
        if let maxWorkerRss, ByteSize.parse(maxWorkerRss) == nil {
            throw ValidationError("--max-worker-rss '\(maxWorkerRss)' is not a size; use bytes or 512K, 300M, 2G")
        }
        guard heartbeatTimeout > 0, heartbeatTimeout < 86_400 else {
            throw ValidationError("--heartbeat-timeout must be between 0 and 86400 seconds, got \(heartbeatTimeout)")
        }
        if local && (bind != nil || workers != nil || collector != nil) {
            throw ValidationError("--local runs without workers or sockets; drop --bind, --workers and --collector")
        }
    }

    func run() throws {
        logging.bootstrap()
        let experiment = try loadExperiment()
        if local, let needsWorkers = experiment.strategies.first(where: \.isolatesProcesses) {
            throw UsageError("--local cannot run '\(needsWorkers.rawValue)', which needs worker processes; drop --local or choose --strategies")
        }
        let output = out ?? "results/\(experiment.name)-\(Self.timestamp()).jsonl"
        var options = ExperimentRun.Options(
            output: FilePath(output), workers: experiment.cluster.workers > 0 ? experiment.cluster.workers : Self.cores,
            executable: ChildProcess.currentExecutable)
        options.local = local
        options.endpoint = bind
        options.collector = collector
        options.heartbeatTimeout = .milliseconds(Int(heartbeatTimeout * 1000))

        let signals = SignalWatcher()
        let run = ExperimentRun(experiment: experiment, options: options, logger: Logger(label: "isorun"))
        let progress = Self.progress(for: run.plan, quiet: quiet)
        // The report is built from the records as they were written, without reading the file back.
        var records: [TrialRecord] = []
        let result = try run.run(signals: signals) { record in
            records.append(record)
            progress.record(record)
        }
        progress.finish()
        try Self.report(records, recordsFile: output, result: result, title: experiment.name)
        switch result.ending {
        case .interrupted(let signal, _): throw ExitCode(128 + signal)
        case .completed(let trialsWithoutOK) where trialsWithoutOK > 0: throw ExitCode(3)
        case .completed: return
        case .failed(let reason): throw ExperimentRun.Failure(description: reason)
        }
    }

    /// The experiment file (or the embedded default) with this command's overrides.
    private func loadExperiment() throws -> Experiment {
        var experiment = try file.map { try ExperimentLoader.load(file: $0) } ?? .embeddedDefault
        if let strategies {
            experiment.strategies = try strategies.split(separator: ",").map { name in
                let name = name.trimmingCharacters(in: .whitespaces)
                guard let strategy = Strategy.named(name) else {
                    throw UsageError("--strategies: unknown strategy '\(name)'; allowed: \(Strategy.allNames.joined(separator: ", "))")
                }
                return strategy
            }
        }
        if let trials { experiment.trials = trials }
        if let repeats { experiment.repeats = repeats }
        if let workers { experiment.cluster.workers = workers }
        if let maxTrialsPerWorker { experiment.cluster.maxTrialsPerWorker = maxTrialsPerWorker }
        if let maxWorkerRss { experiment.cluster.maxWorkerRSSBytes = ByteSize.parse(maxWorkerRss)! }
        if let retries { experiment.cluster.retries = retries }
        if let trialTimeout { experiment.cluster.trialTimeoutSeconds = trialTimeout }
        if let launch { experiment.cluster.launch = launch }
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
