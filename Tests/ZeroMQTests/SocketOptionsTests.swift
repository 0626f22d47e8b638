import Testing
import ZeroMQ

@Suite struct SocketOptionsTests {
    @Test func lingerStartsFiniteAndCanBeChanged() throws {
        let socket = try Socket(Context(), type: .push)
        #expect(try socket.linger == Socket.defaultLinger)
        try socket.setLinger(.zero)
        #expect(try socket.linger == .zero)
        try socket.setLinger(nil)
        #expect(try socket.linger == nil)
    }

    @Test func timeoutsRoundUpToWholeMilliseconds() throws {
        let socket = try Socket(Context(), type: .pair)
        #expect(try socket.receiveTimeout == nil)
        #expect(try socket.sendTimeout == nil)
        try socket.setReceiveTimeout(.nanoseconds(1))
        #expect(try socket.receiveTimeout == .milliseconds(1))
        try socket.setSendTimeout(.microseconds(2500))
        #expect(try socket.sendTimeout == .milliseconds(3))
        try socket.setSendTimeout(.zero)
        #expect(try socket.sendTimeout == .zero)
        try socket.setReceiveTimeout(nil)
        #expect(try socket.receiveTimeout == nil)
    }

    @Test func highWaterMarks() throws {
        let socket = try Socket(Context(), type: .pair)
        #expect(try socket.sendHighWaterMark == 1000)
        try socket.setSendHighWaterMark(0)
        try socket.setReceiveHighWaterMark(7)
        #expect(try socket.sendHighWaterMark == 0)
        #expect(try socket.receiveHighWaterMark == 7)
    }

    @Test func routingIDStartsEmptyAndRoundTrips() throws {
        let socket = try Socket(Context(), type: .dealer)
        #expect(try socket.routingID == [])
        try socket.setRoutingID(Array("worker-1".utf8))
        #expect(try socket.routingID == Array("worker-1".utf8))
        #expect(throws: ZMQError.invalidArgument) { try socket.setRoutingID([UInt8](repeating: 1, count: 256)) }
    }

    @Test func booleanOptions() throws {
        let socket = try Socket(Context(), type: .pair)
        #expect(try !socket.immediate)
        #expect(try !socket.ipv6)
        try socket.setImmediate(true)
        try socket.setIPv6(true)
        #expect(try socket.immediate)
        #expect(try socket.ipv6)
    }

    @Test func heartbeats() throws {
        let socket = try Socket(Context(), type: .dealer)
        #expect(try socket.heartbeatInterval == .zero)
        try socket.setHeartbeatInterval(.milliseconds(250))
        try socket.setHeartbeatTimeToLive(.seconds(2))
        try socket.setHeartbeatTimeout(.seconds(1))
        #expect(try socket.heartbeatInterval == .milliseconds(250))
        #expect(try socket.heartbeatTimeToLive == .seconds(2))
        #expect(try socket.heartbeatTimeout == .seconds(1))
    }

    @Test func reconnectInterval() throws {
        let socket = try Socket(Context(), type: .dealer)
        #expect(try socket.reconnectInterval == .milliseconds(100))
        try socket.setReconnectInterval(.milliseconds(2))
        #expect(try socket.reconnectInterval == .milliseconds(2))
    }

    @Test func maxMessageSizeIsEnforced() throws {
        let context = try Context()
        let pull = try Socket(context, type: .pull)
        #expect(try pull.maxMessageSize == nil)
        try pull.setMaxMessageSize(16)
        #expect(try pull.maxMessageSize == 16)
        try pull.setReceiveTimeout(.milliseconds(100))
        try pull.bind("tcp://127.0.0.1:*")
        let push = try Socket(context, type: .push)
        try push.connect(try #require(try pull.lastEndpoint))
        try push.send(frame: [UInt8](repeating: 0, count: 17))
        #expect(throws: ZMQError.again) { try pull.receive() }
        try pull.setMaxMessageSize(nil)
        #expect(try pull.maxMessageSize == nil)
    }

    @Test func lastEndpointIsNilUntilBoundAndResolvesWildcards() throws {
        let socket = try Socket(Context(), type: .pull)
        #expect(try socket.lastEndpoint == nil)
        try socket.bind("tcp://127.0.0.1:*")
        let endpoint = try #require(try socket.lastEndpoint)
        #expect(endpoint.hasPrefix("tcp://127.0.0.1:"))
        let port = try #require(Int(endpoint.split(separator: ":").last ?? ""))
        #expect(port > 0)
    }

    @Test func patternOptionsOnTheWrongSocketTypeAreInvalid() throws {
        let dealer = try Socket(Context(), type: .dealer)
        #expect(throws: ZMQError.invalidArgument) { try dealer.setRouterMandatory(true) }
        #expect(throws: ZMQError.invalidArgument) { try dealer.subscribe("topic") }
    }

    @Test func subscribeAndUnsubscribe() throws {
        let sub = try Socket(Context(), type: .sub)
        try sub.subscribe()
        try sub.subscribe([1, 2])
        try sub.unsubscribe([1, 2])
        try sub.unsubscribe()
    }

    @Test func optionsOnAClosedSocketThrowNotSocket() throws {
        let socket = try Socket(Context(), type: .pair)
        socket.close()
        let error = try #require(throws: ZMQError.self) { try socket.setLinger(.zero) }
        #expect(error == .notSocket)
        #expect(error.operation == "zmq_setsockopt(ZMQ_LINGER)")
        #expect(throws: ZMQError.notSocket) { try socket.lastEndpoint }
    }
}
