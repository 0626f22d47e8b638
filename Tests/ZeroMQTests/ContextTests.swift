import Testing
import ZeroMQ

@Suite struct ContextTests {
    @Test func ioThreadsDefaultToOneAndCanBeChosen() throws {
        #expect(try Context().ioThreads == 1)
        #expect(try Context(ioThreads: 2).ioThreads == 2)
        #expect(try Context(ioThreads: 0).ioThreads == 0)
    }

    @Test func shutdownTwiceIsHarmless() throws {
        let context = try Context()
        context.shutdown()
        context.shutdown()
    }

    @Test func shutdownRefusesNewSockets() throws {
        let context = try Context()
        context.shutdown()
        #expect(throws: ZMQError.contextTerminated) { try Socket(context, type: .pair) }
    }

    @Test func shutdownMakesBlockingCallsThrowContextTerminated() throws {
        let context = try Context()
        let socket = try Socket(context, type: .pull)
        try socket.bind("inproc://shutting-down")
        context.shutdown()
        #expect(throws: ZMQError.contextTerminated) { try socket.receive() }
        socket.close()
    }

    /// `nil` keeps the default linger, `Socket.defaultLinger`.
    @Test(arguments: [nil, Duration.zero, .milliseconds(50)] as [Duration?])
    func aContextWithUnsentMessagesTerminatesPromptly(linger: Duration?) throws {
        weak var weakContext: Context?
        do {
            let context = try Context()
            weakContext = context
            let endpoint = try unusedTCPEndpoint(context)
            let push = try Socket(context, type: .push)
            if let linger { try push.setLinger(linger) }
            try push.connect(endpoint)
            for _ in 0..<10 { try push.send("never delivered", flags: .dontWait) }
        }
        // Reaching here means zmq_ctx_term returned despite the queued messages.
        #expect(weakContext == nil)
    }
}
