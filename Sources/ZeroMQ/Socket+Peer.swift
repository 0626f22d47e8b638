/// A message received with what libzmq knows of the connection it came on.
public struct ReceivedMessage: Sendable, Equatable {
    /// The frames kept, in order: at most the `frameLimit` asked for.
    public var frames: [[UInt8]]
    /// Frames past `frameLimit` that were read and dropped.
    public var droppedFrames: Int
    /// The connection's metadata property that was asked for (such as
    /// `User-Id`, which a ZAP handler sets), from the first frame that carries
    /// it, or nil when none does.
    public var property: String?
}

extension Socket {
    /// Receives a whole message if one is waiting, without blocking, keeping
    /// at most `frameLimit` frames and reading one metadata property of the
    /// peer's connection.
    ///
    /// A peer may send a message of any number of frames; those past
    /// `frameLimit` are read and dropped, so a message never costs more than
    /// `frameLimit` frames of memory here.
    ///
    /// ```swift
    /// // On a CURVE server whose ZAP handler answers with the client's key:
    /// if let message = try router.receiveIfAvailable(frameLimit: 4, property: "User-Id") {
    ///     let key = message.property   // the client's public key, as the ZAP handler gave it
    /// }
    /// ```
    ///
    /// - Parameters:
    ///   - frameLimit: The most frames kept; at least 1.
    ///   - property: The metadata property to read, such as `User-Id`,
    ///     `Peer-Address` or `Socket-Type`.
    /// - Returns: The message, or nil if none was waiting.
    /// - Throws: As ``receive(flags:)`` does, except ``ZMQError/again``.
    ///
    /// The corresponding C functions are `zmq_msg_recv`, `zmq_msg_more` and `zmq_msg_gets`.
    public func receiveIfAvailable(frameLimit: Int, property: String) throws(ZMQError) -> ReceivedMessage? {
        precondition(frameLimit >= 1, "frameLimit must be at least 1; got \(frameLimit)")
        let handle = try openHandle("zmq_msg_recv")
        var message = ReceivedMessage(frames: [], droppedFrames: 0, property: nil)
        var more = true
        while more {
            let keep = message.frames.count < frameLimit
            let received: (frame: [UInt8], more: Bool, property: String?)
            do throws(ZMQError) {
                // A ROUTER's routing id frame is made locally and has no metadata: ask each frame until one has.
                received = try LibZMQ.receiveFrame(
                    handle, flags: ReceiveFlags.dontWait.rawValue, property: message.property == nil ? property : nil,
                    keep: keep)
            } catch {
                // Only the first frame can be missing: the rest of a message arrives with it.
                if error == .again && message.frames.isEmpty { return nil }
                throw error
            }
            message.property = message.property ?? received.property
            if keep { message.frames.append(received.frame) } else { message.droppedFrames += 1 }
            more = received.more
        }
        return message
    }
}
