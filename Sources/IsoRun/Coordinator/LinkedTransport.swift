import Processes
import Scheduler
import TrialRecords
import TrialRuntime
import Wire
import WireJSON

/// ``WorkerTransport`` that adds the local link to another transport (the
/// ZeroMQ ROUTER), one packet per message (docs/protocol.md, "Local link"): an
/// exec'd worker inherits a socket pair's end (``link(for:carrying:)``), a
/// `process` trial's with its task already on it; a forked trial connects to
/// a listening `SOCK_SEQPACKET` socket in the run's private folder.
///
/// A link serves the worker its first message names, and only when that is
/// the process launched under that id: for a connection, as the kernel tells
/// (`SO_PEERCRED`); for a handed-over link, the worker it was made for, with
/// the launched pid. Any other opening is refused and the link closed.
/// Messages to a worker with a link go on the link; all others to the inner transport.
public final class LinkedTransport: WorkerTransport {
    private let inner: any WorkerTransport
    private let listener: PacketSocket
    /// Where the listener is: what launched trials connect to.
    public let linkEndpoint: String
    /// Every task of the run, with its workload encoded once.
    private let tasks: TaskEncoder
    /// Links that have not said hello yet: accepted ones, whose worker their
    /// hello names, and handed-over ones, made for one worker.
    private var unnamed: [(link: PacketSocket, madeFor: WorkerID?)] = []
    /// Links by the worker they serve, with the process at the other end, as
    /// its hello gave it and its launch confirmed.
    private var links: [WorkerID: (socket: PacketSocket, pid: Int32)] = [:]
    /// The pid each launched worker was started with, until its link says hello.
    private var launchedPIDs: [WorkerID: Int32] = [:]

    /// - Parameters:
    ///   - inner: the transport for every worker without a link.
    ///   - path: the listener's socket file, which must not exist yet (in the run's private folder).
    ///   - workloadJSON: the workload every task carries, already encoded.
    /// - Throws: `PacketSocket.Failure` when it cannot listen at `path`.
    public init(wrapping inner: any WorkerTransport, path: String, workloadJSON: String) throws {
        self.inner = inner
        listener = try PacketSocket.listen(at: path)
        linkEndpoint = LinkedTrial.scheme + path
        tasks = TaskEncoder(workloadJSON: workloadJSON)
    }

    public var endpoint: String { inner.endpoint }

    public func launched(_ worker: WorkerID, pid: Int32) {
        launchedPIDs[worker] = pid
        inner.launched(worker, pid: pid)
    }

    /// Makes `worker`'s link before its launch, with `task`'s task already on
    /// it when given, so that a trial never waits for it: the process's end,
    /// which the launch passes on and the caller then closes. Nil when the
    /// link cannot be made or the task put on it (no descriptors to spare):
    /// the worker then runs on ZeroMQ, or a trial connects to the listener.
    public func link(for worker: WorkerID, carrying task: TrialSpec?) -> PacketSocket? {
        guard let (mine, theirs) = try? PacketSocket.pair() else { return nil }
        if let task, !mine.send(tasks.packet(for: task)) {
            return nil
        }
        unnamed.append((mine, worker))
        return theirs
    }

    public func receive(timeout: Duration, alsoWatching descriptors: [Int32], batch: Bool) throws -> TransportReceipt {
        let own = [listener.descriptor] + unnamed.map(\.link.descriptor) + links.values.map(\.socket.descriptor)
        var receipt = try inner.receive(timeout: timeout, alsoWatching: own + descriptors, batch: batch)
        // Most wake-ups find one descriptor readable: an array beats hashing them.
        let readable = receipt.readableDescriptors
        receipt.readableDescriptors.removeAll { own.contains($0) }
        if readable.contains(listener.descriptor) {
            while let link = listener.accept() { unnamed.append((link, nil)) }
        }
        unnamed.removeAll { readable.contains($0.link.descriptor) && settle($0.link, madeFor: $0.madeFor, into: &receipt) }
        for (worker, link) in links where readable.contains(link.socket.descriptor) {
            takePackets(from: link.socket, of: worker, upTo: batch ? Self.packetsPerBatch : 1, into: &receipt)
        }
        return receipt
    }

    /// Reads an unnamed link's first packet, which must be the hello of a
    /// worker launched as the process at the link's other end: the one it was
    /// made for, or for an accepted link, the one the kernel names. A link that
    /// opens otherwise is told why and closed.
    ///
    /// - Returns: whether the link is no longer unnamed: it serves its worker
    ///   now, or it was refused or closed.
    private func settle(_ link: PacketSocket, madeFor: WorkerID?, into receipt: inout TransportReceipt) -> Bool {
        // A pair's peer is this process, its maker: what counts is whom the launch gave it to.
        let peer = madeFor.map { launchedPIDs[$0] ?? 0 } ?? link.peerProcess ?? 0
        switch opening(of: link, peer: peer, madeFor: madeFor) {
        case .waiting: return false
        case .closed: return true
        case .refused(let reason):
            link.send(WirePacket.encode(WireMessage.error("refused: \(reason)").frames))
            receipt.messages.append(Inbound(
                sender: "<local link of pid \(peer)>", message: .failure(ProtocolError(message: reason))))
            return true
        case .hello(let hello):
            launchedPIDs[hello.worker] = nil
            links[hello.worker] = (link, hello.pid)
            receipt.messages.append(Inbound(sender: hello.worker, message: .success(.hello(hello))))
            return true
        }
    }

    /// What a link's first packet came to.
    private enum Opening {
        case waiting, closed
        case refused(String)
        case hello(WireMessage.Hello)
    }

    private func opening(of link: PacketSocket, peer: Int32, madeFor: WorkerID?) -> Opening {
        let message: WireMessage
        switch link.receive(limit: WirePacket.limit) {
        case .nothing: return .waiting
        case .closed: return .closed
        case .oversized(let size): return .refused("a first packet of \(size) bytes; a link opens with a hello")
        case .packet(let packet):
            do throws(ProtocolError) {
                message = try WireMessage(frames: try WirePacket.decode(packet))
            } catch {
                return .refused(error.message)
            }
        }
        guard case .hello(let hello) = message else { return .refused("a link opens with a hello, not \(message.kind)") }
        guard launchedPIDs[hello.worker] == peer, hello.pid == peer, links[hello.worker] == nil,
              madeFor == nil || madeFor == hello.worker
        else {
            return .refused("'\(hello.worker)' is not a worker this coordinator launched as pid \(peer)")
        }
        return .hello(hello)
    }

    /// Takes up to `limit` packets waiting on a link the poll found readable:
    /// one a wake-up, as most wake-ups bring one (a record), where a second
    /// receive would only learn that nothing else waits; in a batch, as many
    /// as wait, since a worker holding trials ahead may have sent several
    /// records meanwhile. A link with more is readable at the next poll, which
    /// returns at once. A closed link is dropped (its process's end comes from
    /// the launcher).
    private func takePackets(
        from link: PacketSocket, of worker: WorkerID, upTo limit: Int, into receipt: inout TransportReceipt
    ) {
        var taken = 0
        while taken < limit, takePacket(from: link, of: worker, into: &receipt) { taken += 1 }
    }

    /// The most packets read from one link in a batch.
    static let packetsPerBatch = 64

    /// Takes one packet waiting on `link`; returns whether there was one.
    private func takePacket(from link: PacketSocket, of worker: WorkerID, into receipt: inout TransportReceipt) -> Bool {
        let message: Result<WireMessage, ProtocolError>
        var sent: SentRecord?
        switch link.receive(limit: WirePacket.limit) {
        case .nothing: return false
        case .closed:
            links[worker] = nil
            return false
        case .oversized(let size):
            message = .failure(ProtocolError(message: "a packet of \(size) bytes; at most \(WirePacket.limit)"))
        case .packet(let packet):
            do throws(ProtocolError) {
                (message, sent) = WireMessage.fromWorker(frames: try WirePacket.decode(packet))
            } catch {
                message = .failure(error)
            }
        }
        let heartbeat = if case .success(.heartbeat) = message { true } else { false }
        receipt.messages.append(Inbound(sender: worker, onHeartbeatConnection: heartbeat, message: message, sentRecord: sent))
        return true
    }

    @discardableResult
    public func send(_ message: WireMessage, to worker: WorkerID) -> Bool {
        guard let link = links[worker]?.socket else { return inner.send(message, to: worker) }
        return link.send(WirePacket.encode(message.frames))
    }

    /// The most trials a worker on a link may hold ahead, `limit` at most:
    /// about half the packets of `largest`'s task a link's socket takes unread,
    /// less the task the worker runs, which may be unread too; the rest is room
    /// for a shutdown or a refusal (once the socket is full, no packet fits,
    /// however small). A task that does not fit is not sent: the send fails,
    /// and the worker is taken for unreachable. A large workload so holds fewer
    /// trials ahead, or none: a socket here takes 167 tasks of 500 bytes (so
    /// `limit` ahead), 3 of 90 kB (1 ahead), 2 of 118 kB (none).
    public func tasksAhead(atMost limit: Int, largest: TrialSpec) -> Int {
        // As many as `limit` ahead, the one it runs, and room for as many more.
        let held = PacketSocket.packetsHeld(ofSize: tasks.packet(for: largest).count, upTo: 2 * limit + 1) ?? 0
        return max(0, held - 1) / 2
    }

    public func sendTask(_ spec: TrialSpec, to worker: WorkerID) -> Bool {
        guard let link = links[worker]?.socket else { return inner.sendTask(spec, to: worker) }
        return link.send(tasks.packet(for: spec))
    }

    /// The workers on a link whose process runs, as `/proc` tells, and those the
    /// inner transport sees. Where `/proc` cannot be read (not mounted), every
    /// linked worker is taken as running: a stopped one is then caught by the
    /// trial timeout alone.
    public func workersSeenRunning() -> [WorkerID] {
        let linked = Self.procReadable
            ? links.compactMap { ProcessState.of($0.value.pid) == .running ? $0.key : nil } : Array(links.keys)
        return linked + inner.workersSeenRunning()
    }

    /// Whether this process can read its own state in `/proc`.
    private static let procReadable = ProcessState.of(ProcessMetrics.pid) == .running

    public func isTaken(_ worker: WorkerID) -> Bool {
        links[worker] != nil || inner.isTaken(worker)
    }
}
