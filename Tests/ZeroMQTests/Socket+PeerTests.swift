import Testing
import ZeroMQ

struct SocketPeerTests {
    @Test func nothingWaitingGivesNil() throws {
        let sockets = try ConnectedSockets(Context(), bind: .pull, connect: .push)
        defer { sockets.close() }
        #expect(try sockets.bound.receiveIfAvailable(frameLimit: 4, property: "Socket-Type") == nil)
    }

    @Test func framesPastTheLimitAreDroppedAndCounted() throws {
        let sockets = try ConnectedSockets(Context(), bind: .pull, connect: .push, over: .tcp)
        defer { sockets.close() }
        try sockets.connected.send((0..<10).map { [UInt8($0)] })
        try sockets.connected.send([[42]])
        let first = try waitForMessage(sockets.bound)
        #expect(first.frames == [[0], [1], [2]])
        #expect(first.droppedFrames == 7)
        #expect(first.property == "PUSH")
        let second = try waitForMessage(sockets.bound)
        #expect(second.frames == [[42]])
        #expect(second.droppedFrames == 0)
    }

    @Test func aRouterFindsThePropertyPastItsRoutingIDFrame() throws {
        let sockets = try ConnectedSockets(Context(), bind: .router, connect: .dealer, over: .tcp)
        defer { sockets.close() }
        try sockets.connected.send("x")
        let message = try waitForMessage(sockets.bound)
        #expect(message.frames.count == 2)
        #expect(message.property == "DEALER")
    }

    @Test func aPropertyTheConnectionLacksIsNil() throws {
        let sockets = try ConnectedSockets(Context(), bind: .pull, connect: .push, over: .tcp)
        defer { sockets.close() }
        try sockets.connected.send("x")
        #expect(try waitForMessage(sockets.bound, property: "User-Id").property == nil)
    }

    private func waitForMessage(_ socket: Socket, property: String = "Socket-Type") throws -> ReceivedMessage {
        for _ in 0..<500 {
            if let message = try socket.receiveIfAvailable(frameLimit: 3, property: property) { return message }
            _ = try poll([.socket(socket)], timeout: .milliseconds(20))
        }
        Issue.record("no message arrived within 10 s")
        throw ZMQError.again
    }
}
