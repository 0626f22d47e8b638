import Testing
import Wire
import WireJSON

@Suite struct WirePacketTests {
    @Test func framesComeBackAsTheyWentIncludingEmptyAndBinaryOnes() throws {
        let frames: [[UInt8]] = [Array("isorun/2".utf8), [], [0, 255, 10, 0], Array(repeating: 7, count: 70_000)]
        let packet = WirePacket.encode(frames)
        #expect(packet.count == frames.reduce(0) { $0 + 4 + $1.count })
        #expect(Array(packet.prefix(4)) == [8, 0, 0, 0])
        #expect(try WirePacket.decode(packet) == frames)
    }

    @Test func aMessageSurvivesItsPacket() throws {
        let message = WireMessage.heartbeat(.init(worker: "w3", rssBytes: 123_456))
        #expect(try WireMessage(frames: WirePacket.decode(WirePacket.encode(message.frames))) == message)
    }

    @Test(arguments: [
        ([5, 0, 0], "a packet ends inside a frame's length, at byte 0"),
        ([1, 0, 0, 0, 65, 9, 0, 0, 0, 66], "a frame of 9 bytes runs past the packet's end (10 bytes)"),
        (WirePacket.encode([[1], [2], [3], [4], [5]]), "a packet holds more than 4 frames; isorun/2 has 3"),
    ] as [([UInt8], String)])
    func aMalformedPacketIsRefusedWithWhereItBreaks(packet: [UInt8], message: String) {
        #expect(throws: ProtocolError(message: message)) { try WirePacket.decode(packet) }
    }
}
