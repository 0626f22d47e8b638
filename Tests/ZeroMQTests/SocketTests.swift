import Testing
import ZeroMQ

@Suite struct SocketTests {
    // MARK: Lifetime

    @Test func closeTwiceIsHarmless() throws {
        let socket = try Socket(Context(), type: .pair)
        #expect(!socket.isClosed)
        socket.close()
        socket.close()
        #expect(socket.isClosed)
    }

    @Test func aClosedSocketThrowsNotSocketNamingTheOperation() throws {
        let socket = try Socket(Context(), type: .push)
        socket.close()
        let error = try #require(throws: ZMQError.self) { try socket.bind("inproc://closed") }
        #expect(error == .notSocket)
        #expect(error.operation == "zmq_bind")
        #expect(error.endpoint == "inproc://closed")
        #expect(throws: ZMQError.notSocket) { try socket.send("x") }
        #expect(throws: ZMQError.notSocket) { try socket.receive() }
        #expect(throws: ZMQError.notSocket) { try socket.receiveIfAvailable() }
    }

    @Test func aSocketKeepsItsContextAlive() throws {
        weak var weakContext: Context?
        var socket: Socket? = try {
            let context = try Context()
            weakContext = context
            return try Socket(context, type: .pair)
        }()
        #expect(weakContext != nil)
        #expect(socket?.context === weakContext)
        socket = nil
        #expect(weakContext == nil)
    }

    @Test func withUnsafeHandleOnAClosedSocketIsAPreconditionFailure() async {
        await #expect(processExitsWith: .failure) {
            let socket = try Socket(Context(), type: .pair)
            socket.close()
            socket.withUnsafeHandle { _ in }
        }
    }

    @Test func sendingAMessageOfNoFramesIsAPreconditionFailure() async {
        await #expect(processExitsWith: .failure) {
            let socket = try Socket(Context(), type: .pair)
            try socket.send([])
        }
    }

    @Test func withUnsafeHandleGivesTheOpenHandle() throws {
        let socket = try Socket(Context(), type: .pair)
        let handle = socket.withUnsafeHandle { $0 }
        #expect(UInt(bitPattern: handle) != 0)
    }

    // MARK: Round trips

    @Test(arguments: Transport.allCases)
    func roundTrip(over transport: Transport) throws {
        let context = try Context()
        let sockets = try ConnectedSockets(context, bind: .pull, connect: .push, over: transport)
        defer { sockets.close() }
        if transport != .inproc { #expect(!sockets.endpoint.hasSuffix("*")) }
        try sockets.connected.send("hello over \(transport)")
        #expect(try sockets.bound.receive() == .utf8("hello over \(transport)"))
    }

    @Test(arguments: [
        [[]],
        [[], [], []],
        [[42]],
        [[1], [], [2, 3], []],
        (0..<100).map { [UInt8(truncatingIfNeeded: $0)] },
        [[UInt8](repeating: 0xAB, count: 1 << 20)],
        [[7], (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0) }, [9]],
    ] as [[[UInt8]]])
    func multipartMessagesArrivePreservedExactly(_ frames: [[UInt8]]) throws {
        let context = try Context()
        let sockets = try ConnectedSockets(context, bind: .pair, connect: .pair)
        defer { sockets.close() }
        try sockets.connected.send(frames)
        #expect(try sockets.bound.receive() == frames)
    }

    @Test func singleFrameAndStringConveniencesSendOneFrame() throws {
        let context = try Context()
        let sockets = try ConnectedSockets(context, bind: .pair, connect: .pair)
        defer { sockets.close() }
        try sockets.connected.send(frame: [1, 2, 3])
        try sockets.connected.send("")
        try sockets.connected.send("héllo")
        #expect(try sockets.bound.receive() == [[1, 2, 3]])
        #expect(try sockets.bound.receive() == [[]])
        #expect(try sockets.bound.receive() == .utf8("héllo"))
    }

    @Test func sendMoreLeavesTheMessageOpenForTheNextSend() throws {
        let context = try Context()
        let sockets = try ConnectedSockets(context, bind: .pair, connect: .pair)
        defer { sockets.close() }
        try sockets.connected.send(.utf8("a", "b"), flags: .sendMore)
        try sockets.connected.send("c")
        #expect(try sockets.bound.receive() == .utf8("a", "b", "c"))
    }

    @Test func pushPullDeliversManyMessagesInOrder() throws {
        let context = try Context()
        let pull = try Socket(context, type: .pull)
        try pull.setReceiveHighWaterMark(0)
        try pull.bind("tcp://127.0.0.1:*")
        let push = try Socket(context, type: .push)
        try push.setSendHighWaterMark(0)
        try push.connect(try #require(try pull.lastEndpoint))
        let count = 10_000
        for index in 0..<count {
            try push.send([withUnsafeBytes(of: UInt32(index).littleEndian, Array.init)])
        }
        for index in 0..<count {
            let frames = try pull.receive()
            #expect(frames == [withUnsafeBytes(of: UInt32(index).littleEndian, Array.init)])
        }
        #expect(try pull.receiveIfAvailable() == nil)
    }

    // MARK: Non-blocking and timeouts

    @Test func nonBlockingReceiveOnAnEmptySocket() throws {
        let socket = try Socket(Context(), type: .pull)
        try socket.bind("inproc://empty")
        #expect(try socket.receiveIfAvailable() == nil)
        #expect(throws: ZMQError.again) { try socket.receive(flags: .dontWait) }
    }

    @Test func receiveTimeoutThrowsAgain() throws {
        let socket = try Socket(Context(), type: .pull)
        try socket.bind("inproc://quiet")
        try socket.setReceiveTimeout(.milliseconds(20))
        #expect(throws: ZMQError.again) { try socket.receive() }
    }

    @Test func nonBlockingSendWithNoPeerThrowsAgain() throws {
        let context = try Context()
        let socket = try Socket(context, type: .push)
        try socket.setImmediate(true)
        try socket.connect(try unusedTCPEndpoint(context))
        #expect(throws: ZMQError.again) { try socket.send("x", flags: .dontWait) }
    }

    // MARK: Patterns

    @Test func routerSeesRoutingIDsAndRepliesToOneDealer() throws {
        let context = try Context()
        let router = try Socket(context, type: .router)
        try router.setRouterMandatory(true)
        try router.bind("inproc://router")
        var dealers: [String: Socket] = [:]
        for name in ["alpha", "beta"] {
            let dealer = try Socket(context, type: .dealer)
            try dealer.setRoutingID(Array(name.utf8))
            try dealer.connect("inproc://router")
            try dealer.send(.utf8("from", name))
            dealers[name] = dealer
        }
        var seen: Set<String> = []
        for _ in 0..<2 {
            let frames = try router.receive()
            #expect(frames.count == 3)
            let id = String(decoding: frames[0], as: UTF8.self)
            #expect(frames.dropFirst() == [[UInt8]].utf8("from", id)[...])
            seen.insert(id)
        }
        #expect(seen == ["alpha", "beta"])

        try router.send(.utf8("beta", "just for you"))
        let beta = try #require(dealers["beta"])
        let alpha = try #require(dealers["alpha"])
        try beta.setReceiveTimeout(.seconds(5))
        #expect(try beta.receive() == .utf8("just for you"))
        #expect(try alpha.receiveIfAvailable() == nil)
    }

    @Test func routerMandatoryToAnUnknownPeerThrowsHostUnreachable() throws {
        let router = try Socket(Context(), type: .router)
        try router.setRouterMandatory(true)
        try router.bind("inproc://lonely-router")
        #expect(throws: ZMQError.hostUnreachable) { try router.send(.utf8("nobody", "hello")) }
    }

    @Test func reqSendingTwiceWithoutAReplyThrowsInvalidState() throws {
        let req = try Socket(Context(), type: .req)
        try req.connect("inproc://no-rep")
        try req.send("first", flags: .dontWait)
        #expect(throws: ZMQError.invalidState) { try req.send("second", flags: .dontWait) }
    }

    @Test func subscriberReceivesOnlyItsTopics() throws {
        let context = try Context()
        let sockets = try ConnectedSockets(context, bind: .pub, connect: .sub)
        defer { sockets.close() }
        try sockets.connected.subscribe("a")
        var received: [[[UInt8]]] = []
        // A subscription reaches the publisher asynchronously; publish until one arrives.
        for _ in 0..<200 where received.isEmpty {
            try sockets.bound.send(.utf8("b", "skip"))
            try sockets.bound.send(.utf8("a", "keep"))
            if try poll([.socket(sockets.connected)], timeout: .milliseconds(10)) != [[]] {
                while let message = try sockets.connected.receiveIfAvailable() { received.append(message) }
            }
        }
        #expect(!received.isEmpty)
        #expect(received.allSatisfy { $0 == .utf8("a", "keep") })
    }
}
