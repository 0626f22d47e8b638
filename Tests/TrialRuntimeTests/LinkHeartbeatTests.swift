import Processes
import Testing
import Wire
import WireJSON
@testable import TrialRuntime

#if canImport(Glibc)
import Glibc
#endif

@Suite struct LinkHeartbeatTests {
    @Test func heartbeatsComeEveryIntervalOnTheLinkUntilStopped() throws {
        let folder = try PrivateFolder()
        defer { folder.remove() }
        let listener = try PacketSocket.listen(at: "\(folder.path)/link")
        let client = try PacketSocket.connect(to: "\(folder.path)/link")
        let server = try #require(listener.accept())
        let heartbeat = LinkHeartbeat(link: client, worker: "w4", interval: .milliseconds(20))
        var beats: [WireMessage.Heartbeat] = []
        var waiting = pollfd(fd: server.descriptor, events: Int16(POLLIN), revents: 0)
        // Each wait is bounded, so a heartbeat that never comes fails the test rather than hanging it.
        while beats.count < 3, poll(&waiting, 1, 20_000) > 0 {
            guard case .packet(let packet) = server.receive(limit: WirePacket.limit) else { continue }
            if case .heartbeat(let beat) = try WireMessage(frames: WirePacket.decode(packet)) { beats.append(beat) }
        }
        heartbeat.stop()
        #expect(beats.count == 3)
        #expect(beats.allSatisfy { $0.worker == "w4" && $0.rssBytes > 0 })
        // Stopped: whatever was in flight drains, then nothing more comes.
        while case .packet = server.receive(limit: WirePacket.limit) {}
        #expect(server.receive(limit: WirePacket.limit) == .nothing)
    }

    @Test func onlyALocalEndpointOrDescriptor3NamesALink() {
        #expect(LinkedTrial.link(of: "local:///tmp/isorun-1/trials") == .listener(path: "/tmp/isorun-1/trials"))
        #expect(LinkedTrial.link(of: "fd://3") == .inherited)
        #expect(LinkedTrial.link(of: "local://") == nil)
        #expect(LinkedTrial.link(of: "fd://4") == nil)
        #expect(LinkedTrial.link(of: "ipc:///tmp/isorun-1/coordinator") == nil)
    }
}
