import Scheduler
import TrialRecords
import Wire
import ZeroMQ

/// ``WorkerTransport`` over a ZeroMQ ROUTER bound to the coordinator's endpoint.
///
/// Sends never block: a peer that is gone (`ROUTER_MANDATORY`) or whose queue is
/// full (it does not read) makes the send fail at once, and the coordinator
/// treats that worker as unreachable.
public final class RouterTransport: WorkerTransport {
    private let router: Socket
    /// The workload as every task carries it, encoded once per run.
    private let workloadJSON: String
    /// Suffix of the routing id of a worker's heartbeat connection.
    static let heartbeatSuffix = "#heartbeat"

    /// Binds the ROUTER.
    ///
    /// - Parameters:
    ///   - endpoint: where to bind (`ipc://PATH`, `tcp://HOST:PORT`).
    ///   - workloadJSON: the workload every task carries, already encoded.
    /// - Throws: `ZMQError` when the endpoint cannot be bound.
    public init(bind endpoint: String, context: Context, workloadJSON: String) throws {
        router = try Socket(context, type: .router)
        try router.setRouterMandatory(true)
        try router.setLinger(.zero)
        try router.bind(endpoint)
        self.workloadJSON = workloadJSON
    }

    /// The bound endpoint (with the chosen port when bound to `:*`).
    public var endpoint: String { (try? router.lastEndpoint) ?? "" }

    public func receive(timeout: Duration, alsoWatching descriptors: [Int32]) throws -> TransportReceipt {
        let ready = try waitReadable(socket: router, descriptors: descriptors, timeout: timeout)
        var receipt = TransportReceipt(messages: [], readableDescriptors: ready.descriptors)
        guard ready.socket else { return receipt }
        while let frames = try router.receiveIfAvailable() {
            guard let identity = frames.first else { continue }
            receipt.messages.append(Self.inbound(identity: identity, frames: Array(frames.dropFirst())))
        }
        return receipt
    }

    private static func inbound(identity: [UInt8], frames: [[UInt8]]) -> Inbound {
        var sender = String(decoding: identity, as: UTF8.self)
        let onHeartbeatConnection = sender.hasSuffix(heartbeatSuffix)
        if onHeartbeatConnection { sender.removeLast(heartbeatSuffix.count) }
        let message = Result { () throws(ProtocolError) in try WireMessage(frames: frames) }
        return Inbound(sender: sender, onHeartbeatConnection: onHeartbeatConnection, message: message)
    }

    @discardableResult
    public func send(_ message: WireMessage, to worker: WorkerID) -> Bool {
        send([Array(worker.utf8)] + message.frames)
    }

    public func sendTask(_ spec: TrialSpec, to worker: WorkerID) -> Bool {
        send([Array(worker.utf8)] + WireMessage.taskFrames(spec: spec, workloadJSON: workloadJSON))
    }

    private func send(_ frames: [[UInt8]]) -> Bool {
        (try? router.send(frames, flags: .dontWait)) != nil
    }
}
