import Foundation
import Testing
import ZeroMQ

@Suite struct PollerTests {
    @Test func pollingNothingReturnsNothing() throws {
        #expect(try poll([], timeout: .zero) == [])
    }

    @Test func aTimeoutReturnsNoEvents() throws {
        let socket = try Socket(Context(), type: .pull)
        try socket.bind("inproc://poll-timeout")
        #expect(try poll([.socket(socket)], timeout: .milliseconds(10)) == [[]])
    }

    @Test func aSocketIsReadableOnlyAfterAMessageArrives() throws {
        let context = try Context()
        let sockets = try ConnectedSockets(context, bind: .pull, connect: .push, over: .tcp)
        defer { sockets.close() }
        #expect(try poll([.socket(sockets.bound)], timeout: .zero) == [[]])
        try sockets.connected.send("wake up")
        #expect(try poll([.socket(sockets.bound)], timeout: .seconds(10)) == [.readable])
        _ = try sockets.bound.receive()
        #expect(try poll([.socket(sockets.bound)], timeout: .zero) == [[]])
    }

    @Test func eventsAreReportedPerItemInOrder() throws {
        let context = try Context()
        let sockets = try ConnectedSockets(context, bind: .pair, connect: .pair)
        defer { sockets.close() }
        try sockets.connected.send("x")
        let events = try poll(
            [.socket(sockets.bound, events: [.readable, .writable]), .socket(sockets.connected, events: .readable)],
            timeout: .seconds(10)
        )
        #expect(events == [[.readable, .writable], []])
    }

    @Test func aFileDescriptorIsReadableAfterAWrite() throws {
        var descriptors: [Int32] = [0, 0]
        #expect(pipe(&descriptors) == 0)
        defer { descriptors.forEach { _ = Foundation.close($0) } }
        #expect(try poll([.fileDescriptor(descriptors[0])], timeout: .zero) == [[]])
        var byte: UInt8 = 1
        #expect(write(descriptors[1], &byte, 1) == 1)
        #expect(try poll([.fileDescriptor(descriptors[0])], timeout: .seconds(10)) == [.readable])
    }

    @Test func pollingAClosedSocketThrowsNotSocket() throws {
        let socket = try Socket(Context(), type: .pull)
        socket.close()
        #expect(throws: ZMQError.notSocket) { try poll([.socket(socket)], timeout: .zero) }
    }
}
