import Processes
import Scheduler
import TrialRecords

/// Starts and stops the coordinator's worker processes, and tells it when they
/// end. ``ProcessLauncher`` is the real one; `IsoRunTestSupport`'s
/// `InMemoryLauncher` stands in for it where a test drives the coordinator's
/// loop without processes.
public protocol WorkerLauncher: AnyObject {
    /// Descriptors the coordinator polls: readable when ``takeExits()`` may
    /// have something new. The coordinator asks when one is, and at each of
    /// its ticks (20 ms); a launcher with none is asked at every turn of its loop.
    var descriptors: [Int32] { get }

    /// Readies what launches `via` need before the run's first trial (the fork
    /// server's zygote), so that no trial pays for it, and a launcher that will
    /// not serve says so before anything runs.
    ///
    /// - Throws: `ForkServerClient.Refusal` when the zygote refuses to serve;
    ///   any other error when it cannot be started.
    func prepare(_ via: Launch) throws

    /// Whether a launch of `request` passes the process a link made before it
    /// (``WorkerTransport/link(for:carrying:)``), a one-shot's with its task on it.
    func startsOnLink(_ request: LaunchRequest) -> Bool

    /// Starts the worker `request` names, connecting to `endpoint`, or, given
    /// `link`, on that link, which the process inherits.
    ///
    /// - Returns: its pid.
    /// - Throws: when no process could be started; the message says why.
    func launch(_ request: LaunchRequest, endpoint: String, link: PacketSocket?) throws -> Int32

    /// Kills the worker's process if it is still running. A process known to
    /// have ended is never signalled: its pid may be another's by now.
    func kill(_ worker: WorkerID)

    /// The workers whose processes ended since the last call, and how.
    func takeExits() -> [(worker: WorkerID, status: ExitStatus)]

    /// Kills and reaps every process it started.
    func shutdown()
}

extension WorkerLauncher {
    /// Nothing to ready: launches start from nothing.
    public func prepare(_ via: Launch) throws {}

    /// Workers connect, unless the launcher says otherwise.
    public func startsOnLink(_ request: LaunchRequest) -> Bool { false }
}

extension WorkerExit {
    /// How the scheduler hears of an ended process.
    init(_ status: ExitStatus) {
        self.init(clean: status == .exited(0), explanation: status.explanation)
    }
}
