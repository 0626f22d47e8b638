import Logging
import Processes
import Security
import TrialRecords
import TrialRuntime
import Wire
import WireJSON
import ZeroMQ
import ZeroMQMonitor

/// A worker process's main loop: connects a DEALER to the coordinator, says
/// hello, then runs the trials it is given in its own Dataflow state and sends
/// back each record, until told to shut down (or, one-shot, after one trial).
///
/// Heartbeats go out from a thread of their own, on a socket of their own, so a
/// long trial on the main thread never looks like silence.
public final class Worker {
    /// How a worker connects and behaves.
    public struct Options: Sendable {
        /// The coordinator's ROUTER endpoint.
        public var endpoint: String
        /// The worker's id: its routing id and the `worker` of its records.
        public var id: String
        /// How this process was started: `exec`, `fork-server` or `external`.
        public var launch: String
        /// Exit after one trial (the `process` strategy).
        public var oneShot: Bool
        /// Time between heartbeats.
        public var heartbeatInterval: Duration
        /// How long to wait for a coordinator at ``endpoint`` before giving up
        /// with ``ConnectTimeout``; nil waits for ever.
        public var connectTimeout: Duration?
        /// The CURVE keys to connect with (`--curve DIR`); nil connects without.
        public var curve: ClientKeys?

        /// The default ``connectTimeout``: long enough for a coordinator started
        /// a little after its workers, short enough that a mistyped endpoint shows.
        public static let defaultConnectTimeout: Duration = .seconds(30)

        /// The options of a worker; heartbeats every second by default.
        public init(
            endpoint: String, id: String, launch: String, oneShot: Bool = false,
            heartbeatInterval: Duration = .seconds(1), connectTimeout: Duration? = Options.defaultConnectTimeout,
            curve: ClientKeys? = nil
        ) {
            self.curve = curve
            self.endpoint = endpoint
            self.id = id
            self.launch = launch
            self.oneShot = oneShot
            self.heartbeatInterval = heartbeatInterval
            self.connectTimeout = connectTimeout
        }
    }

    let options: Options
    private let context: Context?
    private let logger: Logger
    private let host: TrialHost

    /// - Parameter context: the ZeroMQ context to use; nil makes one for the run.
    public init(options: Options, logger: Logger, context: Context? = nil) {
        self.options = options
        self.context = context
        self.logger = logger
        host = TrialHost(worker: options.id, launch: Launch(rawValue: options.launch))
    }

    /// Serves trials until the coordinator says shutdown (or after one trial when
    /// one-shot), then returns.
    ///
    /// - Throws: ``ConnectTimeout`` when no coordinator answers within
    ///   ``Options/connectTimeout``; `ZMQError` when the endpoint is malformed or a socket fails.
    public func run() throws {
        Self.prepare()
        let context = try self.context ?? Context()
        let socket = try Socket(context, type: .dealer)
        try socket.setRoutingID(Array(options.id.utf8))
        try SocketLimits.limitWorker(socket)
        try options.curve?.secure(socket)
        let monitor = try options.connectTimeout.map { _ in try SocketMonitor(socket, events: [.handshakeSucceeded, .handshakeFailed]) }
        try socket.connect(options.endpoint)
        let hello = WireMessage.Hello(
            worker: options.id, pid: ProcessMetrics.pid, host: ProcessMetrics.hostName,
            launch: options.launch, capabilities: Strategy.allNames)
        try socket.send(WireMessage.hello(hello).frames)
        try socket.send(WireMessage.ready.frames)
        if let monitor, let timeout = options.connectTimeout {
            try awaitCoordinator(socket: socket, monitor: monitor, timeout: timeout)
        }
        let heartbeat = Heartbeater(
            context: context, endpoint: options.endpoint, worker: options.id,
            interval: options.heartbeatInterval, curve: options.curve, logger: logger)
        defer { heartbeat.stop() }

        var stage: (strategy: Strategy, repeat: Int)?
        let tasks = TaskDecoder()
        while true {
            let message: WireMessage
            do {
                message = try WireMessage(frames: try socket.receive(), tasks: tasks)
            } catch let error as ProtocolError {
                logger.error("refused a message from the coordinator: \(error)")
                try socket.send(WireMessage.error(error.message).frames)
                continue
            }
            switch message {
            case .task(let task):
                if let current = stage, current != (task.spec.strategy, task.spec.repeat) { host.reset() }
                stage = (task.spec.strategy, task.spec.repeat)
                let record = host.run(task.spec, workload: task.workload)
                try socket.send(WireMessage.record(record).frames)
                if options.oneShot { return }
            case .shutdown:
                return
            case .error, .hello, .ready, .record, .heartbeat, .open, .ack, .end:
                logger.noteNotForWorker(message)
            }
        }
    }
}

extension Worker {
    /// Initialises the lazily created globals every worker uses (page size,
    /// host name) before its threads start, once per process: a fork-server
    /// child finds them made by its zygote. The messages a worker sends and the
    /// tasks it reads need no Foundation coder (see `WorkloadReader`), so none
    /// is warmed here: its first use in a process costs more than the rest.
    public static func prepare() {
        _ = warmed
    }

    private static let warmed: Void = {
        _ = WireMessage.heartbeat(.init(worker: "", rssBytes: ProcessMetrics.residentBytes())).frames
        _ = ProcessMetrics.hostName
    }()

    /// What the fork server does once before it forks any child: ``prepare()``,
    /// and one ZeroMQ context with a socket created and terminated. That leaves
    /// nothing running (the context's threads are joined) but loads what libzmq
    /// reads on first use, the C library's name-service configuration, which
    /// every forked child would otherwise read again.
    public static func prepareFork() {
        prepare()
        if let context = try? Context() {
            _ = try? Socket(context, type: .dealer)
        }
    }
}
