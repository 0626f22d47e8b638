import CZeroMQ

extension SocketOption {
    static let fileDescriptor = SocketOption(code: ZMQ_FD, name: "ZMQ_FD")
    static let events = SocketOption(code: ZMQ_EVENTS, name: "ZMQ_EVENTS")
}

extension Socket {
    /// A file descriptor to wait on with `poll(2)` beside others: it becomes
    /// readable when the socket's state may have changed, and says no more.
    /// Read ``pendingEvents()`` when it does, and after every send or receive on
    /// the socket, which can take the signal of something already pending.
    ///
    /// The corresponding C function is `zmq_getsockopt(ZMQ_FD)`.
    public func pollDescriptor() throws(ZMQError) -> Int32 {
        try option(.fileDescriptor, zero: Int32(-1))
    }

    /// What the socket can do now without blocking: ``PollEvents/readable``
    /// when a whole message waits, ``PollEvents/writable`` when one can be sent.
    ///
    /// The corresponding C function is `zmq_getsockopt(ZMQ_EVENTS)`.
    public func pendingEvents() throws(ZMQError) -> PollEvents {
        PollEvents(rawValue: Int16(try option(.events, zero: Int32(0))))
    }
}
