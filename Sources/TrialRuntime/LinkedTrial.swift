import Logging
import Processes
import TrialRecords
import Wire

/// A `process` trial's worker on a local link (docs/protocol.md, "Local link"):
/// it connects to the coordinator's link socket, says hello and ready, runs the
/// one task it is given in this fresh process, sends its record and returns.
///
/// The messages are those a ZeroMQ worker exchanges, one per packet, so the
/// coordinator's scheduler sees no difference; what a trial no longer pays is
/// ZeroMQ itself: loading libzmq, a context's two threads, the connection's
/// handshake and its teardown (issue 13).
public enum LinkedTrial {
    /// The endpoint scheme of a local link: `local://PATH`.
    public static let scheme = "local://"

    /// The socket path of a `local://PATH` endpoint; nil for any other endpoint.
    public static func path(of endpoint: String) -> String? {
        guard endpoint.hasPrefix(scheme) else { return nil }
        let path = String(endpoint.dropFirst(scheme.count))
        return path.isEmpty ? nil : path
    }

    /// Initialises what every trial uses and a fork-server child should find
    /// made by its zygote: the host name and the coders of the messages.
    public static func prepare() {
        _ = WirePacket.encode(WireMessage.heartbeat(.init(worker: "", rssBytes: ProcessMetrics.residentBytes())).frames)
        _ = ProcessMetrics.hostName
    }

    /// Serves one trial as worker `id` of the coordinator listening at `path`.
    ///
    /// - Parameters:
    ///   - launch: how this process was started (`exec` or `fork-server`), for its hello and record.
    ///   - heartbeatInterval: time between heartbeats, the first one after that long.
    ///   - logger: made only when there is something to log: a trial that goes
    ///     as it should does not pay for setting up logging.
    /// - Throws: `PacketSocket.Failure` when nothing listens at `path`;
    ///   ``LinkClosed`` when the coordinator closes the link before a task.
    public static func serve(
        path: String, id: String, launch: Launch, heartbeatInterval: Duration = .seconds(1),
        logger: @autoclosure () -> Logger
    ) throws {
        let link = try PacketSocket.connect(to: path)
        let hello = WireMessage.Hello(
            worker: id, pid: ProcessMetrics.pid, host: ProcessMetrics.hostName, launch: launch.rawValue,
            capabilities: Strategy.allNames)
        guard link.send(WirePacket.encode(WireMessage.hello(hello).frames)),
              link.send(WirePacket.encode(WireMessage.ready.frames))
        else { throw LinkClosed(path: path) }
        let heartbeat = LinkHeartbeat(link: link, worker: id, interval: heartbeatInterval)
        defer { heartbeat.stop() }
        let host = TrialHost(worker: id, launch: launch)
        let tasks = TaskDecoder()
        while true {
            guard case .packet(let packet) = link.receive(limit: WirePacket.limit) else { throw LinkClosed(path: path) }
            let message: WireMessage
            do throws(ProtocolError) {
                message = try WireMessage(fromCoordinator: try WirePacket.decode(packet), tasks: tasks)
            } catch {
                logger().error("refused a message from the coordinator: \(error)")
                link.send(WirePacket.encode(WireMessage.error(error.message).frames))
                continue
            }
            switch message {
            case .task(let task):
                let record = host.run(task.spec, workload: task.workload)
                guard link.send(WirePacket.encode(WireMessage.record(record).frames)) else { throw LinkClosed(path: path) }
                return
            case .shutdown:
                return
            case .error, .hello, .ready, .record, .heartbeat, .open, .ack, .end:
                logger().noteNotForWorker(message)
            }
        }
    }

    /// The coordinator closed the link (it ended, or dropped this worker)
    /// before the trial was done.
    public struct LinkClosed: Error, CustomStringConvertible {
        /// The link's socket path.
        public var path: String

        public var description: String { "the coordinator's link at \(path) closed before the trial was done" }
    }
}
