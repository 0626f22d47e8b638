import Logging
import SystemPackage
import TrialRecords
import ZeroMQ

/// One run of an experiment, end to end: trials run (in worker processes, or in
/// this process with `local`), every record goes to a collector that writes it
/// to the output file as it arrives (and to an external collector, if given).
public final class ExperimentRun {
    /// Where the run writes, listens and streams.
    public struct Options: Sendable {
        /// The JSONL records file.
        public var output: FilePath
        /// Run in this process without workers (in-process strategies only).
        public var local = false
        /// Local worker processes per stage.
        public var workers: Int
        /// The coordinator's ROUTER endpoint; nil picks an ipc path of its own.
        public var endpoint: String?
        /// A standalone collector (`isorun collect`) to stream records to as well.
        public var collector: String?
        /// The `isorun` binary that workers run.
        public var executable: String
        /// A worker unheard of for this long is taken for lost.
        public var heartbeatTimeout: Duration = .seconds(10)
        /// Add to the output file instead of replacing it.
        public var append = false
        /// The run's id, in every record; a fresh random one by default.
        public var runID = RunPlan.newRunID()

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
        public var ending: Coordinator.Ending
        /// Records written to the output file.
        public var records: Int
        /// Records whose outcome is not `ok` (failed, timed out or lost; retried
        /// trials count once per lost attempt).
        public var notOK: Int
    }

    public let experiment: Experiment
    public let options: Options
    private let logger: Logger

    /// Prepares a run; nothing starts before ``run(signals:onRecord:)``.
    public init(experiment: Experiment, options: Options, logger: Logger) {
        self.experiment = experiment
        self.options = options
        self.logger = logger
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
    ///   - onRecord: called for each record once it is on disk, from the
    ///     collector's thread.
    /// - Throws: `RecordWriter.OpenError` when the output cannot be written;
    ///   `ZMQError` when an endpoint cannot be bound or reached;
    ///   `Coordinator.Failure` when workers cannot be started.
    public func run(signals: SignalWatcher, onRecord: @escaping @Sendable (TrialRecord) -> Void) throws -> Result {
        if options.local {
            return try runLocally(signals: signals, onRecord: onRecord)
        }
        return try runInWorkers(signals: signals, onRecord: onRecord)
    }

    private func runLocally(signals: SignalWatcher, onRecord: (TrialRecord) -> Void) throws -> Result {
        let writer = try RecordWriter(path: options.output, append: options.append)
        defer { writer.close() }
        var result = Result(ending: .completed, records: 0, notOK: 0)
        try LocalRunner(plan: RunPlan(experiment, runID: options.runID)).run(shouldStop: { signals.signal != nil }) { record in
            try writer.write(record)
            result.records += 1
            if record.outcome != .ok { result.notOK += 1 }
            onRecord(record)
        }
        if let signal = signals.signal { result.ending = .interrupted(signal: signal) }
        return result
    }

    /// A PUSH socket to a standalone collector: no high-water mark (a slow
    /// collector costs memory, not records), ten seconds to deliver at the end.
    private func connectExternalCollector(_ endpoint: String, context: Context) throws -> Socket {
        let socket = try Socket(context, type: .push)
        try socket.setSendHighWaterMark(0)
        try socket.setLinger(.seconds(10))
        try socket.connect(endpoint)
        return socket
    }

    private func runInWorkers(
        signals: SignalWatcher, onRecord: @escaping @Sendable (TrialRecord) -> Void
    ) throws -> Result {
        let context = try Context()
        let collectorEndpoint = "inproc://isorun-collector"
        let collector = try CollectorThread(
            bind: collectorEndpoint, output: options.output, append: options.append, context: context, logger: logger,
            onRecord: onRecord)
        // From here on, the collector thread is always told the run ended and joined.
        var sent = 0
        var dropped = 0
        let local: Socket
        do {
            local = try Socket(context, type: .push)
            try local.setSendHighWaterMark(0)
            try local.connect(collectorEndpoint)
        } catch {
            collector.abandon()
            _ = try? collector.join()
            throw error
        }
        let ending: Coordinator.Ending
        do {
            defer { _ = try? local.send(WireMessage.end(records: sent).frames) }
            let external = try options.collector.map { try connectExternalCollector($0, context: context) }
            defer { _ = try? external?.send(WireMessage.end(records: sent).frames, flags: .dontWait) }
            let folder = try PrivateFolder()
            defer { folder.remove() }
            var coordinatorOptions = Coordinator.Options(
                endpoint: options.endpoint ?? "ipc://\(folder.path)/coordinator", workers: options.workers,
                executable: options.executable, settings: experiment.cluster)
            coordinatorOptions.heartbeatTimeout = options.heartbeatTimeout
            let coordinator = try Coordinator(
                plan: RunPlan(experiment, runID: options.runID), options: coordinatorOptions, context: context, logger: logger,
                signals: signals
            ) { record in
                // A collector thread that failed would leave this send waiting for ever.
                try collector.checkRunning()
                let frames = WireMessage.record(record).frames
                try local.send(frames)
                sent += 1
                // A standalone collector that is gone or slow must not stall the run.
                if let external, (try? external.send(frames, flags: .dontWait)) == nil { dropped += 1 }
            }
            ending = try coordinator.run()
        } catch {
            _ = try? collector.join()
            throw error
        }
        let counts = try collector.join()
        if dropped > 0, let endpoint = options.collector {
            logger.warning("\(dropped) of \(sent) records could not be queued for the collector at \(endpoint)")
        }
        return Result(ending: ending, records: counts.records, notOK: counts.notOK)
    }
}
