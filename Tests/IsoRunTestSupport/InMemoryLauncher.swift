import IsoRun
import Processes
import Scheduler

/// A ``WorkerLauncher`` without processes: each launch is recorded and handed
/// to `onLaunch` (which typically starts an ``InMemoryWorker`` on an
/// ``InMemoryTransport``); exits are whatever a test or a worker reports with
/// ``reportExit(of:status:)``.
public final class InMemoryLauncher: WorkerLauncher {
    /// Every launch asked for, in order.
    public private(set) var launches: [LaunchRequest] = []
    /// Workers killed, in order.
    public private(set) var killed: [WorkerID] = []
    /// Launches of these workers fail.
    public var failing: Set<WorkerID> = []
    /// Called with each successful launch.
    public var onLaunch: (LaunchRequest) -> Void = { _ in }
    private var exits: [(worker: WorkerID, status: ExitStatus)] = []
    private var running: Set<WorkerID> = []

    public init() {}

    public var descriptors: [Int32] { [] }

    public func launch(_ request: LaunchRequest, endpoint: String, link: PacketSocket?) throws -> Int32 {
        launches.append(request)
        guard !failing.contains(request.worker) else { throw LaunchRefused(worker: request.worker) }
        running.insert(request.worker)
        onLaunch(request)
        return Int32(10_000 + launches.count)
    }

    public func kill(_ worker: WorkerID) {
        killed.append(worker)
        reportExit(of: worker, status: .signaled(9))
    }

    /// Reports that `worker`'s process ended, once.
    public func reportExit(of worker: WorkerID, status: ExitStatus) {
        guard running.remove(worker) != nil else { return }
        exits.append((worker, status))
    }

    public func takeExits() -> [(worker: WorkerID, status: ExitStatus)] {
        defer { exits.removeAll() }
        return exits
    }

    public func shutdown() {
        for worker in running.sorted() { kill(worker) }
    }

    /// What a failing launch throws.
    public struct LaunchRefused: Error, CustomStringConvertible {
        public var worker: WorkerID
        public var description: String { "launch of \(worker) refused by the test" }
    }
}
