import CZeroMQ

/// A ZeroMQ socket.
///
/// A socket keeps its ``Context`` alive, closes itself in `deinit` (or earlier
/// with ``close()``, which may be called more than once), and is created with a
/// finite linger, ``defaultLinger``, so that terminating the context never
/// hangs on messages no peer will take.
///
/// Sockets are not thread safe: use each one from one thread at a time.
/// `Socket` is therefore not `Sendable`; to use sockets on another thread,
/// hand that thread the (`Sendable`) ``Context`` and create them there.
///
/// Calls on a closed socket throw ``ZMQError/notSocket``, naming the
/// operation, as libzmq does for a closed handle.
///
/// ```swift
/// let context = try Context()
/// let pull = try Socket(context, type: .pull)
/// try pull.bind("tcp://127.0.0.1:*")
/// let push = try Socket(context, type: .push)
/// try push.connect(try pull.lastEndpoint!)
/// try push.send("hello")
/// let message = try pull.receive()   // [[104, 101, 108, 108, 111]]
/// ```
///
/// The corresponding C functions are `zmq_socket` and `zmq_close`.
public final class Socket {
    /// The linger every socket is created with: after ``close()``, unsent
    /// messages are kept for at most this long while libzmq tries to deliver
    /// them. Change it per socket with ``setLinger(_:)``.
    public static let defaultLinger: Duration = .seconds(1)

    /// The context this socket belongs to and keeps alive.
    public let context: Context

    /// The kind of this socket.
    public let type: SocketType

    private var handle: ZMQHandle?

    /// Creates a socket with a linger of ``defaultLinger``.
    ///
    /// - Parameters:
    ///   - context: The context to create the socket in.
    ///   - type: The kind of socket.
    /// - Throws: ``ZMQError/contextTerminated`` if `context` was shut down;
    ///   `EMFILE` if the context has as many sockets as it allows.
    ///
    /// The corresponding C functions are `zmq_socket` and `zmq_setsockopt(ZMQ_LINGER)`.
    public init(_ context: Context, type: SocketType) throws(ZMQError) {
        let handle = try LibZMQ.socket(context.handle, type: type.rawValue)
        var linger = Self.defaultLinger.zmqMilliseconds
        do {
            try withUnsafeBytes(of: &linger) { (bytes) throws(ZMQError) in
                try LibZMQ.setOption(handle, ZMQ_LINGER, name: "ZMQ_LINGER", bytes)
            }
        } catch {
            try? LibZMQ.close(handle)
            throw error
        }
        self.context = context
        self.type = type
        self.handle = handle
    }

    deinit {
        close()
    }

    /// Whether ``close()`` has been called.
    public var isClosed: Bool { handle == nil }

    /// Closes the socket. Unsent messages linger for at most the socket's
    /// linger; calling this again does nothing.
    ///
    /// The corresponding C function is `zmq_close`.
    public func close() {
        guard let handle else { return }
        self.handle = nil
        do {
            try LibZMQ.close(handle)
        } catch {
            assertionFailure("zmq_close failed on an open socket: \(error)")
        }
    }

    /// Calls `body` with the raw libzmq socket handle, for calls this wrapper
    /// does not cover.
    ///
    /// The handle is valid only inside `body`: do not close it or keep it.
    ///
    /// - Precondition: The socket is open.
    public func withUnsafeHandle<Result, Failure: Error>(
        _ body: (UnsafeMutableRawPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        guard let handle else {
            preconditionFailure("withUnsafeHandle called on a closed \(type) socket")
        }
        return try body(handle)
    }

    /// The open handle, or ``ZMQError/notSocket`` naming `operation`.
    package func openHandle(_ operation: String, endpoint: String? = nil) throws(ZMQError) -> ZMQHandle {
        guard let handle else { throw ZMQError(code: ZMQError.notSocket.code, operation: operation, endpoint: endpoint) }
        return handle
    }

    // MARK: Endpoints

    /// Listens for peers on `endpoint`.
    ///
    /// Bind to `tcp://127.0.0.1:*` to let the system choose a port, then read
    /// it back from ``lastEndpoint``.
    ///
    /// - Parameter endpoint: `transport://address`, such as
    ///   `tcp://127.0.0.1:5555`, `ipc:///tmp/isorun.sock` or `inproc://records`.
    /// - Throws: ``ZMQError`` naming `endpoint`: ``ZMQError/invalidArgument``
    ///   for a malformed endpoint, ``ZMQError/addressInUse`` if it is taken,
    ///   ``ZMQError/protocolNotSupported`` for an unknown transport.
    ///
    /// The corresponding C function is `zmq_bind`.
    public func bind(_ endpoint: String) throws(ZMQError) {
        try LibZMQ.bind(openHandle("zmq_bind", endpoint: endpoint), endpoint)
    }

    /// Connects to a peer at `endpoint`. The connection is made, and remade,
    /// in the background; this returns before the peer answers.
    ///
    /// - Parameter endpoint: `transport://address`, as for ``bind(_:)``.
    /// - Throws: ``ZMQError`` naming `endpoint` if it is malformed or its
    ///   transport unsupported.
    ///
    /// The corresponding C function is `zmq_connect`.
    public func connect(_ endpoint: String) throws(ZMQError) {
        try LibZMQ.connect(openHandle("zmq_connect", endpoint: endpoint), endpoint)
    }

    /// Stops listening on `endpoint`.
    ///
    /// - Parameter endpoint: An endpoint passed to ``bind(_:)``, or for a
    ///   wildcard bind the one ``lastEndpoint`` reported.
    /// - Throws: ``ZMQError/endpointNotFound`` if the socket is not bound there.
    ///
    /// The corresponding C function is `zmq_unbind`.
    public func unbind(_ endpoint: String) throws(ZMQError) {
        try LibZMQ.unbind(openHandle("zmq_unbind", endpoint: endpoint), endpoint)
    }

    /// Drops the connection to `endpoint`.
    ///
    /// - Parameter endpoint: An endpoint passed to ``connect(_:)``.
    /// - Throws: ``ZMQError/endpointNotFound`` if the socket is not connected there.
    ///
    /// The corresponding C function is `zmq_disconnect`.
    public func disconnect(_ endpoint: String) throws(ZMQError) {
        try LibZMQ.disconnect(openHandle("zmq_disconnect", endpoint: endpoint), endpoint)
    }

    // MARK: Sending

    /// Sends a message of one or more frames.
    ///
    /// Every frame but the last is sent with ``SendFlags/sendMore``; the peer
    /// receives all of them or none. The bytes are copied before this returns.
    ///
    /// ```swift
    /// // A DEALER talking to a ROUTER: a version frame, a kind, a payload.
    /// try dealer.send([[1], Array("record".utf8), payload])
    ///
    /// // Don't block if the peer is slow; drop or retry instead.
    /// do {
    ///     try push.send([payload], flags: .dontWait)
    /// } catch .again {
    ///     dropped += 1
    /// }
    /// ```
    ///
    /// - Parameters:
    ///   - frames: The frames, in order; frames may be empty, the list may not.
    ///   - flags: ``SendFlags/dontWait`` to throw rather than block; add
    ///     ``SendFlags/sendMore`` to keep the message open after the last frame.
    /// - Throws: ``ZMQError/again`` if `.dontWait` was given or the send timeout
    ///   expired before the message could be queued;
    ///   ``ZMQError/hostUnreachable`` from a ROUTER with
    ///   ``setRouterMandatory(_:)`` when no peer has the routing id in the
    ///   first frame; ``ZMQError/invalidState`` when the socket's pattern
    ///   forbids sending now; ``ZMQError/contextTerminated``.
    /// - Precondition: `frames` is not empty.
    ///
    /// The corresponding C function is `zmq_send`.
    public func send(_ frames: [[UInt8]], flags: SendFlags = []) throws(ZMQError) {
        precondition(!frames.isEmpty, "A ZeroMQ message has at least one frame; send [[]] for one empty frame")
        let handle = try openHandle("zmq_send")
        for index in frames.indices {
            let more: SendFlags = index == frames.index(before: frames.endIndex) ? [] : .sendMore
            try LibZMQ.send(handle, frames[index], flags: flags.union(more).rawValue)
        }
    }

    /// Sends a message of one frame. See ``send(_:flags:)``.
    ///
    /// - Parameters:
    ///   - frame: The frame's bytes.
    ///   - flags: As for ``send(_:flags:)``.
    /// - Throws: As ``send(_:flags:)`` does.
    ///
    /// The corresponding C function is `zmq_send`.
    public func send(frame: [UInt8], flags: SendFlags = []) throws(ZMQError) {
        try send([frame], flags: flags)
    }

    /// Sends a message of one frame holding `string` as UTF-8. See ``send(_:flags:)``.
    ///
    /// - Parameters:
    ///   - string: The text to send.
    ///   - flags: As for ``send(_:flags:)``.
    /// - Throws: As ``send(_:flags:)`` does.
    ///
    /// The corresponding C function is `zmq_send`.
    public func send(_ string: String, flags: SendFlags = []) throws(ZMQError) {
        try send([Array(string.utf8)], flags: flags)
    }

    // MARK: Receiving

    /// Receives a whole message: every frame up to the last one.
    ///
    /// Blocks until a message arrives or the receive timeout expires (see
    /// ``setReceiveTimeout(_:)``). Block only on a thread of your own, not on
    /// the Swift concurrency pool.
    ///
    /// - Parameter flags: ``ReceiveFlags/dontWait`` to throw rather than block.
    /// - Returns: The frames, in order; at least one.
    /// - Throws: ``ZMQError/again`` if `.dontWait` was given and nothing was
    ///   waiting, or the receive timeout expired; ``ZMQError/invalidState``
    ///   when the socket's pattern forbids receiving now;
    ///   ``ZMQError/contextTerminated``.
    ///
    /// The corresponding C functions are `zmq_msg_recv` and `zmq_msg_more`.
    public func receive(flags: ReceiveFlags = []) throws(ZMQError) -> [[UInt8]] {
        let handle = try openHandle("zmq_msg_recv")
        var frames: [[UInt8]] = []
        var more = true
        while more {
            let received = try LibZMQ.receiveFrame(handle, flags: flags.rawValue)
            frames.append(received.frame)
            more = received.more
        }
        return frames
    }

    /// Receives a whole message if one is waiting, without blocking.
    ///
    /// - Returns: The frames, or `nil` if no message was waiting.
    /// - Throws: As ``receive(flags:)`` does, except ``ZMQError/again``.
    ///
    /// The corresponding C function is `zmq_msg_recv` with `ZMQ_DONTWAIT`.
    public func receiveIfAvailable() throws(ZMQError) -> [[UInt8]]? {
        do throws(ZMQError) {
            return try receive(flags: .dontWait)
        } catch {
            if error == .again { return nil }
            throw error
        }
    }
}

@available(*, unavailable, message: "A ZeroMQ socket must not be shared between threads; pass the Context and create the socket where it is used")
extension Socket: Sendable {}
