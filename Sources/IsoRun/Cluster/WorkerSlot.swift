#if canImport(Glibc)
import Glibc
#endif

/// What the coordinator knows of one worker: how it was started, whether it has
/// said hello, what it is doing and when it was last heard from.
struct WorkerSlot {
    /// How the worker came to be.
    enum Origin: Equatable {
        /// Spawned by this coordinator, living for a whole stage.
        case spawned(pid_t)
        /// Spawned by this coordinator for exactly one trial (`process`).
        case oneShot(pid_t)
        /// Connected of its own accord (another host, say); never spawned or killed here.
        case external
    }

    let id: String
    let origin: Origin
    /// `exec`, `fork-server` or `external`, for records.
    let launch: String
    let started: ContinuousClock.Instant
    var saidHello = false
    var lastHeard: ContinuousClock.Instant
    /// Free for a task: said `ready` and holds none.
    var idle = false
    /// The trial it runs, and since when.
    var task: (spec: TrialSpec, since: ContinuousClock.Instant)?
    /// A one-shot worker's trial, given to it at its first `ready`.
    var assigned: TrialSpec?
    var trialsDone = 0
    /// Told to shut down (a recycle or the end of a stage); its exit is expected.
    var retiring = false
    /// When its process exited cleanly while the coordinator still awaited its
    /// record: the record may still be on its way (the exit report can overtake
    /// it), so the trial is lost only if it does not come soon.
    var exitedAt: ContinuousClock.Instant?
    /// A pool worker started to replace a recycled one: its start-up (spawn to
    /// first task) is part of its first trial's isolation price.
    var chargesStartup = false

    init(id: String, origin: Origin, launch: String, now: ContinuousClock.Instant) {
        self.id = id
        self.origin = origin
        self.launch = launch
        started = now
        lastHeard = now
    }

    /// The process, when this coordinator started it.
    var pid: pid_t? {
        switch origin {
        case .spawned(let pid), .oneShot(let pid): pid
        case .external: nil
        }
    }

    /// The trial it owes a record for, running or about to.
    var owedTrial: TrialSpec? { task?.spec ?? assigned }
}
