import TrialRecords

/// What the scheduler needs to know of the run besides its stages: how many
/// workers, when to recycle them, how often to retry, and how long to wait for
/// each thing a worker owes. Every limit is a `Duration`; the scheduler compares
/// them with the times its events carry and never reads a clock.
public struct SchedulerSettings: Sendable, Equatable {
    /// Local worker processes for `process` and `pool` stages, and for in-process
    /// stages when ``spreadInProcess`` is set; at least 1.
    public var workers: Int
    /// Spread the trials of an in-process strategy over ``workers`` processes
    /// instead of running them all in one (the classic single-process picture).
    public var spreadInProcess = false
    /// A `pool` worker is replaced after this many trials.
    public var maxTrialsPerWorker = 10
    /// A `pool` worker is replaced once its resident memory after a trial passes
    /// this many bytes; 0: no limit.
    public var maxWorkerRSSBytes = 0
    /// A worker of an in-process stage whose last trial took less than this is
    /// sent its next trials before its record comes, and starts each as soon as
    /// it has sent the record before: it never waits for the coordinator
    /// between short trials. Longer trials are sent one at a time, so that a
    /// stage's last trials go to whichever worker is free first. Zero: always
    /// one at a time.
    public var sendAheadBelow: Duration = .milliseconds(50)
    /// While every worker holds a trial ahead, the coordinator may leave their
    /// records unread this long and take them together
    /// (``Scheduler/currentBatchWait``, shorter when a worker holds less): a
    /// worker is sent enough trials ahead to stay busy meanwhile. Each
    /// wake-up costs the coordinator its `poll`, a `write` and a sleep
    /// whatever it brings: at 4 ms rather than 1, the coordinator took about
    /// 12 µs of CPU a trial rather than 16 with two workers of the seed model.
    public var batchWait: Duration = .milliseconds(4)
    /// The most trials one worker holds ahead: enough to cover two
    /// ``batchWait``s with trials down to about 125 µs, one down to about
    /// 60 µs. Below a ZeroMQ connection's queue
    /// (`SocketLimits.workerQueue`); a run lowers it to what a local link's
    /// socket holds of its tasks.
    public var maxAhead = 64
    /// Attempts after the first for a trial whose worker was lost.
    public var retries = 1
    /// A trial running longer than this is recorded as `timeout` and its worker
    /// killed; nil: no limit.
    public var trialTimeout: Duration?
    /// A worker unheard of for this long is taken for lost.
    public var heartbeatTimeout: Duration = .seconds(10)
    /// A spawned worker that has not said hello this long after its launch is
    /// killed. Until its hello, this deadline alone applies, not the heartbeat
    /// timeout: a worker that imports a framework (TensorFlow takes seconds,
    /// tens of seconds on a loaded machine) may be silent until it is ready.
    public var helloTimeout: Duration = .seconds(60)
    /// How long a record may trail its worker's clean exit, and an exit's
    /// report a failed send to the worker: each can overtake the other.
    public var recordGrace: Duration = .seconds(1)
    /// Time workers get to exit after `shutdown` before they are killed.
    public var shutdownGrace: Duration = .seconds(2)
    /// How a `process` trial's fresh process is started: `.exec` or `.forkServer`,
    /// or `.srun` under Slurm.
    public var processLaunch: Launch = .forkServer
    /// How a long-lived worker (every strategy but `process`) is started:
    /// `.exec`, or `.srun` under Slurm.
    public var workerLaunch: Launch = .exec
    /// Spawned workers that die before saying hello, in a row, before the run
    /// gives up.
    public var maxDeathsBeforeHello = 5
    /// The host that records the scheduler makes itself name.
    public var host: String
    /// The run's wall-clock start, in microseconds since the Unix epoch: records
    /// the scheduler makes itself are stamped `startedAt` from it and the times
    /// its events carry.
    public var wallClockStart: Int64

    /// Settings with the defaults above.
    ///
    /// - Parameters:
    ///   - workers: local worker processes per stage, at least 1.
    ///   - host: the host named in records the scheduler makes itself.
    ///   - wallClockStart: the run's start in microseconds since the Unix epoch.
    public init(workers: Int, host: String, wallClockStart: Int64) {
        precondition(workers >= 1, "a scheduler needs at least one worker, got \(workers)")
        self.workers = workers
        self.host = host
        self.wallClockStart = wallClockStart
    }
}
