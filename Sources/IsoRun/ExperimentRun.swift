import Collecting
import Experiments
import Logging
import Processes
import Scheduler
import Security
import SystemPackage
import TrialRecords
import TrialRuntime
import Wire
import ZeroMQ

#if canImport(Glibc)
import Glibc
#endif

/// One run of an experiment, end to end: trials run (in worker processes, or in
/// this process with `local`); every record is written to the output file the
/// moment it is final (and sent on to a standalone collector, if given).
public final class ExperimentRun {
    /// Where the run writes, listens and streams.
    public struct Options: Sendable {
        /// The JSONL records file.
        public var output: FilePath
        /// Run in this process without workers (in-process strategies only).
        public var local = false
        /// Worker processes per stage.
        public var workers: Int
        /// The coordinator's ROUTER endpoint; nil picks an ipc path of its own.
        public var endpoint: String?
        /// A standalone collector (`isorun collect`) to stream records to as well.
        public var collector: String?
        /// Run on with a warning when the collector does not answer at the
        /// start, instead of refusing with ``CollectorUnreachable``.
        public var collectorOptional = false
        /// The `isorun` binary that workers run.
        public var executable: String
        /// A worker unheard of for this long is taken for lost.
        public var heartbeatTimeout: Duration = .seconds(10)
        /// Add to the output file instead of replacing it.
        public var append = false
        /// Whether local workers run on the local link (docs/protocol.md,
        /// "Local link") where they can; false puts every worker on ZeroMQ, as
        /// remote ones are: what the bench's ZeroMQ dispatch row measures.
        public var localLink = true
        /// The CURVE key folder (`--curve DIR`): the coordinator binds as a
        /// CURVE server admitting `DIR/authorized/`, launches its workers with
        /// `--curve DIR`, and connects to the collector as a CURVE client. nil: no keys.
        public var curve: KeyFolder?
        /// Pin each local worker, all its threads, to one of the CPUs this
        /// process may use, the one fewest of the run's workers hold
        /// (``CorePlacement``). Local launcher only: Slurm binds its own tasks.
        public var pinWorkers = false
        /// With ``pinWorkers``, the CPUs the workers are placed on, which this
        /// process need not run on (the bench's dispatch rows put a worker on
        /// one CPU and the coordinator on another); nil: those it may use.
        public var workerCPUs: [Int32]?

        /// - Parameters:
        ///   - output: the JSONL records file, created with its folders.
        ///   - workers: local worker processes per stage.
        ///   - executable: the `isorun` binary that workers run.
        public init(output: FilePath, workers: Int, executable: String) {
            self.output = output
            self.workers = workers
            self.executable = executable
        }
    }

    /// What a run came to.
    public struct Result: Sendable {
        /// How the run ended; `.failed` when the records file could not be
        /// written (see ``writeFailure``).
        public var ending: RunEnding
        /// Records written to the output file.
        public var records: Int
        /// Records whose outcome is not `ok` (failed, timed out or lost; a
        /// retried trial counts once per lost attempt).
        public var notOK: Int
        /// The file workers' standard output and error went to, when they wrote any.
        public var workerLog: FilePath?
        /// Why the records file could not be written, when that stopped the run:
        /// the workers were stopped, and the records before it are whole.
        public var writeFailure: RecordWriter.WriteError?
    }

    /// A run that cannot go on: workers keep dying before they say hello, or
    /// cannot run a stage's strategy.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String

        public init(description: String) {
            self.description = description
        }
    }

    /// The standalone collector did not answer the run's `open` within
    /// ``ExperimentRun/collectorAnswerTimeout``: nothing ran.
    public struct CollectorUnreachable: Error, CustomStringConvertible {
        /// The collector's endpoint.
        public var endpoint: String
        public var description: String {
            "no collector answered at \(endpoint) within \(ExperimentRun.collectorAnswerTimeout)"
        }
    }

    public let experiment: Experiment
    public let options: Options
    /// The run's trials, in order, under its run id.
    public let plan: RunPlan
    /// Where the run tells what it does.
    let logger: Logger

    /// The interrupted run this one continues, if it is a resumption.
    public let resumed: ResumePoint?

    /// Prepares a run and draws its run id; nothing starts before ``run(signals:onRecord:)``.
    ///
    /// - Parameter resuming: an interrupted run of `experiment` to continue
    ///   (`isorun run --resume`): its run id is kept, and only its trials with
    ///   no `ok` record run, their records added to its file.
    /// - Precondition: a resumption's manifest is `experiment`'s, and `options.append` is set.
    public init(experiment: Experiment, options: Options, logger: Logger, resuming: ResumePoint? = nil) {
        self.experiment = experiment
        self.options = options
        self.logger = logger
        resumed = resuming
        if let resuming {
            precondition(options.append, "a resumed run adds to \(resuming.path)")
            precondition(RunManifest(experiment, runID: resuming.manifest.runID).differences(fromFile: resuming.manifest).isEmpty,
                         "a resumed run's experiment differs from \(resuming.path)'s")
            plan = RunPlan(experiment, resuming: resuming)
        } else {
            plan = RunPlan(experiment)
        }
    }

    /// Opens the records file and, for a new run, writes its manifest beside it
    /// before any record; a resumed run's file loses its torn end first.
    private func openRecords() throws -> RecordWriter {
        try resumed?.cutTornEnd()
        let writer = try RecordWriter(path: options.output, append: options.append)
        if resumed == nil {
            try RunManifest(experiment, runID: plan.runID).write(besideRecords: options.output.string)
        }
        return writer
    }

    /// Runs every trial.
    ///
    /// ```swift
    /// let options = ExperimentRun.Options(output: "results/seed.jsonl", workers: 2, executable: isorunPath)
    /// let result = try ExperimentRun(experiment: .embeddedDefault, options: options, logger: logger)
    ///     .run(signals: SignalWatcher()) { record in progress.record(record) }
    /// ```
    ///
    /// - Parameters:
    ///   - signals: SIGINT and SIGTERM end the run early, with what finished kept.
    ///   - onRecord: called for each record once the kernel has it (see
    ///     ``PeriodicSync`` for when it reaches the disk), on this thread.
    /// A write error on the records file does not throw: the run stops, its
    /// workers are stopped, and the result says so (``Result/writeFailure``),
    /// so that what was done can still be reported.
    ///
    /// - Throws: `RecordWriter.OpenError` when the output cannot be opened,
    ///   `RunManifest.Problem` when its manifest cannot be written or a resumed
    ///   file's torn end cut off;
    ///   `ZMQError` when an endpoint cannot be bound or reached;
    ///   `KeyError` when a key of ``Options/curve`` cannot be used;
    ///   ``CollectorUnreachable`` when the collector does not answer (and
    ///   ``Options/collectorOptional`` is false);
    ///   `CPUAffinity.Failure` when ``Options/pinWorkers`` is set and this
    ///   process's CPUs cannot be read;
    ///   ``Failure`` when the run cannot go on (workers that cannot start).
    public func run(signals: SignalWatcher, onRecord: @escaping (TrialRecord) -> Void) throws -> Result {
        if options.local {
            precondition(experiment.program == nil, "a foreign worker program cannot run in this process")
            return try runLocally(signals: signals, onRecord: onRecord)
        }
        return try runInWorkers(signals: signals, onRecord: onRecord)
    }

    private func runLocally(signals: SignalWatcher, onRecord: (TrialRecord) -> Void) throws -> Result {
        let writer = try openRecords()
        defer { writer.close() }
        let syncer = PeriodicSync(writer)
        defer { syncer.stop() }
        var result = Result(ending: .completed(trialsWithoutOK: 0), records: 0, notOK: 0)
        do {
            try LocalRunner(plan: plan).run(shouldStop: { signals.signal != nil }) { record in
                try writer.write(record)
                result.records += 1
                if record.outcome != .ok { result.notOK += 1 }
                onRecord(record)
            }
        } catch let error as RecordWriter.WriteError {
            result.ending = .failed(reason: error.description)
            result.writeFailure = error
            return result
        }
        let missing = plan.trialCount - (result.records - result.notOK)
        if let signal = signals.signal {
            result.ending = .interrupted(signal: signal, trialsWithoutOK: missing)
        } else {
            result.ending = .completed(trialsWithoutOK: missing)
        }
        return result
    }

    private func runInWorkers(signals: SignalWatcher, onRecord: @escaping (TrialRecord) -> Void) throws -> Result {
        if experiment.cluster.launcher == .slurm, options.endpoint?.hasPrefix("tcp://") != true {
            throw Failure(description: "workers started by Slurm connect over tcp, from other nodes: "
                + "bind a tcp endpoint they can reach (--bind tcp://ADDRESS:PORT)")
        }
        if experiment.cluster.launcher == .slurm, options.pinWorkers {
            throw Failure(description: "workers started by Slurm are placed by Slurm: drop --pin-workers "
                + "and bind them with srun's own option (--slurm-arg=--cpu-bind=cores)")
        }
        let placement = try options.pinWorkers ? CorePlacement<WorkerID>(cpus: options.workerCPUs ?? CPUAffinity.allowedCPUs()) : nil
        let context = try Context()
        let curve = options.curve?.absolute
        let clientKeys = try curve?.clientKeys()
        // Before the records file is opened: a refused run leaves nothing behind.
        let link = try options.collector.map { try connectCollector($0, context: context, curve: clientKeys) }
        var collectorWait = Self.collectorFinishTimeout
        defer { if let link { report(link.finish(timeout: collectorWait), of: link, waited: collectorWait) } }
        if let link, let resumed { forward(earlier: resumed.records, to: link) }
        for stale in PrivateFolder.removeStale() {
            logger.debug("removed \(stale), the private folder of a coordinator that is gone")
        }
        let folder = try PrivateFolder()
        defer { folder.remove() }
        try RecordWriter.createParentFolders(of: options.output)
        let workerLog = try WorkerLog(besideRecords: options.output)
        defer { workerLog.close() }
        var command = experiment.program?.workerCommand ?? .isorun(executable: options.executable)
        if let curve { command = command.securing(with: curve.path) }
        let linkPath = localLinkPath(in: folder, command: command)
        let processes = experiment.cluster.launcher == .local ? ProcessLauncher(
            command: command, output: workerLog.descriptor, interrupt: signals.descriptor,
            link: linkPath.map { "\(LinkedTrial.scheme)\($0)" }, placement: placement) : nil
        let launcher: any WorkerLauncher = processes
            ?? SlurmLauncher(command: command, options: experiment.cluster.slurm, output: workerLog.descriptor)
        defer {
            if let processes, let failure = processes.failedPins.last {
                let cause = failure.code == EINVAL ? " (the CPU is no longer in isorun's cpuset, or is offline)" : ""
                logger.warning("--pin-workers: \(processes.failedPins.count) worker(s) ran unpinned, where the kernel put them; the last: \(failure)\(cause)")
            }
            launcher.shutdown()
        }
        // Before the records file is opened, and charged to no trial: a zygote that
        // loads a framework takes seconds, and one that refuses refuses the run.
        if plan.stages.contains(where: { $0.strategy == .process }) && experiment.cluster.launcher == .local
            && experiment.cluster.launch == .forkServer {
            try prepareForkServer(launcher, log: workerLog)
        }
        let writer = try openRecords()
        defer { writer.close() }
        let syncer = PeriodicSync(writer)
        defer { syncer.stop() }
        let sink = FileSink(writer: writer, collector: link, onRecord: onRecord)
        let server = try curve.map { (try CurveServer(folder: $0, context: context, logger: logger), clientKeys!.pair.publicKey) }
        let router = try RouterTransport(
            bind: options.endpoint ?? "ipc://\(folder.path)/coordinator", context: context,
            workloadJSON: experiment.workloadJSON, curve: server)
        let linked = try linkPath.map {
            try LinkedTransport(wrapping: router, path: $0, workloadJSON: experiment.workloadJSON)
        }
        let transport: any WorkerTransport = linked ?? router
        let coordinator = Coordinator(
            stages: plan.stages, settings: schedulerSettings(linked: linked), transport: transport,
            launcher: launcher, signals: signals, sink: sink, logger: logger)
        let ending: RunEnding
        do {
            ending = try coordinator.run()
            if case .interrupted = ending { collectorWait = Self.collectorFinishTimeoutInterrupted }
        } catch let error as RecordWriter.WriteError {
            // The coordinator stopped every worker before it let the error out.
            var result = Result(
                ending: .failed(reason: error.description), records: sink.written, notOK: sink.notOK,
                workerLog: workerLog.keep())
            result.writeFailure = error
            return result
        }
        if case .failed(let reason) = ending {
            let log = workerLog.keep().map { "; the workers' output is in \($0)" } ?? ""
            throw Failure(description: reason + log)
        }
        return Result(ending: ending, records: sink.written, notOK: sink.notOK, workerLog: workerLog.keep())
    }

    /// The scheduler's settings: the experiment's cluster table and this run's
    /// options, and when workers are on a local link, what its socket holds.
    private func schedulerSettings(linked: LinkedTransport?) -> SchedulerSettings {
        let cluster = experiment.cluster
        var settings = SchedulerSettings(
            workers: options.workers, host: ProcessMetrics.hostName, wallClockStart: WallClock.microsecondsSinceEpoch())
        settings.spreadInProcess = cluster.spreadInProcess
        settings.maxTrialsPerWorker = cluster.maxTrialsPerWorker
        settings.maxWorkerRSSBytes = cluster.maxWorkerRSSBytes
        settings.retries = cluster.retries
        settings.trialTimeout = cluster.trialTimeoutSeconds > 0 ? .seconds(cluster.trialTimeoutSeconds) : nil
        settings.heartbeatTimeout = options.heartbeatTimeout
        if let linked { settings.maxAhead = linked.tasksAhead(atMost: settings.maxAhead, largest: largestTaskSpec) }
        switch cluster.launcher {
        case .local: settings.processLaunch = cluster.launch
        case .slurm: (settings.processLaunch, settings.workerLaunch) = (.srun, .srun)
        }
        return settings
    }
}
