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
    static let reconnectInterval = SocketOption(code: ZMQ_RECONNECT_IVL, name: "ZMQ_RECONNECT_IVL")
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
}
