import Processes
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite struct PacketSocketTests {
    /// A listener in a private folder, one client connected to it, and the accepted end.
    private func connectedPair(in folder: PrivateFolder) throws -> (listener: PacketSocket, client: PacketSocket, server: PacketSocket) {
        let listener = try PacketSocket.listen(at: "\(folder.path)/link")
        let client = try PacketSocket.connect(to: "\(folder.path)/link")
        let server = try #require(listener.accept())
        return (listener, client, server)
    }

    @Test func packetsArriveWholeAndInOrderAndTheListenerKnowsWhoConnected() throws {
        let folder = try PrivateFolder()
        defer { folder.remove() }
        let (listener, client, server) = try connectedPair(in: folder)
        #expect(listener.accept() == nil)
        #expect(server.peerProcess == getpid())
        #expect(server.receive(limit: 100) == .nothing)
        #expect(client.send([1, 2, 3]))
        #expect(client.send(Array(repeating: 9, count: 50_000)))
        #expect(server.receive(limit: 100_000) == .packet([1, 2, 3]))
        #expect(server.receive(limit: 100_000) == .packet(Array(repeating: 9, count: 50_000)))
        #expect(server.send([4]))
        #expect(client.receive(limit: 10) == .packet([4]))
    }

    @Test func aPacketOverTheLimitIsDroppedAndTheNextStillComes() throws {
        let folder = try PrivateFolder()
        defer { folder.remove() }
        let (_, client, server) = try connectedPair(in: folder)
        #expect(client.send(Array(repeating: 1, count: 1000)))
        #expect(client.send([2]))
        #expect(server.receive(limit: 999) == .oversized(1000))
        #expect(server.receive(limit: 999) == .packet([2]))
    }

    @Test func aClosedPeerIsSeenOnBothSides() throws {
        let folder = try PrivateFolder()
        defer { folder.remove() }
        var (_, client, server): (PacketSocket, PacketSocket?, PacketSocket) = try connectedPair(in: folder)
        #expect(client?.send([5]) == true)
        client = nil
        #expect(server.receive(limit: 10) == .packet([5]))
        #expect(server.receive(limit: 10) == .closed)
        #expect(!server.send([6]))
    }

    /// As many packets as `packetsHeld` gives are sent, unread, to a fresh
    /// pair, and the next fails; larger packets are held fewer; one larger
    /// than the whole buffer, none.
    @Test func packetsHeldIsWhatAPairTakesUnreadBeforeASendFails() throws {
        let small = try #require(PacketSocket.packetsHeld(ofSize: 500, upTo: 10_000))
        let large = try #require(PacketSocket.packetsHeld(ofSize: 20_000, upTo: 10_000))
        #expect(small > 2 * large && large >= 1, "500 bytes: \(small), 20 000 bytes: \(large)")
        #expect(PacketSocket.packetsHeld(ofSize: 500, upTo: 5) == 5)
        #expect(PacketSocket.packetsHeld(ofSize: 64 << 20, upTo: 10) == 0)
        let (mine, theirs) = try PacketSocket.pair()
        let packet = [UInt8](repeating: 7, count: 20_000)
        #expect((0..<large).allSatisfy { _ in mine.send(packet) })
        #expect(!mine.send(packet))
        #expect(theirs.receive(limit: 20_000) == .packet(packet))
    }

    @Test func listeningWhereAFileIsOrAtATooLongPathNamesThePathAndTheReason() throws {
        let folder = try PrivateFolder()
        defer { folder.remove() }
        let path = "\(folder.path)/link"
        let first = try PacketSocket.listen(at: path)
        #expect(throws: PacketSocket.Failure.self) { try PacketSocket.listen(at: path) }
        let long = "\(folder.path)/" + String(repeating: "x", count: 120)
        do {
            _ = try PacketSocket.listen(at: long)
            Issue.record("listening at a path of \(long.utf8.count) bytes succeeded")
        } catch {
            #expect(error.description == "cannot listen at \(long): File name too long")
        }
        #expect(throws: PacketSocket.Failure.self) { try PacketSocket.connect(to: "\(folder.path)/nobody") }
        _ = first
    }
}
