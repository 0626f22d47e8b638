import Processes
import TrialRecords
import Wire

/// A worker on a local link (docs/protocol.md, "Local link"): it opens its
/// link, says hello, runs the tasks it is given and sends back each record.
///
/// - A `process` trial runs one task in this fresh process and returns. An
///   exec'd one inherits its link with the task already on it, and starts at
///   once; a forked one connects to the coordinator's listener and says ready,
///   then waits for its task.
/// - A long-lived worker (every other strategy) inherits its link, says hello
///   and ready, and serves tasks until told to shut down, starting its trials
///   afresh (``TrialHost/reset()``) when the stage changes, as a ZeroMQ worker does.
///
/// The messages are those a ZeroMQ worker exchanges, one per packet, so the
/// coordinator's scheduler sees no difference; what a worker no longer pays is
/// ZeroMQ itself: loading libzmq, a context's two I/O threads (a thread switch
/// at each end of every message), the connection's handshake and its teardown
/// (issue 13). Nor does it send heartbeats, or start a thread to send them: it
/// runs on the coordinator's machine, whose kernel tells the coordinator
/// whether it runs or is stopped (`/proc/PID/stat`).
public enum LinkedTrial {
    /// The endpoint scheme of a local link's listener: `local://PATH`.
    public static let scheme = "local://"
    /// The endpoint of a link inherited as descriptor 3, with the task on it.
    public static let inheritedLink = "fd://3"

    /// How a trial opens its link.
    public enum Link: Equatable, Sendable {
        /// It connects to the listener at this path, says hello and ready, and waits for its task.
        case listener(path: String)
        /// It was launched with the link as descriptor 3, its task already on it, and says hello.
        case inherited
    }

    /// The link an endpoint names: `local://PATH` or `fd://3`; nil for any other endpoint.
    public static func link(of endpoint: String) -> Link? {
        if endpoint == inheritedLink { return .inherited }
        guard endpoint.hasPrefix(scheme), endpoint.count > scheme.count else { return nil }
        return .listener(path: String(endpoint.dropFirst(scheme.count)))
    }

    /// Initialises what every trial uses, so that a fork-server child finds it
    /// made by its zygote rather than making it again: the host name, and each
    /// message a trial reads or sends, coded once (their types' metadata, the
    /// coders' tables), with an empty trial's record between them. An empty
    /// trial touches no engine state, so the children start as fresh as before.
    public static func prepare() {
        let hello = WireMessage.Hello(
            worker: "", pid: ProcessMetrics.pid, host: ProcessMetrics.hostName, launch: Launch.forkServer.rawValue,
            capabilities: Strategy.allNames)
        _ = WirePacket.encode(WireMessage.hello(hello).frames)
        _ = WirePacket.encode(WireMessage.ready.frames)
        let spec = TrialSpec(runID: "", experiment: "", strategy: .process, trial: 0)
        let task = TaskEncoder(workloadJSON: WireMessage.Task.json(of: .seed)).packet(for: spec)
        guard let frames = try? WirePacket.decode(task),
              case .task(let decoded)? = try? WireMessage(fromCoordinator: frames, tasks: TaskDecoder())
        else { return }
        let record = TrialHost(worker: "", launch: .forkServer).run(decoded.spec, workload: .empty)
        _ = WirePacket.encode(WireMessage.record(record).frames)
    }

    /// Serves trials as worker `id` on `link`: one when `oneShot`, else until told to shut down.
    ///
    /// - Parameters:
    ///   - oneShot: whether this process serves exactly one trial (`process`);
    ///     with an inherited link, that trial's task is already on it.
    ///   - launch: how this process was started (`exec` or `fork-server`), for its hello and record.
    ///   - log: where what went wrong is written.
    /// - Throws: `PacketSocket.Failure` when nothing listens at the listener's path;
    ///   ``LinkClosed`` when the coordinator closes the link before this worker is done.
    public static func serve(
        _ endpoint: Link, id: String, oneShot: Bool = true, launch: Launch, log: TrialLog
    ) throws {
        let link = switch endpoint {
        case .listener(let path): try PacketSocket.connect(to: path)
        case .inherited: PacketSocket.inherited(3)
        }
        let hello = WireMessage.Hello(
            worker: id, pid: ProcessMetrics.pid, host: ProcessMetrics.hostName, launch: launch.rawValue,
            capabilities: Strategy.allNames)
        guard link.send(WirePacket.encode(WireMessage.hello(hello).frames)),
              oneShot && endpoint == .inherited || link.send(WirePacket.encode(WireMessage.ready.frames))
        else { throw LinkClosed(endpoint: endpoint) }
        let host = TrialHost(worker: id, launch: launch)
        let tasks = TaskDecoder()
        var stage: (strategy: Strategy, repeat: Int)?
        while true {
            guard case .packet(let packet) = link.receive(limit: WirePacket.limit) else { throw LinkClosed(endpoint: endpoint) }
            let message: WireMessage
            do throws(ProtocolError) {
                message = try WireMessage(fromCoordinator: try WirePacket.decode(packet), tasks: tasks)
            } catch {
                log.error("refused a message from the coordinator: \(error)")
                link.send(WirePacket.encode(WireMessage.error(error.message).frames))
                continue
            }
            switch message {
            case .task(let task):
                if let current = stage, current != (task.spec.strategy, task.spec.repeat) { host.reset() }
                stage = (task.spec.strategy, task.spec.repeat)
                let record = host.run(task.spec, workload: task.workload)
                guard link.send(WirePacket.encode(WireMessage.record(record).frames)) else { throw LinkClosed(endpoint: endpoint) }
                if oneShot { return }
            case .shutdown:
                return
            case .error, .hello, .ready, .record, .heartbeat, .open, .ack, .end:
                let note = message.noteForWorker
                log.log(note.level, note.text)
            }
        }
    }

    /// The coordinator closed the link (it ended, or dropped this worker)
    /// before this worker was done: in a trial, or before its shutdown.
    public struct LinkClosed: Error, CustomStringConvertible {
        /// The link that closed.
        public var endpoint: Link

        public var description: String {
            let link = switch endpoint {
            case .listener(let path): "link at \(path)"
            case .inherited: "link (descriptor 3)"
            }
            return "the coordinator's \(link) closed before this worker was done"
        }
    }
}
