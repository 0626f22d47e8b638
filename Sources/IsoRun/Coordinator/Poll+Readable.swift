import ZeroMQ

/// What a poll found readable.
struct Readable {
    var socket: Bool
    var descriptors: [Int32]
}

/// Waits up to `timeout` until `socket` or one of `descriptors` is readable.
///
/// - Throws: `ZMQError` from `zmq_poll`.
func waitReadable(socket: Socket, descriptors: [Int32], timeout: Duration) throws -> Readable {
    let items = [PollItem.socket(socket)] + descriptors.map { PollItem.fileDescriptor($0) }
    let events = try ZeroMQ.poll(items, timeout: timeout)
    return Readable(
        socket: events[0].contains(.readable),
        descriptors: zip(descriptors, events.dropFirst()).filter { !$0.1.isEmpty }.map(\.0))
}
