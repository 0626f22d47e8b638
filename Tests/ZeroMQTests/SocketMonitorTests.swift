import Foundation
import Testing
import ZeroMQ
@testable import ZeroMQMonitor

#if canImport(Glibc)
import Glibc
#endif

@Suite struct SocketMonitorTests {
    @Test func aConnectToNobodyHasNoHandshake() throws {
        let context = try Context()
        let dealer = try Socket(context, type: .dealer)
        try dealer.setLinger(.zero)
        let monitor = try SocketMonitor(dealer, events: .all)
        try dealer.connect("tcp://127.0.0.1:\(try unusedPort())")
        #expect(try monitor.wait(for: .handshakeSucceeded, timeout: .milliseconds(300)) == nil)
        monitor.stop()
    }

    @Test(arguments: [Transport.ipc, .tcp])
    func aConnectToALivePeerCompletesItsHandshake(over transport: Transport) throws {
        let context = try Context()
        let router = try Socket(context, type: .router)
        try router.setLinger(.zero)
        try router.bind(transport.freshEndpoint())
        let endpoint = try #require(try router.lastEndpoint)
        defer { removeSocketFile(endpoint) }
        let dealer = try Socket(context, type: .dealer)
        try dealer.setLinger(.zero)
        let monitor = try SocketMonitor(dealer, events: [.connected, .handshakeSucceeded])
        try dealer.connect(endpoint)
        let event = try #require(try monitor.wait(for: .handshakeSucceeded, timeout: .seconds(20)))
        #expect(event.event == .handshakeSucceeded)
        #expect(event.endpoint == endpoint)
    }

    @Test func stopTwiceIsHarmlessAndStopsTheEvents() throws {
        let context = try Context()
        let dealer = try Socket(context, type: .dealer)
        let monitor = try SocketMonitor(dealer, events: .all)
        monitor.stop()
        monitor.stop()
        #expect(throws: ZMQError.notSocket) { try monitor.next(timeout: .zero) }
    }

    @Test func aClosedSocketCannotBeMonitored() throws {
        let dealer = try Socket(Context(), type: .dealer)
        dealer.close()
        #expect(throws: ZMQError.notSocket) { try SocketMonitor(dealer, events: .all) }
    }

    @Test func decodesTheEventAndItsValue() {
        var head = [UInt8](repeating: 0, count: 6)
        head.withUnsafeMutableBytes { bytes in
            bytes.storeBytes(of: UInt16(MonitorEvents.connectRetried.rawValue), toByteOffset: 0, as: UInt16.self)
            bytes.storeBytes(of: UInt32(250), toByteOffset: 2, as: UInt32.self)
        }
        let event = SocketMonitor.decode([head, Array("tcp://127.0.0.1:9".utf8)])
        #expect(event == MonitorEvent(event: .connectRetried, value: 250, endpoint: "tcp://127.0.0.1:9"))
        #expect(SocketMonitor.decode([[1, 0]]) == nil)
    }

    /// A loopback port nobody listens on: bound, read back, then closed.
    private func unusedPort() throws -> UInt16 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(descriptor, pointer, length) == 0 && getsockname(descriptor, pointer, &length) == 0
            }
        }
        try #require(bound, "cannot bind a loopback port: \(String(cString: strerror(errno)))")
        return UInt16(bigEndian: address.sin_port)
    }

    private func removeSocketFile(_ endpoint: String) {
        if endpoint.hasPrefix("ipc://") { unlink(String(endpoint.dropFirst("ipc://".count))) }
    }
}
