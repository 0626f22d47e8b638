import TrialRecords

/// What the scheduler knows of one worker: how it came to be, whether it said
/// hello, what it is doing and when it was last heard from.
struct WorkerState: Sendable {
    /// What the worker is doing.
    enum Activity: Sendable, Equatable {
        /// Launched or connected, not yet ready for a task.
        case starting
        /// Ready, with no task.
        case idle
        /// Running this trial since the task was sent, or, for a trial it held
        /// ahead (`sentAhead`), since the record before it came.
        case busy(TrialSpec, since: Duration, sentAhead: Bool = false)
        /// Told to shut down (a recycle, the end of a stage or of the run), or a
        /// one-shot worker whose trial is done: its exit is expected.
        case retiring(since: Duration)
    }

    let id: WorkerID
    /// How the scheduler started it; nil for a worker that connected of its own accord.
    let launch: LaunchRequest?
    /// When it was launched, or first heard from.
    let since: Duration
    var pid: Int32?
    var hello: WorkerHello?
    var lastHeard: Duration
    var activity = Activity.starting
    /// A one-shot worker's trial, sent at its first `ready`, or, when the
    /// launch handed it over, started at its hello.
    var assigned: TrialSpec?
    /// Its process was given its trial's task at launch: no task is sent.
    var taskHandedOver = false
    var trialsDone = 0
    /// Trials sent while it was busy, in order: it starts each once it has sent
    /// the record before it (``SchedulerSettings/sendAheadBelow``).
    var ahead: [TrialSpec] = []
    /// How long its last trial took: its record's `wall_s` as completed.
    var lastTrialWall: Duration?
    /// A pool worker started to replace a recycled one: its start-up (launch to
    /// first task) is part of its first trial's isolation price.
    var chargesStartup = false
    /// When its process exited cleanly while its record was still awaited.
    var exitedAt: Duration?
    /// When a task could not be sent to it; its exit's report is awaited.
    var unreachableAt: Duration?

    init(id: WorkerID, launch: LaunchRequest?, at now: Duration) {
        self.id = id
        self.launch = launch
        since = now
        lastHeard = now
    }

    /// How records name the worker's start: the launch's method, or `external`.
    var launchMethod: Launch { launch?.via ?? .external }

    var isExternal: Bool { launch == nil }

    var isOneShot: Bool { launch?.oneShot ?? false }

    /// Its process exited, or its link failed: it is sent nothing more, and
    /// the record it may still send is its last.
    var isLeaving: Bool { exitedAt != nil || unreachableAt != nil }

    var isRetiring: Bool {
        if case .retiring = activity { return true }
        return false
    }

    /// The trial being run, since when, and whether it was held ahead.
    var task: (spec: TrialSpec, since: Duration, sentAhead: Bool)? {
        if case .busy(let spec, let since, let sentAhead) = activity { return (spec, since, sentAhead) }
        return nil
    }

    /// Neither running a trial nor going: a worker the next trial may be left for.
    var isWithoutTask: Bool {
        switch activity {
        case .starting, .idle: true
        case .busy, .retiring: false
        }
    }

    /// How many more trials it should be sent ahead. It should hold none
    /// unless it is a launched worker, running a trial, whose last trial took
    /// less than ``SchedulerSettings/sendAheadBelow``; then one, and as many
    /// more as it runs in two ``SchedulerSettings/batchWait``s, at most
    /// ``SchedulerSettings/maxAhead``: one for the coordinator's sleep, one for
    /// its wake-up and the records it handles before this worker's. Covering
    /// one alone, a worker ran out at most wake-ups: with two workers of the
    /// seed model the CPUs were idle 2.01% of a run rather than 1.36%
    /// (medians of 10 runs each).
    func aheadMissing(by settings: SchedulerSettings) -> Int {
        guard case .busy = activity, !isExternal, !isLeaving, let wall = lastTrialWall, wall < settings.sendAheadBelow else {
            return 0
        }
        let covered = settings.batchWait * 2
        let wanted = min(settings.maxAhead, 1 + Int((covered / max(wall, .microseconds(1))).rounded(.up)))
        return max(0, wanted - ahead.count)
    }

    /// Whether it can be sent a trial of `strategy` once idle.
    func canRun(_ strategy: Strategy) -> Bool {
        hello?.capabilities.contains(strategy) ?? false
    }
}
