// MARK: Subscriptions, connections and message limits

extension Socket {
    /// Subscribes a SUB socket to messages whose first frame starts with `prefix`.
    ///
    /// - Parameter prefix: The topic prefix; empty subscribes to everything.
    /// - Throws: ``ZMQError/invalidArgument`` on a socket that is not a SUB.
    ///
    /// The corresponding C function is `zmq_setsockopt(ZMQ_SUBSCRIBE)`.
    public func subscribe(_ prefix: [UInt8] = []) throws(ZMQError) {
        try setBytesOption(.subscribe, prefix)
    }

    /// Subscribes a SUB socket to messages whose first frame starts with the
    /// UTF-8 of `prefix`.
    ///
    /// - Parameter prefix: The topic prefix.
    /// - Throws: ``ZMQError/invalidArgument`` on a socket that is not a SUB.
    ///
    /// The corresponding C function is `zmq_setsockopt(ZMQ_SUBSCRIBE)`.
    public func subscribe(_ prefix: String) throws(ZMQError) {
        try subscribe(Array(prefix.utf8))
    }

    /// Removes one earlier ``subscribe(_:)-([UInt8])`` of `prefix`.
    ///
    /// - Parameter prefix: The topic prefix given to `subscribe`.
    /// - Throws: ``ZMQError/invalidArgument`` on a socket that is not a SUB.
    ///
    /// The corresponding C function is `zmq_setsockopt(ZMQ_UNSUBSCRIBE)`.
    public func unsubscribe(_ prefix: [UInt8] = []) throws(ZMQError) {
        try setBytesOption(.unsubscribe, prefix)
    }

    /// Whether tcp endpoints may use IPv6 as well as IPv4.
    ///
    /// The corresponding C function is `zmq_getsockopt(ZMQ_IPV6)`.
    public var ipv6: Bool {
        get throws(ZMQError) { try boolOption(.ipv6) }
    }

    /// Sets whether tcp endpoints may use IPv6. Set it before binding or connecting.
    ///
    /// - Parameter value: Whether to allow IPv6.
    /// - Throws: ``ZMQError`` if the socket is closed.
    ///
    /// The corresponding C function is `zmq_setsockopt(ZMQ_IPV6)`.
    public func setIPv6(_ value: Bool) throws(ZMQError) {
        try setBoolOption(.ipv6, value)
    }

    /// How often the socket sends ZMTP heartbeats on each connection; `.zero`
    /// (the default) sends none.
    ///
    /// The corresponding C function is `zmq_getsockopt(ZMQ_HEARTBEAT_IVL)`.
    public var heartbeatInterval: Duration {
        get throws(ZMQError) { .milliseconds(try countOption(.heartbeatInterval)) }
    }

    /// How long a connecting socket waits before it tries again to reach an
    /// endpoint that refused it or is not there yet (libzmq's default: 100 ms).
    ///
    /// The corresponding C function is `zmq_getsockopt(ZMQ_RECONNECT_IVL)`.
    public var reconnectInterval: Duration {
        get throws(ZMQError) { .milliseconds(try countOption(.reconnectInterval)) }
    }

    /// Sets how long a connecting socket waits before it tries again. Set it
    /// before connecting.
    ///
    /// - Parameter value: The wait, rounded up to whole milliseconds.
    /// - Throws: ``ZMQError`` if the socket is closed.
    ///
    /// The corresponding C function is `zmq_setsockopt(ZMQ_RECONNECT_IVL)`.
    public func setReconnectInterval(_ value: Duration) throws(ZMQError) {
        try setOption(.reconnectInterval, value.zmqMilliseconds)
    }

    /// Sets how often to send ZMTP heartbeats; libzmq closes a connection
    /// whose peer stops answering them. Set it before connecting.
    ///
    /// - Parameter value: The interval, rounded up to whole milliseconds; `.zero` for none.
    /// - Throws: ``ZMQError`` if the socket is closed.
    ///
    /// The corresponding C function is `zmq_setsockopt(ZMQ_HEARTBEAT_IVL)`.
    public func setHeartbeatInterval(_ value: Duration) throws(ZMQError) {
        try setOption(.heartbeatInterval, value.zmqMilliseconds)
    }

    /// How long the peer should wait for traffic, heartbeats included, before
    /// dropping the connection; `.zero` (the default) means never.
    ///
    /// The corresponding C function is `zmq_getsockopt(ZMQ_HEARTBEAT_TTL)`.
    public var heartbeatTimeToLive: Duration {
        get throws(ZMQError) { .milliseconds(try countOption(.heartbeatTimeToLive)) }
    }

    /// Sets the time to live the socket asks its peers to apply.
    ///
    /// - Parameter value: The time to live; libzmq keeps tenths of a second,
    ///   up to 6553.5 seconds.
    /// - Throws: ``ZMQError/invalidArgument`` if it is out of range.
    ///
    /// The corresponding C function is `zmq_setsockopt(ZMQ_HEARTBEAT_TTL)`.
    public func setHeartbeatTimeToLive(_ value: Duration) throws(ZMQError) {
        try setOption(.heartbeatTimeToLive, value.zmqMilliseconds)
    }

    /// How long to wait for any traffic after sending a heartbeat before
    /// dropping the connection. Zero (the default) means the heartbeat interval.
    ///
    /// The corresponding C function is `zmq_getsockopt(ZMQ_HEARTBEAT_TIMEOUT)`.
    public var heartbeatTimeout: Duration {
        get throws(ZMQError) { .milliseconds(try countOption(.heartbeatTimeout)) }
    }

    /// Sets how long to wait for traffic after a heartbeat.
    ///
    /// - Parameter value: The timeout, rounded up to whole milliseconds.
    /// - Throws: ``ZMQError`` if the socket is closed.
    ///
    /// The corresponding C function is `zmq_setsockopt(ZMQ_HEARTBEAT_TIMEOUT)`.
    public func setHeartbeatTimeout(_ value: Duration) throws(ZMQError) {
        try setOption(.heartbeatTimeout, value.zmqMilliseconds)
    }

    /// The largest message, in bytes, a peer may send before its connection
    /// is dropped; `nil` (the default) means no limit.
    ///
    /// The corresponding C function is `zmq_getsockopt(ZMQ_MAXMSGSIZE)`.
    public var maxMessageSize: Int? {
        get throws(ZMQError) {
            let value = try option(.maxMessageSize, zero: Int64(0))
            return value < 0 ? nil : Int(value)
        }
    }

    /// Sets the largest inbound message. Set it before binding or connecting.
    ///
    /// - Parameter value: The limit in bytes; `nil` for none.
    /// - Throws: ``ZMQError`` if the socket is closed.
    ///
    /// The corresponding C function is `zmq_setsockopt(ZMQ_MAXMSGSIZE)`.
    public func setMaxMessageSize(_ value: Int?) throws(ZMQError) {
        if let value { precondition(value >= 0, "maxMessageSize must not be negative; got \(value)") }
        try setOption(.maxMessageSize, Int64(value ?? -1))
    }

    /// The endpoint of the last ``bind(_:)`` or ``connect(_:)``, with any
    /// wildcard resolved: after binding `tcp://127.0.0.1:*`, this is
    /// `tcp://127.0.0.1:` and the port the system chose. `nil` before either.
    ///
    /// The corresponding C function is `zmq_getsockopt(ZMQ_LAST_ENDPOINT)`.
    public var lastEndpoint: String? {
        get throws(ZMQError) {
            let bytes = try bytesOption(.lastEndpoint, capacity: 1024).prefix { $0 != 0 }
            return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
        }
    }
}
