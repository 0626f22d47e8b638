import IsoRun
import Scheduler
import TrialRecords
import Wire

/// A ``WorkerTransport`` without sockets: messages for the coordinator wait in
/// an inbox a test (or an ``InMemoryLauncher``'s workers) fills, and what the
/// coordinator sends is kept in order and handed to `onSend`, which may answer
/// at once by filling the inbox.
///
/// Single-threaded, like the coordinator that drives it.
public final class InMemoryTransport: WorkerTransport {
    public let endpoint = "inmemory://coordinator"
    /// Messages the coordinator has not received yet.
    public var inbox: [Inbound] = []
    /// Everything the coordinator sent, to whom, in order.
    public private(set) var sent: [(worker: WorkerID, message: WireMessage)] = []
    /// Workers that cannot be reached: sends to them fail.
    public var unreachable: Set<WorkerID> = []
    /// Workers whose processes the transport sees running, as a local link's
    /// are seen in `/proc` (``WorkerTransport/workersSeenRunning()``).
    public var seenRunning: Set<WorkerID> = []
    /// Called with each message the coordinator sends to a reachable worker.
    public var onSend: (WorkerID, WireMessage) -> Void = { _, _ in }
    /// Called as the coordinator starts each wait (with whether it is a batch),
    /// before it is handed the inbox.
    public var onReceive: (_ batch: Bool) -> Void = { _ in }
    private let workload: Workload

    /// - Parameter workload: what the tasks this transport sends carry.
    public init(workload: Workload = .empty) {
        self.workload = workload
    }

    /// Puts a message from `worker` in the inbox.
    public func deliver(_ message: WireMessage, from worker: WorkerID, onHeartbeatConnection: Bool = false) {
        inbox.append(Inbound(sender: worker, onHeartbeatConnection: onHeartbeatConnection, message: .success(message)))
    }

    public func receive(timeout: Duration, alsoWatching descriptors: [Int32], batch: Bool) throws -> TransportReceipt {
        onReceive(batch)
        defer { inbox.removeAll() }
        return TransportReceipt(messages: inbox)
    }

    @discardableResult
    public func send(_ message: WireMessage, to worker: WorkerID) -> Bool {
        guard !unreachable.contains(worker) else { return false }
        sent.append((worker, message))
        onSend(worker, message)
        return true
    }

    public func workersSeenRunning() -> [WorkerID] { seenRunning.sorted() }

    public func sendTask(_ spec: TrialSpec, to worker: WorkerID) -> Bool {
        send(.task(WireMessage.Task(spec: spec, workload: workload)), to: worker)
    }
}
