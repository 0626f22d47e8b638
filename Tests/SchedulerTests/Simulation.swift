import Scheduler
import TrialRecords

/// Plays every worker a ``Scheduler`` launches, at once and by the book, except
/// where a test scripts a fault: the scheduler's tests run whole stages without
/// a socket, a process or a clock.
///
/// Time is a number the simulation moves: 200 µs per event, and 20 ms per
/// `tick` whenever no event is pending, as the coordinator's loop ticks.
struct Simulation {
    /// What a worker does with a task.
    enum Behaviour {
        /// Sends an `ok` record (one-shot workers then exit cleanly).
        case ok
        /// Sends a `failed` record: the trial raised.
        case raise
        /// Its process dies, killed by this signal.
        case die(signal: Int32)
        /// Never answers and sends no heartbeat.
        case hang
        /// Sends a record of this outcome, which only the coordinator may decide.
        case claim(Outcome)
    }

    var scheduler: Scheduler
    var now: Duration = .zero
    /// Every action the scheduler asked for, in order.
    private(set) var actions: [SchedulerAction] = []
    private var pending: [SchedulerEvent] = []
    /// What the workers the scheduler launches say they can run.
    var capabilities = Set(Strategy.known)
    /// What each worker does with each task; `.ok` unless a test says otherwise.
    var behaviour: (TrialSpec, WorkerID) -> Behaviour = { _, _ in .ok }
    /// Resident memory each record reports.
    var residentBytes: (TrialSpec) -> Int = { _ in 20_000_000 }
    /// Launched workers greet the coordinator on their own.
    var greet = true
    /// One-shot workers are launched with their task, as an exec'd `isorun-trial`
    /// is: they say hello (no ready) and run it unasked.
    var handOverTasks = false
    private var hung: Set<WorkerID> = []
    /// Workers whose process died on a task: they answer no task after it.
    private var dead: Set<WorkerID> = []
    private var lastBeat: Duration = .zero

    init(_ strategies: [Strategy], trials: Int, configure: (inout SchedulerSettings) -> Void = { _ in }) {
        var settings = SchedulerSettings(workers: 2, host: "test-host", wallClockStart: 1_764_763_200_000_000)
        configure(&settings)
        let stages = strategies.map { strategy in
            Stage(strategy: strategy, repeat: 0, trials: (0..<trials).map {
                TrialSpec(runID: "0123456789abcdef", experiment: "sim", strategy: strategy, trial: $0)
            })
        }
        scheduler = Scheduler(stages: stages, settings: settings)
    }

    /// Starts the run without playing the workers.
    mutating func start() {
        take(scheduler.start(at: now))
    }

    /// Hands the scheduler one event now, then plays the workers' answers to it.
    mutating func deliver(_ event: SchedulerEvent) {
        now += .microseconds(200)
        take(scheduler.handle(event, at: now))
    }

    /// Plays the run until it finishes, or until `limit` of simulated time passes.
    mutating func run(for limit: Duration = .seconds(600)) {
        if actions.isEmpty { start() }
        while !scheduler.isFinished, now < limit {
            if pending.isEmpty {
                now += .milliseconds(20)
                beatHearts()
                take(scheduler.handle(.tick, at: now))
            } else {
                deliver(pending.removeFirst())
            }
        }
    }

    /// Heartbeats of every launched worker that is not hung, as their heartbeat
    /// threads would send them, once a simulated second.
    private mutating func beatHearts() {
        guard now - lastBeat >= .seconds(1) else { return }
        lastBeat = now
        for case .launch(let request) in actions where !hung.contains(request.worker) {
            take(scheduler.handle(.heartbeat(request.worker), at: now))
        }
    }

    private mutating func take(_ new: [SchedulerAction]) {
        actions += new
        for action in new { answer(action) }
    }

    /// What the workers, their processes and the transport do in reply.
    private mutating func answer(_ action: SchedulerAction) {
        switch action {
        case .launch(let request):
            let pid = Int32(1000 + actions.count)
            let handedOver = handOverTasks ? request.trial : nil
            pending.append(.launched(request.worker, pid: pid, taskHandedOver: handedOver != nil))
            if greet {
                pending.append(.hello(request.worker, WorkerHello(pid: pid, host: "test-host", capabilities: capabilities)))
                if let handedOver { answer(handedOver, on: request.worker) } else { pending.append(.ready(request.worker)) }
            }
        case .sendTask(let spec, let id):
            answer(spec, on: id)
        case .sendShutdown(let id), .kill(let id):
            if !id.hasPrefix("ext") {
                let clean = if case .sendShutdown = action { true } else { false }
                pending.append(.exited(id, WorkerExit(clean: clean, explanation: clean ? "exited 0" : "killed")))
            }
        case .refuse, .record, .log, .finish:
            break
        }
    }

    /// A worker takes its tasks in the order sent, so one that died or hung on
    /// an earlier task never gets to a later one (a task sent ahead).
    private mutating func answer(_ spec: TrialSpec, on id: WorkerID) {
        guard !dead.contains(id), !hung.contains(id) else { return }
        switch behaviour(spec, id) {
        case .ok, .raise, .claim:
            pending.append(.record(id, record(for: spec, on: id)))
            if oneShot(id) { pending.append(.exited(id, WorkerExit(clean: true, explanation: "exited 0"))) }
        case .die(let signal):
            dead.insert(id)
            pending.append(.exited(id, WorkerExit(clean: false, explanation: "worker killed by signal \(signal)")))
        case .hang:
            hung.insert(id)
        }
    }

    /// The record a well-behaved worker sends for `spec`.
    func record(for spec: TrialSpec, on id: WorkerID) -> TrialRecord {
        var record = TrialRecord(
            runID: spec.runID, experiment: spec.experiment, strategy: spec.strategy, trial: spec.trial,
            repeat: spec.repeat, attempt: spec.attempt, worker: id, pid: 1, host: "test-host", launch: .exec,
            startedAt: "2025-12-03T12:00:00.000000Z", modelsBefore: 0)
        record.createSeconds = 0.0001
        record.fitSeconds = 0.0001
        record.testSeconds = 0.0001
        record.totalSeconds = 0.0003
        record.isolationSeconds = 0.00001
        record.wallSeconds = 0.00035
        record.rssBytes = residentBytes(spec)
        record.peakRSSBytes = residentBytes(spec)
        switch behaviour(spec, id) {
        case .raise:
            record.outcome = .failed
            record.reason = "ValueError: raised on purpose"
        case .claim(let outcome):
            record.outcome = outcome
        default:
            break
        }
        return record
    }

    private func oneShot(_ id: WorkerID) -> Bool {
        actions.contains { if case .launch(let request) = $0 { request.worker == id && request.oneShot } else { false } }
    }

    // MARK: What the scheduler asked for

    /// The records written, in order.
    var records: [TrialRecord] { actions.compactMap { if case .record(let record) = $0 { record } else { nil } } }

    /// The workers launched, in order.
    var launches: [LaunchRequest] { actions.compactMap { if case .launch(let request) = $0 { request } else { nil } } }

    /// The tasks sent to `worker`.
    func tasks(to worker: WorkerID) -> [TrialSpec] {
        actions.compactMap { if case .sendTask(let spec, worker) = $0 { spec } else { nil } }
    }

    /// How many tasks `worker` held right after each of its records was
    /// written: sent to it, and not yet answered by a record.
    func tasksHeld(by worker: WorkerID) -> [Int] {
        var held = 0
        var afterRecords: [Int] = []
        for action in actions {
            if case .sendTask(_, worker) = action { held += 1 }
            if case .record(let record) = action, record.worker == worker {
                held -= 1
                afterRecords.append(held)
            }
        }
        return afterRecords
    }

    /// Every task sent, to whom.
    var tasks: [(spec: TrialSpec, worker: WorkerID)] {
        actions.compactMap { if case .sendTask(let spec, let worker) = $0 { (spec, worker) } else { nil } }
    }

    /// What the scheduler refused, to whom.
    var refusals: [(worker: WorkerID, reason: String)] {
        actions.compactMap { if case .refuse(let worker, let reason) = $0 { (worker, reason) } else { nil } }
    }

    /// How the run ended, once it has.
    var ending: RunEnding? {
        actions.lazy.compactMap { if case .finish(let ending) = $0 { ending } else { nil } }.first
    }

    /// `ok` records per (strategy, trial).
    func okRecords(_ strategy: Strategy) -> [Int: Int] {
        records.filter { $0.strategy == strategy && $0.outcome == .ok }.reduce(into: [:]) { $0[$1.trial, default: 0] += 1 }
    }
}
