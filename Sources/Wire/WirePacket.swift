/// A message's frames as one packet of the local link (docs/protocol.md, "Local
/// link"): each frame as its length, 4 bytes little-endian, then its bytes. The
/// link's socket keeps packets whole, so a packet is exactly one message.
public enum WirePacket {
    /// The largest packet either side takes: a task, a record or a heartbeat is
    /// far smaller; a larger one is refused unread.
    public static let limit = 256 << 10

    /// Most frames a packet may hold, as on the ROUTER: the protocol's three and one more.
    static let frameLimit = 4

    /// `frames` as one packet.
    public static func encode(_ frames: [[UInt8]]) -> [UInt8] {
        var packet: [UInt8] = []
        packet.reserveCapacity(frames.reduce(0) { $0 + 4 + $1.count })
        for frame in frames {
            packet.append(contentsOf: repeatElement(0, count: 4))
            storeLength(frame.count, in: &packet, at: packet.count - 4)
            packet += frame
        }
        return packet
    }

    /// Writes `count` as a frame's length, 4 bytes little-endian, over the 4
    /// bytes of `packet` at `offset`.
    static func storeLength(_ count: Int, in packet: inout [UInt8], at offset: Int) {
        let length = UInt32(count)
        for byte in 0..<4 { packet[offset + byte] = UInt8(truncatingIfNeeded: length >> (8 * byte)) }
    }

    /// The frames of `packet`.
    ///
    /// - Throws: ``ProtocolError`` when a length runs past the packet's end or
    ///   it holds more than four frames.
    public static func decode(_ packet: [UInt8]) throws(ProtocolError) -> [[UInt8]] {
        var frames: [[UInt8]] = []
        var offset = 0
        while offset < packet.count {
            guard frames.count < frameLimit else {
                throw ProtocolError(message: "a packet holds more than \(frameLimit) frames; isorun/2 has 3")
            }
            guard packet.count - offset >= 4 else {
                throw ProtocolError(message: "a packet ends inside a frame's length, at byte \(offset)")
            }
            let count = (0..<4).reduce(0) { $0 | Int(packet[offset + $1]) << (8 * $1) }
            offset += 4
            guard count <= packet.count - offset else {
                throw ProtocolError(message: "a frame of \(count) bytes runs past the packet's end (\(packet.count) bytes)")
            }
            frames.append(Array(packet[offset..<offset + count]))
            offset += count
        }
        return frames
    }
}
