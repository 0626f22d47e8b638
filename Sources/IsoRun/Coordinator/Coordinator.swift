import Logging
import Processes
import Scheduler
import Security
import TrialRecords
import Wire

/// The loop around the ``Scheduler``: it turns what the transport, the launcher,
/// signals and the clock report into scheduler events, and carries out the
/// scheduler's actions: sends, launches, kills, records. All decisions are the
/// scheduler's; the coordinator only reads the world and acts on it.
///
/// Runs on the calling thread, which it blocks in the transport's poll.
public final class Coordinator {
    /// How often time is fed to the scheduler (timeouts, silences, grace periods).
    static let tickInterval = Duration.milliseconds(20)

    private let stages: [Stage]
    private let settings: SchedulerSettings
    private let transport: any WorkerTransport
    private let launcher: any WorkerLauncher
    private let signals: SignalWatcher?
    private let sink: any RecordSink
    private let logger: Logger
    private let peerLog: PeerLog
    /// Time as the scheduler is told it: without the coordinator's own stalls.
    private var clock: StallClock
    private var scheduler: Scheduler
    private var ending: RunEnding?
    private var signalled = false
    /// The worker's record being handled, as it came: the line of the record the
    /// scheduler makes final from it is written from its bytes.
    private var sentRecord: SentRecord?

    /// - Parameters:
    ///   - stages: what to run, in order.
    ///   - settings: workers, recycling, retries and time limits.
    ///   - transport: the wire to the workers.
    ///   - launcher: starts and stops worker processes.
    ///   - signals: SIGINT and SIGTERM end the run early; nil: not watched.
    ///   - sink: receives every finished record, on this thread.
    public init(
        stages: [Stage], settings: SchedulerSettings, transport: any WorkerTransport, launcher: any WorkerLauncher,
        signals: SignalWatcher?, sink: any RecordSink, logger: Logger
    ) {
        self.stages = stages
        self.settings = settings
        self.transport = transport
        self.launcher = launcher
        self.signals = signals
        self.sink = sink
        self.logger = logger
        peerLog = PeerLog(logger)
        clock = StallClock(continues: signals?.continuedCount ?? 0)
        scheduler = Scheduler(stages: stages, settings: settings)
    }

    /// Runs every stage, then stops every worker it started.
    ///
    /// ```swift
    /// let coordinator = Coordinator(
    ///     stages: plan.stages, settings: settings, transport: router, launcher: launcher,
    ///     signals: SignalWatcher(), sink: fileSink, logger: logger)
    /// switch try coordinator.run() { ... }
    /// ```
    ///
    /// - Returns: how the run ended.
    /// - Throws: the transport's and the sink's errors; workers are stopped first.
    public func run() throws -> RunEnding {
        defer {
            // Records taken before a failure are kept all the same.
            try? sink.flush()
            launcher.shutdown()
            peerLog.flush()
        }
        try perform(scheduler.start(at: elapsed))
        var lastTick = clock.elapsed
        var lastLifeCheck = clock.elapsed
        while ending == nil {
            try sink.flush()
            // No worker waits for what it sent: take its records together, a batch
            // a wake-up (it holds enough trials ahead to stay busy meanwhile).
            let batchWait = scheduler.currentBatchWait
            if let batchWait { OSThread.sleep(batchWait) }
            let batch = batchWait != nil
            let entered = clock.now
            let watched = launcher.descriptors
            let receipt = try transport.receive(
                timeout: Self.tickInterval, alsoWatching: watched + (signals.map { [$0.descriptor] } ?? []), batch: batch)
            noteStall(enteredAt: entered)
            for inbound in receipt.messages { try handle(inbound) }
            let tickDue = clock.elapsed - lastTick >= Self.tickInterval
            // Exits are looked for when the launcher says one may have come, and at
            // each tick (one learnt otherwise), not after every message: that would
            // cost a waitpid per worker per record. A launcher that watches nothing
            // is asked every time.
            if tickDue || watched.isEmpty || receipt.readableDescriptors.contains(where: watched.contains) {
                for exit in launcher.takeExits() { try feed(.exited(exit.worker, WorkerExit(exit.status))) }
            }
            // The signal pipe is read when the poll found it readable, or at a tick: not a read per record.
            if tickDue || signals.map({ receipt.readableDescriptors.contains($0.descriptor) }) == true {
                try takeSignal()
            }
            if tickDue {
                lastTick = clock.elapsed
                peerLog.tick()
                if clock.elapsed - lastLifeCheck >= lifeCheckInterval {
                    lastLifeCheck = clock.elapsed
                    for worker in transport.workersSeenRunning() { try feed(.heartbeat(worker)) }
                }
                try feed(.tick)
            }
        }
        try sink.flush()
        return ending!
    }

    private var elapsed: Duration { clock.elapsed }

    /// How often the workers whose state the transport sees (``WorkerTransport/workersSeenRunning()``)
    /// are looked at: each second, as workers send heartbeats, or thrice within a shorter heartbeat timeout.
    private var lifeCheckInterval: Duration {
        max(Self.tickInterval, min(.seconds(1), settings.heartbeatTimeout / 3))
    }

    /// Tells the scheduler of SIGINT or SIGTERM, once, as soon as one has come.
    ///
    /// - Returns: whether the run is being interrupted.
    @discardableResult
    private func takeSignal() throws -> Bool {
        if !signalled, let signal = signals?.signal {
            signalled = true
            try feed(.signal(signal))
        }
        return signalled
    }

    /// Takes a stall of the coordinator's own (it was stopped, or not scheduled)
    /// out of the time the scheduler is told, and says so.
    private func noteStall(enteredAt entered: ContinuousClock.Instant) {
        let continues = signals?.continuedCount ?? 0
        guard let stall = clock.pollReturned(enteredAt: entered, timeout: Self.tickInterval, continues: continues)
        else { return }
        let seconds = (stall / .milliseconds(100)).rounded() / 10
        logger.warning("""
            the coordinator itself was stopped or not running for \(seconds) s; that time is left out of \
            the trials in flight (wall_s, isolation_s) and of their time limits
            """)
    }

    private func feed(_ event: SchedulerEvent) throws {
        try perform(scheduler.handle(event, at: elapsed))
    }

    /// Carries out actions in order; what they cause (a launch's pid, a worker
    /// found unreachable) goes back to the scheduler at once.
    private func perform(_ actions: [SchedulerAction]) throws {
        for action in actions {
            switch action {
            case .launch(let request):
                // A signal that came while earlier actions ran (a launch that waited for
                // the fork server) is taken before anything new starts.
                if try takeSignal() {
                    try feed(.launchFailed(request.worker, reason: "not started: the run is being interrupted"))
                    continue
                }
                if transport.isTaken(request.worker) {
                    try feed(.launchFailed(request.worker, reason: """
                        a peer this coordinator did not launch holds its id (refused); the next worker gets another
                        """))
                    continue
                }
                // An exec'd worker may start on a link made here, a trial with its
                // task on it, which it then never waits for; this process's copy of
                // the link's far end closes once the launch has passed it on.
                let link = launcher.startsOnLink(request)
                    ? transport.link(for: request.worker, carrying: request.trial) : nil
                do {
                    let pid = try withExtendedLifetime(link) {
                        try launcher.launch(request, endpoint: transport.endpoint, link: link)
                    }
                    transport.launched(request.worker, pid: pid)
                    try feed(.launched(request.worker, pid: pid, taskHandedOver: link != nil && request.oneShot))
                } catch {
                    try takeSignal()
                    try feed(.launchFailed(request.worker, reason: "\(error)"))
                }
            case .sendTask(let spec, let worker):
                if !transport.sendTask(spec, to: worker) { try feed(.unreachable(worker)) }
            case .sendShutdown(let worker):
                transport.send(.shutdown, to: worker)
            case .refuse(let worker, let reason):
                transport.send(.error("refused: \(reason)"), to: worker)
            case .kill(let worker):
                launcher.kill(worker)
            case .record(let record):
                try sink.write(record, sent: sentRecord)
            case .log(let level, let message):
                peerLog.log(level.logging, message)
            case .finish(let ending):
                self.ending = ending
            }
        }
    }

    /// Turns one inbound message into the scheduler's event, refusing what is
    /// malformed or not a worker's to send.
    private func handle(_ inbound: Inbound) throws {
        let sender = inbound.sender
        let message: WireMessage
        switch inbound.message {
        case .success(let decoded):
            message = decoded
        case .failure(let error):
            peerLog.log(.warning, "refused a message from '\(LogText.escaped(sender))': \(error)")
            transport.send(.error("refused: \(error)"), to: sender)
            return
        }
        switch message {
        case .heartbeat where inbound.onHeartbeatConnection:
            try feed(.heartbeat(sender))
        case .hello(let hello) where !inbound.onHeartbeatConnection:
            guard hello.worker == sender else {
                let reason = "hello names worker '\(hello.worker)' but the routing id is '\(sender)'"
                peerLog.log(.warning, "refused a hello: \(reason)")
                transport.send(.error("refused: \(reason)"), to: sender)
                return
            }
            let capabilities = Set(hello.capabilities.map(Strategy.init(rawValue:)))
            try feed(.hello(sender, WorkerHello(pid: hello.pid, host: hello.host, capabilities: capabilities)))
        case .ready where !inbound.onHeartbeatConnection:
            try feed(.ready(sender))
        case .record(let record) where !inbound.onHeartbeatConnection:
            sentRecord = inbound.sentRecord
            defer { sentRecord = nil }
            try feed(.record(sender, record))
        case .error(let reason):
            peerLog.log(.error, "worker \(LogText.escaped(sender)) reported: \(LogText.escaped(reason))")
        default:
            peerLog.log(.warning, "ignored a \(message.kind) message from '\(LogText.escaped(sender))'")
        }
    }
}

extension LogLevel {
    var logging: Logger.Level {
        switch self {
        case .debug: .debug
        case .info: .info
        case .notice: .notice
        case .warning: .warning
        case .error: .error
        }
    }
}
