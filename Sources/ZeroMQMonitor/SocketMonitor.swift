import CZeroMQ
import ZeroMQ

/// Connection events of a socket, as a ``SocketMonitor`` reports them.
///
/// The corresponding C constants are the `ZMQ_EVENT_*` ones.
public struct MonitorEvents: OptionSet, Sendable, Hashable {
    /// The libzmq event bits.
    public var rawValue: Int32

    /// Creates events from libzmq event bits.
    ///
    /// - Parameter rawValue: A combination of `ZMQ_EVENT_*` constants.
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// A connection to a peer was made at the transport level (`ZMQ_EVENT_CONNECTED`);
    /// nothing is known yet of what listens there.
    public static let connected = MonitorEvents(rawValue: ZMQ_EVENT_CONNECTED)
    /// A connect could not complete at once and goes on in the background (`ZMQ_EVENT_CONNECT_DELAYED`).
    public static let connectDelayed = MonitorEvents(rawValue: ZMQ_EVENT_CONNECT_DELAYED)
    /// A failed connect will be tried again; the value is the wait in milliseconds (`ZMQ_EVENT_CONNECT_RETRIED`).
    public static let connectRetried = MonitorEvents(rawValue: ZMQ_EVENT_CONNECT_RETRIED)
    /// A bound socket accepted a connection (`ZMQ_EVENT_ACCEPTED`).
    public static let accepted = MonitorEvents(rawValue: ZMQ_EVENT_ACCEPTED)
    /// A connection was closed (`ZMQ_EVENT_CLOSED`).
    public static let closed = MonitorEvents(rawValue: ZMQ_EVENT_CLOSED)
    /// A peer's connection broke (`ZMQ_EVENT_DISCONNECTED`).
    public static let disconnected = MonitorEvents(rawValue: ZMQ_EVENT_DISCONNECTED)
    /// A ZeroMQ peer completed the protocol handshake (`ZMQ_EVENT_HANDSHAKE_SUCCEEDED`):
    /// the other end is a live ZeroMQ socket, not merely an open port.
    public static let handshakeSucceeded = MonitorEvents(rawValue: ZMQ_EVENT_HANDSHAKE_SUCCEEDED)
    /// The handshake failed: a system error, a protocol error or refused
    /// authentication (`ZMQ_EVENT_HANDSHAKE_FAILED_*`).
    public static let handshakeFailed = MonitorEvents(
        rawValue: ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL | ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL
            | ZMQ_EVENT_HANDSHAKE_FAILED_AUTH)
    /// The monitor was stopped, or its socket closed (`ZMQ_EVENT_MONITOR_STOPPED`).
    public static let monitorStopped = MonitorEvents(rawValue: ZMQ_EVENT_MONITOR_STOPPED)
    /// Every event (`ZMQ_EVENT_ALL`).
    public static let all = MonitorEvents(rawValue: ZMQ_EVENT_ALL)
}

/// One event a ``SocketMonitor`` received.
public struct MonitorEvent: Sendable, Hashable {
    /// The event: one of the ``MonitorEvents`` bits.
    public var event: MonitorEvents
    /// The event's value: an errno, a file descriptor or a retry interval, by event.
    public var value: UInt32
    /// The endpoint the event is about.
    public var endpoint: String

    /// Creates an event.
    public init(event: MonitorEvents, value: UInt32, endpoint: String) {
        self.event = event
        self.value = value
        self.endpoint = endpoint
    }
}

/// Reports the connection events of a socket: whether a connect has reached a
/// live peer, or keeps being retried. It is the honest way to tell "nobody
/// there" from "a peer with nothing to say yet".
///
/// Start it before ``Socket/connect(_:)`` so that no event is missed; like a
/// socket, use it from one thread.
///
/// ```swift
/// let dealer = try Socket(context, type: .dealer)
/// let monitor = try SocketMonitor(dealer, events: .handshakeSucceeded)
/// try dealer.connect("tcp://127.0.0.1:5555")
/// if try monitor.wait(for: .handshakeSucceeded, timeout: .seconds(5)) == nil {
///     print("no ZeroMQ peer answered within 5 s")
/// }
/// ```
///
/// The corresponding C function is `zmq_socket_monitor`.
public final class SocketMonitor {
    private let watched: Socket
    private let events: Socket
    private var stopped = false

    /// Starts monitoring `socket` for `events`.
    ///
    /// - Parameters:
    ///   - socket: The socket to watch; it is kept alive by the monitor.
    ///   - events: The events to report.
    /// - Throws: ``ZMQError`` if the socket is closed or the monitor cannot be set up.
    public init(_ socket: Socket, events: MonitorEvents) throws(ZMQError) {
        let handle = try socket.openHandle("zmq_socket_monitor")
        // The watched socket's address names the inproc endpoint: unique while it is open.
        let address = "inproc://isorun-monitor-\(UInt(bitPattern: handle))"
        try LibZMQ.socketMonitor(handle, address: address, events: events.rawValue)
        let pair = try Socket(socket.context, type: .pair)
        try pair.setLinger(.zero)
        try pair.connect(address)
        watched = socket
        self.events = pair
    }

    deinit {
        stop()
    }

    /// Receives the next event, waiting up to `timeout`.
    ///
    /// - Parameter timeout: The longest wait; nil waits for ever.
    /// - Returns: The event, or nil if none came in time.
    /// - Throws: ``ZMQError`` from the poll or the receive; ``ZMQError/notSocket``
    ///   after ``stop()``.
    public func next(timeout: Duration?) throws(ZMQError) -> MonitorEvent? {
        let deadline = timeout.map { ContinuousClock.now + $0 }
        while true {
            let left = deadline.map { max(.zero, $0 - ContinuousClock.now) }
            guard try poll([.socket(events)], timeout: left)[0].contains(.readable) else { return nil }
            // A malformed event message (never sent by libzmq) is passed over.
            if let event = Self.decode(try events.receive()) { return event }
        }
    }

    /// Waits up to `timeout` for one of `wanted`, passing over other events.
    ///
    /// - Returns: The first event in `wanted`, or nil if none came in time.
    /// - Throws: As ``next(timeout:)`` does.
    public func wait(for wanted: MonitorEvents, timeout: Duration) throws(ZMQError) -> MonitorEvent? {
        let deadline = ContinuousClock.now + timeout
        while true {
            let left = deadline - ContinuousClock.now
            guard left > .zero, let event = try next(timeout: left) else { return nil }
            if !event.event.isDisjoint(with: wanted) { return event }
        }
    }

    /// A poll item for the monitor's events, to wait on them beside other sockets.
    public var pollItem: PollItem { .socket(events) }

    /// Stops monitoring and closes the monitor's socket; calling it again does nothing.
    ///
    /// The corresponding C function is `zmq_socket_monitor` with a `NULL` address.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        if let handle = try? watched.openHandle("zmq_socket_monitor") {
            try? LibZMQ.socketMonitor(handle, address: nil, events: 0)
        }
        events.close()
    }

    /// An event message: a frame of a 16-bit event and a 32-bit value, in the
    /// machine's byte order, then a frame with the endpoint.
    static func decode(_ frames: [[UInt8]]) -> MonitorEvent? {
        guard frames.count >= 2, frames[0].count >= 6 else { return nil }
        let head = frames[0]
        let event = head.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 0, as: UInt16.self) }
        let value = head.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 2, as: UInt32.self) }
        return MonitorEvent(
            event: MonitorEvents(rawValue: Int32(event)), value: value,
            endpoint: String(decoding: frames[1], as: UTF8.self))
    }
}
