import Logging
import TrialRecords
import ZeroMQ

#if canImport(Glibc)
import Glibc
#endif

/// Runs an experiment's trials in worker processes: binds a ROUTER, spawns and
/// supervises workers, hands each free worker the next trial, and passes every
/// record to a sink the moment it arrives.
///
/// Stages (one strategy's trials for one repeat) run one after another. In-process
/// strategies and `pool` run in `workers` long-lived processes spawned for the
/// stage (plus any external worker that connected); `process` runs each trial in
/// a fresh process, `workers` at a time. The coordinator reaps its children,
/// notices deaths and silences, retries lost trials, kills trials that overrun,
/// and on SIGINT or SIGTERM stops its workers and returns.
///
/// Runs on the calling thread, which it blocks in `zmq_poll`.
public final class Coordinator {
    /// How the coordinator listens and supervises.
    public struct Options: Sendable {
        /// The ROUTER endpoint workers connect to.
        public var endpoint: String
        /// Local worker processes per stage, at least 1.
        public var workers: Int
        /// The `isorun` binary that workers run.
        public var executable: String
        /// Recycling, retries, timeouts and launch.
        public var settings: ClusterSettings
        /// A worker unheard of for this long is taken for lost.
        public var heartbeatTimeout: Duration = .seconds(10)
        /// Time workers get to exit after `shutdown` before they are killed.
        public var gracePeriod: Duration = .seconds(2)

        /// - Parameters:
        ///   - endpoint: where to bind the ROUTER (`ipc://PATH`, `tcp://HOST:PORT`).
        ///   - workers: local worker processes per stage, at least 1.
        ///   - executable: the `isorun` binary the workers run.
        ///   - settings: recycling, retries, timeouts and launch.
        public init(endpoint: String, workers: Int, executable: String, settings: ClusterSettings) {
            self.endpoint = endpoint
            self.workers = workers
            self.executable = executable
            self.settings = settings
        }
    }

    /// How long a record may trail its worker's clean exit.
    static let recordGrace = Duration.seconds(1)

    /// How often the coordinator reaps, and checks for overruns and silences.
    static let supervisionInterval = Duration.milliseconds(20)

    /// How a run ended.
    public enum Ending: Equatable, Sendable {
        case completed
        case interrupted(signal: Int32)
    }

    /// A run that cannot go on.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    let plan: RunPlan
    let options: Options
    let logger: Logger
    let signals: SignalWatcher?
    let sink: (TrialRecord) throws -> Void
    let router: Socket
    let clock = ContinuousClock()
    /// The workload as every task carries it, encoded once.
    let workloadJSON: String

    var slots: [String: WorkerSlot] = [:]
    /// Processes told to stop or killed, not yet reaped.
    var exiting: Set<pid_t> = []
    var forkServer: ForkServerClient?
    var nextWorkerNumber = 1
    var deathsBeforeHello = 0
    var recordsSent = 0
    var interruption: Int32?
    /// A sink failure met where it could not be thrown; thrown at the next chance.
    var pendingSinkError: (any Error)?

    /// The current stage's trials not yet handed out, retries first.
    var queue: [TrialSpec] = []
    /// Trials of the current stage still without a final record.
    var owed = 0
    var stage: RunPlan.Stage?
    /// Workers spawned for the current stage so far.
    var stageSpawns = 0

    /// Binds the ROUTER.
    ///
    /// - Parameters:
    ///   - sink: receives every record as it arrives, on this thread; a throw ends the run.
    /// - Throws: `ZMQError` when the endpoint cannot be bound.
    public init(
        plan: RunPlan, options: Options, context: Context, logger: Logger,
        signals: SignalWatcher?, sink: @escaping (TrialRecord) throws -> Void
    ) throws {
        precondition(options.workers >= 1, "a coordinator needs at least one worker, got \(options.workers)")
        self.plan = plan
        self.options = options
        self.logger = logger
        self.signals = signals
        self.sink = sink
        workloadJSON = WireMessage.Task.json(of: plan.experiment.workload)
        router = try Socket(context, type: .router)
        try router.setRouterMandatory(true)
        try router.bind(options.endpoint)
    }

    /// The endpoint workers connect to (with the port chosen when bound to `:*`).
    public var endpoint: String { (try? router.lastEndpoint) ?? options.endpoint }

    /// Runs every stage, then stops all workers.
    ///
    /// ```swift
    /// let coordinator = try Coordinator(
    ///     plan: RunPlan(experiment), options: options, context: try Context(),
    ///     logger: logger, signals: SignalWatcher()) { record in try writer.write(record) }
    /// if case .interrupted(let signal) = try coordinator.run() { exit(128 + signal) }
    /// ```
    ///
    /// - Returns: `.completed`, or `.interrupted` after SIGINT or SIGTERM.
    /// - Throws: ``Failure`` when workers cannot be started or keep dying before
    ///   they say hello; the sink's errors.
    public func run() throws -> Ending {
        defer { stopAllWorkers() }
        for stage in plan.stages {
            try run(stage)
            if let interruption { return .interrupted(signal: interruption) }
        }
        return .completed
    }

    /// How many records went to the sink.
    public var recordCount: Int { recordsSent }

    private func run(_ stage: RunPlan.Stage) throws {
        self.stage = stage
        queue = stage.trials
        owed = stage.trials.count
        stageSpawns = 0
        logger.info("stage \(stage.strategy.rawValue) repeat \(stage.repeat): \(owed) trials")
        if stage.strategy == .process, options.settings.launch == .forkServer, forkServer == nil {
            forkServer = try ForkServerClient(executable: options.executable)
        }
        var supervised = clock.now
        while owed > 0 {
            try topUpWorkers()
            try dispatch()
            try pollOnce(timeout: Self.supervisionInterval)
            // Reaping, timeouts and silences need no finer grain than this; the
            // messages of a busy run arrive far more often.
            if clock.now - supervised >= Self.supervisionInterval {
                try superviseWorkers()
                supervised = clock.now
            }
            if let signal = signals?.signal {
                interruption = signal
                logger.notice("signal \(signal): stopping the run")
                return
            }
        }
        retireStageWorkers()
    }

    /// Starts workers until the stage has what it needs: `workers` long-lived ones,
    /// or for `process` one fresh one per queued trial, `workers` at a time.
    private func topUpWorkers() throws {
        guard let stage, !queue.isEmpty else { return }
        if stage.strategy == .process {
            let running = slots.values.filter { $0.assigned != nil || $0.task != nil }.count
            for _ in 0..<max(0, min(options.workers - running, queue.count)) {
                let spec = queue.removeFirst()
                try spawnWorker(oneShot: spec)
            }
        } else {
            let live = slots.values.filter { !$0.retiring && $0.origin != .external }.count
            let wanted = plan.experiment.stageWorkers(for: stage.strategy, workers: options.workers)
            for _ in 0..<max(0, wanted - live) { try spawnWorker(oneShot: nil) }
        }
    }

    /// Hands queued trials to idle long-lived workers.
    private func dispatch() throws {
        guard let stage, stage.strategy != .process else { return }
        for id in slots.keys.sorted() where !queue.isEmpty {
            guard let slot = slots[id], slot.idle, !slot.retiring else { continue }
            try send(task: queue.removeFirst(), to: id)
        }
    }

    func send(task spec: TrialSpec, to id: String) throws {
        slots[id]?.idle = false
        slots[id]?.assigned = nil
        slots[id]?.task = (spec, clock.now)
        do {
            try router.send([Array(id.utf8)] + WireMessage.taskFrames(spec: spec, workloadJSON: workloadJSON))
        } catch .hostUnreachable {
            lose(id, outcome: .workerLost, reason: "worker disconnected before its task could be sent")
        }
    }

    private func spawnWorker(oneShot spec: TrialSpec?) throws {
        while slots["w\(nextWorkerNumber)"] != nil { nextWorkerNumber += 1 }
        let id = "w\(nextWorkerNumber)"
        nextWorkerNumber += 1
        let now = clock.now
        var slot: WorkerSlot
        do {
            if spec != nil, let forkServer {
                let pid = try forkServer.spawn(id: id, endpoint: endpoint)
                slot = WorkerSlot(id: id, origin: .oneShot(pid), launch: Launch.forkServer.rawValue, now: now)
            } else {
                var arguments = ["worker", "--connect", endpoint, "--id", id, "--parent", "\(getpid())"]
                if spec != nil { arguments.append("--one-shot") }
                let pid = try ChildProcess.spawn(options.executable, arguments: arguments)
                let origin: WorkerSlot.Origin = spec == nil ? .spawned(pid) : .oneShot(pid)
                slot = WorkerSlot(id: id, origin: origin, launch: Launch.exec.rawValue, now: now)
            }
        } catch {
            throw Failure(description: "cannot start a worker: \(error)")
        }
        logger.debug("spawned worker \(id) (pid \(slot.pid ?? 0), \(slot.launch)) in \(formatMilliseconds(clock.now - now))")
        slot.assigned = spec
        slot.chargesStartup = stage?.strategy == .pool && stageSpawns >= options.workers
        stageSpawns += 1
        slots[id] = slot
    }

    /// Forwards a finished record to the sink.
    func emit(_ record: TrialRecord, final: Bool) throws {
        try sink(record)
        recordsSent += 1
        if final { owed -= 1 }
    }
}
