#if canImport(Glibc)
import Glibc
#endif
import Testing
import ZeroMQ
@testable import IsoRun

/// ``SocketWait`` polls a ZeroMQ socket's descriptor beside plain ones and reads
/// the socket's events only when needed: what it must never do is miss a
/// message that is already there.
@Suite struct SocketWaitTests {
    /// A ROUTER and a DEALER connected to it, in one context.
    private func pair() throws -> (context: Context, router: Socket, dealer: Socket) {
        let context = try Context()
        let router = try Socket(context, type: .router)
        try router.bind("inproc://socket-wait")
        let dealer = try Socket(context, type: .dealer)
        try dealer.connect("inproc://socket-wait")
        return (context, router, dealer)
    }

    @Test func aMessageIsSeenWhetherItCameBeforeOrDuringTheWait() throws {
        let (context, router, dealer) = try pair()
        var waiting = try SocketWait(router)
        #expect(try !waiting.wait(descriptors: [], timeout: .milliseconds(1)).socket)
        try dealer.send(frame: [1])
        #expect(try waiting.wait(descriptors: [], timeout: .seconds(10)).socket)
        withExtendedLifetime(context) {}
    }

    @Test func messagesLeftAfterAReceiveAreSeenThoughTheDescriptorFiredOnce() throws {
        let (context, router, dealer) = try pair()
        var waiting = try SocketWait(router)
        for byte: UInt8 in 1...3 { try dealer.send(frame: [byte]) }
        #expect(try waiting.wait(descriptors: [], timeout: .seconds(10)).socket)
        // Take one of three: the descriptor will not fire for the other two.
        _ = try #require(try router.receiveIfAvailable())
        waiting.noteUsed()
        #expect(try waiting.wait(descriptors: [], timeout: .milliseconds(1)).socket)
        while try router.receiveIfAvailable() != nil {}
        waiting.noteUsed()
        #expect(try !waiting.wait(descriptors: [], timeout: .milliseconds(1)).socket)
        withExtendedLifetime(context) {}
    }

    @Test func plainDescriptorsAreReportedBesideTheSocket() throws {
        let (context, router, dealer) = try pair()
        var waiting = try SocketWait(router)
        var ends: [Int32] = [-1, -1]
        #expect(pipe(&ends) == 0)
        defer { ends.forEach { close($0) } }
        #expect(write(ends[1], "x", 1) == 1)
        try dealer.send(frame: [1])
        var seen = Readable(socket: false, descriptors: [])
        // The message crosses inproc at once; the pipe byte is already there.
        for _ in 0..<100 where !seen.socket {
            seen = try waiting.wait(descriptors: [ends[0]], timeout: .milliseconds(100))
        }
        #expect(seen.socket)
        #expect(seen.descriptors == [ends[0]])
        withExtendedLifetime(context) {}
    }
}
