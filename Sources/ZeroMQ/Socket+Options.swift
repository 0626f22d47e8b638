import CZeroMQ

/// A libzmq socket option: its constant and its name for error messages.
struct SocketOption {
    var code: Int32
    var name: String

    static let linger = SocketOption(code: ZMQ_LINGER, name: "ZMQ_LINGER")
    static let sendHighWaterMark = SocketOption(code: ZMQ_SNDHWM, name: "ZMQ_SNDHWM")
    static let receiveHighWaterMark = SocketOption(code: ZMQ_RCVHWM, name: "ZMQ_RCVHWM")
    static let sendTimeout = SocketOption(code: ZMQ_SNDTIMEO, name: "ZMQ_SNDTIMEO")
    static let receiveTimeout = SocketOption(code: ZMQ_RCVTIMEO, name: "ZMQ_RCVTIMEO")
    static let routingID = SocketOption(code: ZMQ_ROUTING_ID, name: "ZMQ_ROUTING_ID")
    static let routerMandatory = SocketOption(code: ZMQ_ROUTER_MANDATORY, name: "ZMQ_ROUTER_MANDATORY")
    static let immediate = SocketOption(code: ZMQ_IMMEDIATE, name: "ZMQ_IMMEDIATE")
    static let subscribe = SocketOption(code: ZMQ_SUBSCRIBE, name: "ZMQ_SUBSCRIBE")
    static let unsubscribe = SocketOption(code: ZMQ_UNSUBSCRIBE, name: "ZMQ_UNSUBSCRIBE")
    static let ipv6 = SocketOption(code: ZMQ_IPV6, name: "ZMQ_IPV6")
    static let heartbeatInterval = SocketOption(code: ZMQ_HEARTBEAT_IVL, name: "ZMQ_HEARTBEAT_IVL")
    static let heartbeatTimeToLive = SocketOption(code: ZMQ_HEARTBEAT_TTL, name: "ZMQ_HEARTBEAT_TTL")
    static let heartbeatTimeout = SocketOption(code: ZMQ_HEARTBEAT_TIMEOUT, name: "ZMQ_HEARTBEAT_TIMEOUT")
    static let maxMessageSize = SocketOption(code: ZMQ_MAXMSGSIZE, name: "ZMQ_MAXMSGSIZE")
    static let lastEndpoint = SocketOption(code: ZMQ_LAST_ENDPOINT, name: "ZMQ_LAST_ENDPOINT")
    static let curveServer = SocketOption(code: ZMQ_CURVE_SERVER, name: "ZMQ_CURVE_SERVER")
    static let curvePublicKey = SocketOption(code: ZMQ_CURVE_PUBLICKEY, name: "ZMQ_CURVE_PUBLICKEY")
    static let curveSecretKey = SocketOption(code: ZMQ_CURVE_SECRETKEY, name: "ZMQ_CURVE_SECRETKEY")
    static let curveServerKey = SocketOption(code: ZMQ_CURVE_SERVERKEY, name: "ZMQ_CURVE_SERVERKEY")
}

// MARK: Typed access to raw option values

extension Socket {
    /// Sets an option whose C type is the fixed-size `Value` (`int` or `int64_t`).
    func setOption<Value: BitwiseCopyable>(_ option: SocketOption, _ value: Value) throws(ZMQError) {
        let handle = try openHandle("zmq_setsockopt(\(option.name))")
        var value = value
        try withUnsafeBytes(of: &value) { (bytes) throws(ZMQError) in
            try LibZMQ.setOption(handle, option.code, name: option.name, bytes)
        }
    }

    /// Reads an option whose C type is the fixed-size `Value`, starting from `zero`.
    func option<Value: BitwiseCopyable>(_ option: SocketOption, zero: Value) throws(ZMQError) -> Value {
        let handle = try openHandle("zmq_getsockopt(\(option.name))")
        var value = zero
        _ = try withUnsafeMutableBytes(of: &value) { (bytes) throws(ZMQError) in
            try LibZMQ.getOption(handle, option.code, name: option.name, into: bytes)
        }
        return value
    }

    func setBytesOption(_ option: SocketOption, _ bytes: [UInt8]) throws(ZMQError) {
        let handle = try openHandle("zmq_setsockopt(\(option.name))")
        try LibZMQ.setOption(handle, option.code, name: option.name, bytes)
    }

    func bytesOption(_ option: SocketOption, capacity: Int) throws(ZMQError) -> [UInt8] {
        let handle = try openHandle("zmq_getsockopt(\(option.name))")
        return try LibZMQ.getOption(handle, option.code, name: option.name, capacity: capacity)
    }

    func setDurationOption(_ option: SocketOption, _ value: Duration?) throws(ZMQError) {
        try setOption(option, value.map(\.zmqMilliseconds) ?? -1)
    }

    func durationOption(_ option: SocketOption) throws(ZMQError) -> Duration? {
        Duration.zmqMilliseconds(try self.option(option, zero: Int32(0)))
    }

    func setBoolOption(_ option: SocketOption, _ value: Bool) throws(ZMQError) {
        try setOption(option, Int32(value ? 1 : 0))
    }

    func boolOption(_ option: SocketOption) throws(ZMQError) -> Bool {
        try self.option(option, zero: Int32(0)) != 0
    }

    func setCountOption(_ option: SocketOption, _ value: Int) throws(ZMQError) {
        precondition(value >= 0 && value <= Int(Int32.max), "\(option.name) must be between 0 and \(Int32.max); got \(value)")
        try setOption(option, Int32(value))
    }

    func countOption(_ option: SocketOption) throws(ZMQError) -> Int {
        Int(try self.option(option, zero: Int32(0)))
    }
}

// MARK: Public options

extension Socket {
    /// How long unsent messages are kept after ``close()`` while libzmq tries
    /// to deliver them; `nil` means forever. Sockets start at ``defaultLinger``.
    ///
    /// The corresponding C function is `zmq_getsockopt(ZMQ_LINGER)`.
    public var linger: Duration? {
        get throws(ZMQError) { try durationOption(.linger) }
    }

    /// Sets how long unsent messages are kept after ``close()``.
    ///
    /// - Parameter value: The longest wait; `.zero` discards them at once.
    ///   `nil` waits forever, which makes terminating the context hang until
    ///   a peer takes them: avoid it.
    /// - Throws: ``ZMQError`` if the socket is closed.
    ///
    /// The corresponding C function is `zmq_setsockopt(ZMQ_LINGER)`.
    public func setLinger(_ value: Duration?) throws(ZMQError) {
        try setDurationOption(.linger, value)
    }

    /// The most messages queued for sending per peer before sends block or
    /// are dropped, depending on the socket type; 0 means no limit.
    ///
    /// The corresponding C function is `zmq_getsockopt(ZMQ_SNDHWM)`.
    public var sendHighWaterMark: Int {
        get throws(ZMQError) { try countOption(.sendHighWaterMark) }
    }

    /// Sets the send high-water mark. Set it before ``bind(_:)`` or
    /// ``connect(_:)``: it applies to connections made afterwards.
    ///
    /// - Parameter value: The most queued messages per peer; 0 for no limit.
    /// - Throws: ``ZMQError`` if the socket is closed.
    ///
    /// The corresponding C function is `zmq_setsockopt(ZMQ_SNDHWM)`.
    public func setSendHighWaterMark(_ value: Int) throws(ZMQError) {
        try setCountOption(.sendHighWaterMark, value)
    }

    /// The most messages queued for receiving per peer; 0 means no limit.
    ///
    /// The corresponding C function is `zmq_getsockopt(ZMQ_RCVHWM)`.
    public var receiveHighWaterMark: Int {
        get throws(ZMQError) { try countOption(.receiveHighWaterMark) }
    }

    /// Sets the receive high-water mark. Set it before ``bind(_:)`` or
    /// ``connect(_:)``: it applies to connections made afterwards.
    ///
    /// - Parameter value: The most queued messages per peer; 0 for no limit.
    /// - Throws: ``ZMQError`` if the socket is closed.
    ///
    /// The corresponding C function is `zmq_setsockopt(ZMQ_RCVHWM)`.
    public func setReceiveHighWaterMark(_ value: Int) throws(ZMQError) {
        try setCountOption(.receiveHighWaterMark, value)
    }

    /// How long a blocking send waits before throwing ``ZMQError/again``;
    /// `nil` (the default) waits forever.
    ///
    /// The corresponding C function is `zmq_getsockopt(ZMQ_SNDTIMEO)`.
    public var sendTimeout: Duration? {
        get throws(ZMQError) { try durationOption(.sendTimeout) }
    }

    /// Sets how long a blocking send waits.
    ///
    /// - Parameter value: The longest wait, rounded up to whole milliseconds;
    ///   `nil` waits forever.
    /// - Throws: ``ZMQError`` if the socket is closed.
    ///
    /// The corresponding C function is `zmq_setsockopt(ZMQ_SNDTIMEO)`.
    public func setSendTimeout(_ value: Duration?) throws(ZMQError) {
        try setDurationOption(.sendTimeout, value)
    }

    /// How long a blocking receive waits before throwing ``ZMQError/again``;
    /// `nil` (the default) waits forever.
    ///
    /// The corresponding C function is `zmq_getsockopt(ZMQ_RCVTIMEO)`.
    public var receiveTimeout: Duration? {
        get throws(ZMQError) { try durationOption(.receiveTimeout) }
    }

    /// Sets how long a blocking receive waits.
    ///
    /// - Parameter value: The longest wait, rounded up to whole milliseconds;
    ///   `nil` waits forever.
    /// - Throws: ``ZMQError`` if the socket is closed.
    ///
    /// The corresponding C function is `zmq_setsockopt(ZMQ_RCVTIMEO)`.
    public func setReceiveTimeout(_ value: Duration?) throws(ZMQError) {
        try setDurationOption(.receiveTimeout, value)
    }

    /// The identity this socket presents to a ROUTER peer; empty if none was set.
    ///
    /// The corresponding C function is `zmq_getsockopt(ZMQ_ROUTING_ID)`.
    public var routingID: [UInt8] {
        get throws(ZMQError) { try bytesOption(.routingID, capacity: 255) }
    }

    /// Sets the identity this socket presents to ROUTER peers it connects to
    /// afterwards, which they see as the first frame of its messages.
    ///
    /// - Parameter value: 1 to 255 bytes, not starting with a zero byte
    ///   (libzmq reserves those).
    /// - Throws: ``ZMQError/invalidArgument`` for an empty or longer id.
    ///
    /// The corresponding C function is `zmq_setsockopt(ZMQ_ROUTING_ID)`.
    public func setRoutingID(_ value: [UInt8]) throws(ZMQError) {
        try setBytesOption(.routingID, value)
    }

    /// Makes a ROUTER throw ``ZMQError/hostUnreachable`` when sending to a
    /// routing id no peer has, instead of silently dropping the message.
    ///
    /// - Parameter value: Whether unroutable messages are an error.
    /// - Throws: ``ZMQError/invalidArgument`` on a socket that is not a ROUTER.
    ///
    /// The corresponding C function is `zmq_setsockopt(ZMQ_ROUTER_MANDATORY)`.
    public func setRouterMandatory(_ value: Bool) throws(ZMQError) {
        try setBoolOption(.routerMandatory, value)
    }

    /// Whether messages are queued only for peers whose connection is complete.
    ///
    /// The corresponding C function is `zmq_getsockopt(ZMQ_IMMEDIATE)`.
    public var immediate: Bool {
        get throws(ZMQError) { try boolOption(.immediate) }
    }

    /// Sets whether messages are queued only for completed connections, so
    /// that a send blocks (or throws ``ZMQError/again``) rather than queue
    /// for a peer that is not there yet.
    ///
    /// - Parameter value: Whether to queue only for completed connections.
    /// - Throws: ``ZMQError`` if the socket is closed.
    ///
    /// The corresponding C function is `zmq_setsockopt(ZMQ_IMMEDIATE)`.
    public func setImmediate(_ value: Bool) throws(ZMQError) {
        try setBoolOption(.immediate, value)
    }

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

    /// Whether this socket is the server side of a CURVE handshake.
    ///
    /// The corresponding C function is `zmq_getsockopt(ZMQ_CURVE_SERVER)`.
    public var curveServer: Bool {
        get throws(ZMQError) { try boolOption(.curveServer) }
    }

    /// Makes this socket the server side of CURVE handshakes. A server also
    /// needs ``setCurveSecretKey(_:)``. Set both before binding.
    ///
    /// - Parameter value: Whether to act as a CURVE server.
    /// - Throws: ``ZMQError/invalidArgument`` if libzmq lacks CURVE
    ///   (see ``CurveKeyPair/isSupported``).
    ///
    /// The corresponding C function is `zmq_setsockopt(ZMQ_CURVE_SERVER)`.
    public func setCurveServer(_ value: Bool) throws(ZMQError) {
        try setBoolOption(.curveServer, value)
    }

    /// Sets this client's long-term public key. Set it, with
    /// ``setCurveSecretKey(_:)`` and ``setCurveServerKey(_:)``, before connecting.
    ///
    /// - Parameter z85: The 40-character Z85 public key.
    /// - Throws: ``ZMQError/invalidArgument`` for a malformed key.
    ///
    /// The corresponding C function is `zmq_setsockopt(ZMQ_CURVE_PUBLICKEY)`.
    public func setCurvePublicKey(_ z85: String) throws(ZMQError) {
        try setBytesOption(.curvePublicKey, Array(z85.utf8))
    }

    /// Sets this socket's long-term secret key, on a server or a client.
    ///
    /// - Parameter z85: The 40-character Z85 secret key.
    /// - Throws: ``ZMQError/invalidArgument`` for a malformed key.
    ///
    /// The corresponding C function is `zmq_setsockopt(ZMQ_CURVE_SECRETKEY)`.
    public func setCurveSecretKey(_ z85: String) throws(ZMQError) {
        try setBytesOption(.curveSecretKey, Array(z85.utf8))
    }

    /// Sets, on a client, the public key of the server it will connect to.
    ///
    /// - Parameter z85: The server's 40-character Z85 public key.
    /// - Throws: ``ZMQError/invalidArgument`` for a malformed key.
    ///
    /// The corresponding C function is `zmq_setsockopt(ZMQ_CURVE_SERVERKEY)`.
    public func setCurveServerKey(_ z85: String) throws(ZMQError) {
        try setBytesOption(.curveServerKey, Array(z85.utf8))
    }
}
