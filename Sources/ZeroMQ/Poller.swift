import CZeroMQ

/// Readiness conditions to wait for, or found, by ``poll(_:timeout:)``.
///
/// The corresponding C constants are `ZMQ_POLLIN`, `ZMQ_POLLOUT` and `ZMQ_POLLERR`.
public struct PollEvents: OptionSet, Sendable, Hashable {
    /// The libzmq event bits.
    public var rawValue: Int16

    /// Creates events from libzmq event bits.
    ///
    /// - Parameter rawValue: A combination of `ZMQ_POLL*` constants.
    public init(rawValue: Int16) { self.rawValue = rawValue }

    /// A whole message can be received without blocking (`ZMQ_POLLIN`).
    public static let readable = PollEvents(rawValue: Int16(ZMQ_POLLIN))

    /// A message can be sent without blocking (`ZMQ_POLLOUT`).
    public static let writable = PollEvents(rawValue: Int16(ZMQ_POLLOUT))

    /// An error condition on a file descriptor (`ZMQ_POLLERR`); never set for sockets.
    public static let error = PollEvents(rawValue: Int16(ZMQ_POLLERR))
}

/// One thing for ``poll(_:timeout:)`` to watch: a socket or a file descriptor,
/// and the events of interest.
public struct PollItem {
    /// What is polled.
    public enum Source {
        /// A ZeroMQ socket, kept alive by the item.
        case socket(Socket)
        /// A file descriptor, such as a pipe that wakes a poll loop.
        case fileDescriptor(Int32)
    }

    /// What is polled.
    public var source: Source

    /// The events to wait for.
    public var events: PollEvents

    /// Creates an item that waits for `events` on `socket`.
    ///
    /// - Parameters:
    ///   - socket: The socket; it must stay open until the poll returns.
    ///   - events: The events to wait for.
    public static func socket(_ socket: Socket, events: PollEvents = .readable) -> PollItem {
        PollItem(source: .socket(socket), events: events)
    }

    /// Creates an item that waits for `events` on a file descriptor.
    ///
    /// - Parameters:
    ///   - descriptor: An open file descriptor.
    ///   - events: The events to wait for.
    public static func fileDescriptor(_ descriptor: Int32, events: PollEvents = .readable) -> PollItem {
        PollItem(source: .fileDescriptor(descriptor), events: events)
    }
}

/// Waits until at least one item has one of its events, or the timeout passes.
///
/// This blocks the calling thread. Run a blocking poll loop on a thread of its
/// own (for example a `Thread` that owns the sockets), never on the Swift
/// concurrency pool, whose few threads the rest of the program needs. To wake
/// the loop from elsewhere, poll a pipe's read end as well, or shut the
/// ``Context`` down.
///
/// ```swift
/// let ready = try poll([.socket(router), .socket(pull)], timeout: .seconds(1))
/// if ready[0].contains(.readable) { handle(try router.receive()) }
/// ```
///
/// - Parameters:
///   - items: The sockets and file descriptors to watch.
///   - timeout: The longest wait, rounded up to whole milliseconds; `.zero`
///     checks without waiting; `nil` waits for ever.
/// - Returns: For each item, in order, the events that occurred (of those asked
///   for, plus ``PollEvents/error`` for file descriptors); empty sets on timeout.
/// - Throws: ``ZMQError/notSocket`` if a socket is closed;
///   ``ZMQError/contextTerminated`` if a socket's context was shut down.
///
/// The corresponding C function is `zmq_poll`.
public func poll(_ items: [PollItem], timeout: Duration?) throws(ZMQError) -> [PollEvents] {
    var rawItems: [zmq_pollitem_t] = []
    rawItems.reserveCapacity(items.count)
    for item in items {
        switch item.source {
        case .socket(let socket):
            let handle = try socket.openHandle("zmq_poll")
            rawItems.append(zmq_pollitem_t(socket: handle, fd: -1, events: item.events.rawValue, revents: 0))
        case .fileDescriptor(let descriptor):
            rawItems.append(zmq_pollitem_t(socket: nil, fd: descriptor, events: item.events.rawValue, revents: 0))
        }
    }
    let milliseconds = timeout.map { Int($0.zmqMilliseconds) } ?? -1
    try withExtendedLifetime(items) { () throws(ZMQError) in
        _ = try LibZMQ.poll(&rawItems, timeoutMilliseconds: milliseconds)
    }
    return rawItems.map { PollEvents(rawValue: $0.revents) }
}
