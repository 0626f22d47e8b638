import Dispatch
import Logging
import Processes
import Security
import Synchronization
import TrialRecords
import ZeroMQ

/// A run's connection to a standalone collector (`isorun collect`): records go
/// out as they are written, each is kept until the collector acknowledges it,
/// and what was not acknowledged is sent again once the collector answers
/// (after a restart on the same endpoint, say).
///
/// The socket is a DEALER connected to the collector's ROUTER: records and
/// acknowledgements flow both ways at once, many records in flight, and a
/// restarted collector is reconnected to by libzmq itself. PUSH/PULL cannot
/// answer; REQ/REP allows one message in flight and wedges on a lost reply.
///
/// Records handed over together go packed in `records` messages once the
/// collector's acknowledgements say it takes them (``RecordMessages``), one
/// `record` message each otherwise.
///
/// The socket lives on a thread of its own (``Pump``); ``send(_:json:)`` only
/// hands bytes over under a lock, so the coordinator's loop never waits on the
/// collector. What the link keeps for a resend is bounded
/// (``Settings/byteLimit``); a record past the bound is not sent at all and
/// counted in ``Delivery/notKept``; the run's own file has every record anyway.
public final class CollectorLink: Sendable {
    /// Times and bounds of the exchange.
    public struct Settings: Sendable {
        /// A record (or `open`, or `end`) not acknowledged this long after its
        /// send is sent again: far above a collector's answer time (milliseconds),
        /// so that a slow collector costs few duplicates.
        public var resendAfter: Duration = .seconds(2)
        /// Most bytes of records kept for a resend: about 100,000 typical records.
        public var byteLimit = 64 << 20
        /// Records kept unacknowledged this long make the link warn, once per silence.
        public var silenceWarning: Duration = .seconds(5)
        /// Most bytes of records sent since the collector last answered (any
        /// `ack`), beside one message: what a collector that stops reading
        /// leaves in the link's queue at most. Past it, records wait, kept,
        /// for its next answer, which an `open` every ``resendAfter`` asks for.
        public var unansweredWindow = 8 << 20

        public init() {}
    }

    /// What reached the collector.
    public struct Delivery: Sendable, Equatable {
        /// Records handed to the link.
        public var records = 0
        /// Records the collector acknowledged.
        public var acknowledged = 0
        /// Records sent but never acknowledged.
        public var unacknowledged = 0
        /// Records past ``Settings/byteLimit``: not kept, never sent.
        public var notKept = 0
        /// Whether the collector acknowledged the run's `end`.
        public var ended = false

        public init() {}
    }

    /// What the caller's thread and the link's thread share.
    final class Shared: Sendable {
        struct State {
            var inbox: [(key: RecordKey, bytes: [UInt8])] = []
            var answered = false
            /// Until when to wait, and whether to send `end`: set by ``finish(timeout:)`` or ``close()``.
            var finish: (sendEnd: Bool, deadline: ContinuousClock.Instant)?
            var delivery = Delivery()
        }

        let state = Mutex(State())
        let answered = DispatchSemaphore(value: 0)
    }

    private let shared = Shared()
    private let thread: OSThread
    /// The collector's endpoint.
    public let endpoint: String
    /// The run whose records go through this link.
    public let runID: String

    /// Connects to the collector and starts the exchange: `open`, repeated
    /// until the collector answers.
    ///
    /// - Parameters:
    ///   - endpoint: the collector's endpoint (`ipc://PATH`, `tcp://HOST:PORT`).
    ///   - runID: the run, named in `open`, `end` and every record.
    ///   - context: the ZeroMQ context.
    ///   - settings: resend time and memory bound.
    ///   - curve: the CURVE keys to connect with; nil: none.
    ///   - logger: where silences and returns of the collector are told.
    /// - Throws: `ZMQError` when the endpoint is not one libzmq can connect to.
    public init(
        connect endpoint: String, runID: String, context: Context, settings: Settings = Settings(),
        curve: ClientKeys? = nil, logger: Logger
    ) throws {
        self.endpoint = endpoint
        self.runID = runID
        let socket = try Socket(context, type: .dealer)
        try SocketLimits.limitCollectorSender(socket)
        try curve?.secure(socket)
        // Not ZMQ_IMMEDIATE: with it, libzmq drops the pipe of a connection the
        // moment it breaks, with the acknowledgements that arrived on it unread
        // (a collector that exits after its last `end` loses the run its ack).
        // Without it, messages wait in the pipe (at most the high-water mark)
        // for a reconnect; the acknowledgements, not the socket, say what arrived.
        try socket.setSendHighWaterMark(10_000)
        try socket.setLinger(.milliseconds(500))
        try socket.connect(endpoint)
        let pump = Pump(socket: socket, runID: runID, endpoint: endpoint, settings: settings, shared: shared, logger: logger)
        thread = OSThread { pump.run() }
    }

    /// Waits up to `timeout` for the collector's answer to `open`.
    ///
    /// - Returns: whether the collector answered.
    public func waitForAnswer(timeout: Duration) -> Bool {
        if shared.state.withLock({ $0.answered }) { return true }
        let milliseconds = Int(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        guard shared.answered.wait(timeout: .now() + .milliseconds(milliseconds)) == .success else { return false }
        shared.answered.signal()
        return true
    }

    /// Hands a record's line to the link; never waits on the collector.
    ///
    /// - Parameters:
    ///   - key: the record's key, which the collector's acknowledgement names.
    ///   - json: the record's JSON, as written to the run's file.
    public func send(_ key: RecordKey, json: [UInt8]) {
        shared.state.withLock { $0.inbox.append((key, json)) }
    }

    /// Waits, up to `timeout`, until the collector has acknowledged every
    /// record, then sends `end` with the number of records handed to the link
    /// (every record the run wrote) and waits for its acknowledgement in what
    /// is left of `timeout`; then closes the link. Past `timeout` with records
    /// not acknowledged, `end` is sent anyway, so that the collector reports
    /// the difference. Call once, or ``close()`` instead.
    ///
    /// - Parameter timeout: the longest wait.
    /// - Returns: what reached the collector.
    public func finish(timeout: Duration) -> Delivery {
        stop(sendEnd: true, timeout: timeout)
    }

    /// Closes the link at once, without `end`: for a run that never started.
    public func close() {
        _ = stop(sendEnd: false, timeout: .zero)
    }

    private func stop(sendEnd: Bool, timeout: Duration) -> Delivery {
        shared.state.withLock {
            precondition($0.finish == nil, "CollectorLink finished or closed twice")
            $0.finish = (sendEnd, ContinuousClock.now + timeout)
        }
        thread.join()
        return shared.state.withLock { $0.delivery }
    }
}
