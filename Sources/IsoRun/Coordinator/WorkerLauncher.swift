import Processes
import Scheduler

/// Starts and stops the coordinator's worker processes, and tells it when they
/// end. ``ProcessLauncher`` is the real one; `IsoRunTestSupport`'s
/// `InMemoryLauncher` stands in for it where a test drives the coordinator's
/// loop without processes.
public protocol WorkerLauncher: AnyObject {
    /// Descriptors the coordinator polls: readable when ``takeExits()`` may
    /// have something new.
    var descriptors: [Int32] { get }

    /// Starts the worker `request` names, connecting to `endpoint`.
    ///
    /// - Returns: its pid.
    /// - Throws: when no process could be started; the message says why.
    func launch(_ request: LaunchRequest, endpoint: String) throws -> Int32

    /// Kills the worker's process if it is still running. A process known to
    /// have ended is never signalled: its pid may be another's by now.
    func kill(_ worker: WorkerID)

    /// The workers whose processes ended since the last call, and how.
    func takeExits() -> [(worker: WorkerID, status: ExitStatus)]

    /// Kills and reaps every process it started.
    func shutdown()
}

extension WorkerExit {
    /// How the scheduler hears of an ended process.
    init(_ status: ExitStatus) {
        self.init(clean: status == .exited(0), explanation: status.explanation)
    }
}
