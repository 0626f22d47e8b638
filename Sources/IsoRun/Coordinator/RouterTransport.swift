import Scheduler
import Security
import TrialRecords
import Wire
import WireJSON
import ZeroMQ

/// ``WorkerTransport`` over a ZeroMQ ROUTER bound to the coordinator's endpoint.
///
/// Sends never block: a peer that is gone (`ROUTER_MANDATORY`) or whose queue is
/// full (it does not read) makes the send fail at once, and the coordinator
/// treats that worker as unreachable.
///
/// With CURVE on, every message carries the key its connection authenticated
/// with, and ``PeerKeys`` refuses one whose sender id is not that key's.
public final class RouterTransport: WorkerTransport {
    private let router: Socket
    private var waiting: SocketWait
    private var peerKeys: PeerKeys?
    /// Kept while the ROUTER is open: its ZAP handler admits the workers.
    private let curveServer: CurveServer?
    /// Every task of the run, with its workload encoded once.
    private let tasks: TaskEncoder
    /// Suffix of the routing id of a worker's heartbeat connection.
    static let heartbeatSuffix = "#heartbeat"
    /// Routing ids that are not UTF-8 (libzmq's generated ones for peers that
    /// set none), by the name they are given here, so replies reach them.
    private var binaryIdentities: [WorkerID: [UInt8]] = [:]
    /// Most binary routing ids remembered; older ones are forgotten.
    static let binaryIdentityLimit = 1024

    /// Most frames of a message kept: the routing id and the protocol's three.
    static let frameLimit = 4

    /// Binds the ROUTER, with ``SocketLimits`` and, when `curve` is given, as a
    /// CURVE server.
    ///
    /// - Parameters:
    ///   - endpoint: where to bind (`ipc://PATH`, `tcp://HOST:PORT`).
    ///   - workloadJSON: the workload every task carries, already encoded.
    ///   - curve: the server side of CURVE in `context`, and the key of the
    ///     workers this coordinator launches; nil: no keys.
    /// - Throws: `ZMQError` when the endpoint cannot be bound.
    public init(
        bind endpoint: String, context: Context, workloadJSON: String, curve: (server: CurveServer, launchedKey: String)? = nil
    ) throws {
        router = try Socket(context, type: .router)
        try router.setRouterMandatory(true)
        try router.setLinger(.zero)
        try SocketLimits.limitCoordinator(router)
        curveServer = curve?.server
        if let curve {
            try curve.server.secure(router)
            peerKeys = PeerKeys(launchedKey: curve.launchedKey)
        }
        try router.bind(endpoint)
        waiting = try SocketWait(router)
        tasks = TaskEncoder(workloadJSON: workloadJSON)
    }

    deinit {
        // Before the ZAP handler stops: without one, libzmq admits any client.
        router.close()
    }

    /// The bound endpoint (with the chosen port when bound to `:*`).
    public var endpoint: String { (try? router.lastEndpoint) ?? "" }

    /// Takes every message the ROUTER holds, whether or not `batch`: they
    /// wait in this process's memory, and a receive that finds none costs no
    /// system call.
    public func receive(timeout: Duration, alsoWatching descriptors: [Int32], batch: Bool) throws -> TransportReceipt {
        let ready = try waiting.wait(descriptors: descriptors, timeout: timeout)
        var receipt = TransportReceipt(messages: [], readableDescriptors: ready.descriptors)
        guard ready.socket else { return receipt }
        waiting.noteUsed()
        while let received = try router.receiveIfAvailable(frameLimit: Self.frameLimit, property: "User-Id") {
            guard let identity = received.frames.first else { continue }
            var inbound = inbound(identity: identity, frames: Array(received.frames.dropFirst()))
            if received.droppedFrames > 0 {
                inbound.message = .failure(ProtocolError(
                    message: "a message has \(received.frames.count + received.droppedFrames - 1) frames; isorun/2 has 3"))
            }
            if let refusal = peerKeys?.refusal(sender: inbound.sender, key: received.property) {
                inbound.message = .failure(ProtocolError(message: refusal))
            }
            receipt.messages.append(inbound)
        }
        return receipt
    }

    private func inbound(identity: [UInt8], frames: [[UInt8]]) -> Inbound {
        var sender = String(decoding: identity, as: UTF8.self)
        if Array(sender.utf8) != identity {
            let hex = identity.map { byte in (byte < 16 ? "0" : "") + String(byte, radix: 16) }.joined()
            sender = "<binary:\(hex)>"
            if binaryIdentities.count >= Self.binaryIdentityLimit { binaryIdentities.removeAll() }
            binaryIdentities[sender] = identity
        }
        let onHeartbeatConnection = sender.hasSuffix(Self.heartbeatSuffix)
        if onHeartbeatConnection { sender.removeLast(Self.heartbeatSuffix.count) }
        let (message, sent) = WireMessage.fromWorker(frames: frames)
        return Inbound(sender: sender, onHeartbeatConnection: onHeartbeatConnection, message: message, sentRecord: sent)
    }

    @discardableResult
    public func send(_ message: WireMessage, to worker: WorkerID) -> Bool {
        send([identity(of: worker)] + message.frames)
    }

    public func sendTask(_ spec: TrialSpec, to worker: WorkerID) -> Bool {
        send([identity(of: worker)] + tasks.frames(for: spec))
    }

    /// A ROUTER refuses a second connection with an id it has (no handover), so
    /// a peer that took a spawned worker's id first would keep that worker out.
    /// With `ROUTER_MANDATORY` a send succeeds only to a connected id: a refusal
    /// that goes through finds the squatter and tells it why.
    public func isTaken(_ worker: WorkerID) -> Bool {
        let refusal = WireMessage.error("refused: routing id '\(worker)' is reserved for a worker this coordinator launches")
        let main = send(refusal, to: worker)
        let heartbeat = send([Array((worker + Self.heartbeatSuffix).utf8)] + refusal.frames)
        return main || heartbeat
    }

    private func identity(of worker: WorkerID) -> [UInt8] {
        binaryIdentities[worker] ?? Array(worker.utf8)
    }

    private func send(_ frames: [[UInt8]]) -> Bool {
        waiting.noteUsed()
        return (try? router.send(frames, flags: .dontWait)) != nil
    }
}
