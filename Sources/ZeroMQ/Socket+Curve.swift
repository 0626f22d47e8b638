// MARK: CURVE security

extension Socket {
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
