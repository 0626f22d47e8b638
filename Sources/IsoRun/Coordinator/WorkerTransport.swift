import Processes
import Scheduler
import TrialRecords
import Wire

/// The coordinator's side of the wire to its workers: what it receives and
/// sends, and nothing of how. ``RouterTransport`` is the real one (a ZeroMQ
/// ROUTER); `IsoRunTestSupport`'s `InMemoryTransport` lets a test drive the
/// coordinator's loop without sockets.
public protocol WorkerTransport: AnyObject {
    /// The endpoint workers connect to.
    var endpoint: String { get }

    /// Waits up to `timeout` for messages, or for one of `descriptors` to
    /// become readable, and returns what arrived by then.
    ///
    /// - Parameter batch: messages may have piled up since the last wait (the
    ///   coordinator let them wait, ``Scheduler/currentBatchWait``): take every one
    ///   waiting, where one a worker a wake-up is otherwise the rule.
    /// - Throws: what the transport cannot recover from.
    func receive(timeout: Duration, alsoWatching descriptors: [Int32], batch: Bool) throws -> TransportReceipt

    /// Sends `message` to `worker` without waiting.
    ///
    /// - Returns: false when the worker cannot take it now: not connected, or
    ///   not reading (its queue is full). The coordinator never waits on a peer.
    @discardableResult
    func send(_ message: WireMessage, to worker: WorkerID) -> Bool

    /// Sends `worker` the task for `spec`, with the run's workload.
    ///
    /// - Returns: false when the worker cannot take it now.
    func sendTask(_ spec: TrialSpec, to worker: WorkerID) -> Bool

    /// Whether a peer already holds `worker`'s id (its routing id, or its
    /// heartbeat connection's) before a worker is launched under it: a worker
    /// launched then could never be reached. The holder is told it is refused.
    func isTaken(_ worker: WorkerID) -> Bool

    /// Learns that `worker` was launched as process `pid`: a transport that
    /// can tell which process a connection comes from admits only that one.
    func launched(_ worker: WorkerID, pid: Int32)

    /// Makes `worker`'s connection before its launch, with `task`'s task
    /// already on it when given (a one-shot worker's trial): the process's end
    /// of it, for the launch to pass on. Nil when this transport makes none:
    /// the worker connects. A worker given no task says ready, and is sent its
    /// tasks then, on that connection.
    func link(for worker: WorkerID, carrying task: TrialSpec?) -> PacketSocket?

    /// The workers whose processes this transport sees running (not stopped,
    /// not ended) without their word: for the scheduler, a sign of life as a
    /// heartbeat is. A local link's workers are on this machine, so the
    /// kernel says how they are, and they send no heartbeats.
    func workersSeenRunning() -> [WorkerID]
}

extension WorkerTransport {
    /// ``receive(timeout:alsoWatching:batch:)`` with no batch waiting.
    public func receive(timeout: Duration, alsoWatching descriptors: [Int32]) throws -> TransportReceipt {
        try receive(timeout: timeout, alsoWatching: descriptors, batch: false)
    }

    /// No peer holds an id before its worker is launched, unless the transport says so.
    public func isTaken(_ worker: WorkerID) -> Bool { false }

    /// Which process a worker is matters not, unless the transport says so.
    public func launched(_ worker: WorkerID, pid: Int32) {}

    /// Workers connect, unless the transport says otherwise.
    public func link(for worker: WorkerID, carrying task: TrialSpec?) -> PacketSocket? { nil }

    /// A worker's life is known from its heartbeats, unless the transport says otherwise.
    public func workersSeenRunning() -> [WorkerID] { [] }
}

/// What a ``WorkerTransport/receive(timeout:alsoWatching:)`` found.
public struct TransportReceipt: Sendable {
    /// Messages in the order they arrived.
    public var messages: [Inbound]
    /// The watched descriptors that are readable.
    public var readableDescriptors: [Int32]

    public init(messages: [Inbound], readableDescriptors: [Int32] = []) {
        self.messages = messages
        self.readableDescriptors = readableDescriptors
    }
}

/// One message as it arrived: from which worker (by its connection, never by
/// what the message says), and the message or why it was refused.
public struct Inbound: Sendable {
    /// The worker's id: its connection's routing id; a heartbeat connection
    /// (`<id>#heartbeat`) counts as its worker's.
    public var sender: WorkerID
    /// Whether it came on the worker's heartbeat connection.
    public var onHeartbeatConnection: Bool
    public var message: Result<WireMessage, ProtocolError>
    /// For a record: its bytes as the worker sent them, which the record's
    /// line is written from (``SentRecord/line(for:)``); nil: it is encoded.
    public var sentRecord: SentRecord?

    public init(
        sender: WorkerID, onHeartbeatConnection: Bool = false, message: Result<WireMessage, ProtocolError>,
        sentRecord: SentRecord? = nil
    ) {
        self.sender = sender
        self.onHeartbeatConnection = onHeartbeatConnection
        self.message = message
        self.sentRecord = sentRecord
    }
}
