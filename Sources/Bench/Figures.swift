import Experiments
import Foundation
import IsoRun
import Logging
import Processes
import SystemPackage
import TrialRecords

#if canImport(Glibc)
import Glibc
#endif

/// IsoRun's own side of each benchmark row, measured through the real
/// coordinator, worker processes, sockets and collector of `isorun run`.
public struct Figures {
    /// The `isorun` binary that workers run.
    public var executable: String
    /// Where the runs' records go.
    public var folder: URL
    private let signals: SignalWatcher
    private let logger = Logger(label: "isorun.bench")

    /// - Parameters:
    ///   - executable: the `isorun` binary (the running one, for `isorun bench`).
    ///   - signals: lets SIGINT end a benchmark run early.
    public init(executable: String, signals: SignalWatcher) throws {
        self.executable = executable
        self.signals = signals
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("isorun-bench-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// Removes the runs' records.
    public func cleanUp() {
        try? FileManager.default.removeItem(at: folder)
    }

    /// What a `pool` trial costs beyond its body.
    public struct PoolDispatch: Sendable {
        /// Median dispatch overhead per trial (the records' `isolation_s`).
        public var overhead: DurationFigure
        /// This process's CPU time (the coordinator's loop, and its ZeroMQ I/O
        /// thread, which carries no message of a worker on the local link)
        /// over the whole run, start and stop included, per trial.
        public var coordinatorCPUPerTrial: Duration
    }

    /// `pool` dispatch overhead per trial: coordinator to worker and back with an
    /// empty trial body, one worker never recycled (the first 10% are warm-up).
    ///
    /// - Parameters:
    ///   - overZeroMQ: put the worker on ZeroMQ, as a remote or external one
    ///     is, instead of the local link a local worker starts on.
    ///   - placement: the coordinator's CPU (this thread's, and its libzmq I/O
    ///     thread's, for the run) and the worker's (pinned); nil leaves both to
    ///     the kernel.
    public func poolDispatch(
        trials: Int, overZeroMQ: Bool = false, placement: DispatchPlacement? = nil
    ) throws -> PoolDispatch {
        var experiment = Experiment(name: "bench-pool", strategies: [.pool], trials: trials, workload: .empty)
        experiment.cluster.workers = 1
        experiment.cluster.maxTrialsPerWorker = trials + 1
        let run = try placement.map { placement in
            try CPUAffinity.withCallingThread(on: placement.coordinatorCPU) {
                try measuredRun(experiment, localLink: !overZeroMQ, workerCPU: placement.workerCPU)
            }
        } ?? measuredRun(experiment, localLink: !overZeroMQ)
        return PoolDispatch(
            overhead: DurationFigure(seconds: run.records.dropFirst(trials / 10).compactMap(\.isolationSeconds)),
            coordinatorCPUPerTrial: run.cpu / trials)
    }

    /// `process` isolation price per trial with an empty trial body: spawn,
    /// start-up, hello, task and record, one process at a time.
    public func processIsolation(launch: Launch, trials: Int) throws -> DurationFigure {
        var experiment = Experiment(name: "bench-process", strategies: [.process], trials: trials, workload: .empty)
        experiment.cluster.workers = 1
        experiment.cluster.launch = launch
        let records = try run(experiment)
        return DurationFigure(seconds: records.compactMap(\.isolationSeconds))
    }

    /// What a run of seed-model trials under `clear` on several workers came to.
    public struct Throughput: Sendable {
        /// Trials per second over the whole run: spawning the workers, the
        /// trials, stopping the workers, not reading its records back. With
        /// thousands of trials the start and stop are a few percent of it.
        public var trialsPerSecond: Double
        /// This process's CPU time over the run, per trial: what the coordinator
        /// takes from the cores the workers share.
        public var coordinatorCPUPerTrial: Duration
        /// The median trial body (`total_s`: create, fit, test) as the workers
        /// measured it: it grows when a worker loses its core mid-trial.
        public var body: DurationFigure
        /// The share of the machine's CPU time that went unused over the run,
        /// in percent (`/proc/stat`): with as many workers as CPUs, time the
        /// workers spent waiting for their next task; nil off Linux.
        public var idlePercent: Double?
    }

    /// Seed-model trials under `clear` with `workers` workers, each pinned to a
    /// CPU of its own when `pinned` (`isorun run --pin-workers`).
    public func throughput(workers: Int, trials: Int, pinned: Bool = false) throws -> Throughput {
        var experiment = Experiment(name: "bench-throughput", strategies: [.clear], trials: trials)
        experiment.cluster.workers = workers
        experiment.cluster.spreadInProcess = true
        let run = try measuredRun(experiment, pinWorkers: pinned)
        return Throughput(
            trialsPerSecond: Double(run.records.count) / run.elapsed.seconds, coordinatorCPUPerTrial: run.cpu / trials,
            body: DurationFigure(seconds: run.records.compactMap(\.totalSeconds)), idlePercent: run.idlePercent)
    }

    /// Runs `experiment` through `ExperimentRun` and returns its ok records.
    ///
    /// - Throws: `BenchError` when a trial did not end ok or the run was interrupted.
    private func run(_ experiment: Experiment) throws -> [TrialRecord] {
        try measuredRun(experiment).records
    }

    /// What a run came to, measured around `ExperimentRun.run` alone: reading
    /// its records back afterwards, to check them, is no part of it.
    private struct MeasuredRun {
        /// The run's records, every one ok.
        var records: [TrialRecord]
        /// This process's CPU time over the run.
        var cpu: Duration
        /// From the run's start to its end: the workers spawned, the trials, the workers stopped.
        var elapsed: Duration
        /// The share of the machine's CPU time left idle over the run, in percent; nil off Linux.
        var idlePercent: Double?
    }

    /// ``run(_:)``, measured (``MeasuredRun``); `localLink` false puts its
    /// workers on ZeroMQ; `workerCPU` pins them all to that CPU.
    private func measuredRun(
        _ experiment: Experiment, localLink: Bool = true, pinWorkers: Bool = false, workerCPU: Int32? = nil
    ) throws -> MeasuredRun {
        let output = folder.appendingPathComponent("\(experiment.name).jsonl").path
        var options = ExperimentRun.Options(
            output: FilePath(output), workers: experiment.cluster.workers, executable: executable)
        options.endpoint = "ipc://\(folder.path)/coordinator"
        options.localLink = localLink
        options.pinWorkers = pinWorkers || workerCPU != nil
        options.workerCPUs = workerCPU.map { [$0] }
        let shares = CPUTimeShares()
        let clock = ContinuousClock()
        let start = clock.now
        let cpuBefore = Self.processCPUTime()
        let result = try ExperimentRun(experiment: experiment, options: options, logger: logger)
            .run(signals: signals) { _ in }
        let cpu = Self.processCPUTime() - cpuBefore
        let elapsed = clock.now - start
        let idlePercent = shares?.idlePercent()
        guard case .completed = result.ending else { throw BenchError("interrupted") }
        let records = try RecordReader.read(file: output).records
        guard result.notOK == 0, records.count == experiment.trials else {
            let reasons = Set(records.compactMap(\.reason)).sorted().joined(separator: "; ")
            throw BenchError("\(experiment.name): \(result.notOK) of \(records.count) trials did not end ok: \(reasons)")
        }
        return MeasuredRun(records: records, cpu: cpu, elapsed: elapsed, idlePercent: idlePercent)
    }

    /// User and system CPU time of this process, all its threads, so far.
    ///
    /// The corresponding C function is `getrusage(RUSAGE_SELF)`.
    static func processCPUTime() -> Duration {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func duration(_ time: timeval) -> Duration { .seconds(time.tv_sec) + .microseconds(time.tv_usec) }
        return duration(usage.ru_utime) + duration(usage.ru_stime)
    }
}

extension DurationFigure {
    /// The median of `seconds`.
    init(seconds: [Double]) {
        self.init(of: seconds.map { Duration.nanoseconds(Int64(($0 * 1e9).rounded())) })
    }
}
