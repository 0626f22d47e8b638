import TrialRecords

/// The coordinator's decisions as a pure state machine: given its state and an
/// event, it returns the actions to carry out, `(state, event) -> [action]`.
///
/// It runs the stages of a plan one after another. In-process strategies run in
/// one long-lived worker (or ``SchedulerSettings/workers`` of them when spread),
/// `pool` in `workers` long-lived ones recycled after N trials or past an RSS
/// limit, `process` in a fresh one-shot worker per trial, `workers` at a time.
/// Retries of lost trials, trial timeouts, heartbeat silences, hello deadlines,
/// capability matching, recycling and isolation accounting all live here, once.
///
/// It touches no socket, no process and no clock: the loop that owns it
/// (``Coordinator`` in IsoRun) turns messages, exits, signals and the passing of
/// time into ``SchedulerEvent``s, and ``SchedulerAction``s into sends, launches
/// and kills. That makes every rule testable with plain values.
///
/// ```swift
/// var scheduler = Scheduler(stages: plan.stages, settings: settings)
/// perform(scheduler.start(at: .zero))
/// while !scheduler.isFinished {
///     perform(scheduler.handle(nextEvent(), at: clock.now - start))
/// }
/// ```
public struct Scheduler: Sendable {
    public let settings: SchedulerSettings
    let stages: [Stage]
    var stageIndex = 0
    /// The current stage's trials not yet handed out, retries first.
    var queue = TrialQueue()
    /// Trials of the current stage still without a final record.
    var owed = 0
    /// The current stage has all its records and waits for its workers to exit.
    var draining = false
    var workers: [WorkerID: WorkerState] = [:]
    var nextWorkerNumber = 1
    /// Long-lived workers launched for the current stage so far.
    var stageLaunches = 0
    /// Launched workers that ended or failed to start before saying hello, in a row.
    var deathsBeforeHello = 0
    /// Trials, over the whole plan, that ended with an `ok` record.
    var trialsOK = 0
    /// The signal that is ending the run, and since when.
    var interruption: (signal: Int32, since: Duration)?
    public internal(set) var isFinished = false

    /// A scheduler for `stages`, run in order.
    public init(stages: [Stage], settings: SchedulerSettings) {
        self.stages = stages
        self.settings = settings
    }

    /// Starts the first stage.
    public mutating func start(at now: Duration) -> [SchedulerAction] {
        var actions: [SchedulerAction] = []
        beginStage(0, at: now, into: &actions)
        advance(at: now, into: &actions)
        return actions
    }

    /// Handles one event that happened at `now` (time since the run began).
    public mutating func handle(_ event: SchedulerEvent, at now: Duration) -> [SchedulerAction] {
        guard !isFinished else { return [] }
        var actions: [SchedulerAction] = []
        switch event {
        case .hello(let id, let hello): helloReceived(from: id, hello, at: now, into: &actions)
        case .ready(let id): readyReceived(from: id, at: now, into: &actions)
        case .record(let id, let record): recordReceived(record, from: id, at: now, into: &actions)
        case .heartbeat(let id): if let index = workers.index(forKey: id) { workers.values[index].lastHeard = now }
        case .launched(let id, let pid, let handedOver):
            workers[id]?.pid = pid
            workers[id]?.taskHandedOver = handedOver
        case .launchFailed(let id, let reason): launchFailed(id, reason: reason, into: &actions)
        case .unreachable(let id): unreachable(id, at: now, into: &actions)
        case .exited(let id, let exit): exited(id, exit, at: now, into: &actions)
        case .tick: supervise(at: now, into: &actions)
        case .signal(let signal): interrupt(by: signal, at: now, into: &actions)
        }
        advance(at: now, into: &actions)
        return actions
    }

    /// Trials of the whole plan.
    var plannedTrials: Int { stages.reduce(0) { $0 + $1.trials.count } }

    /// The stage being run, nil once all have been.
    var stage: Stage? {
        stageIndex < stages.count && interruption == nil ? stages[stageIndex] : nil
    }
}
