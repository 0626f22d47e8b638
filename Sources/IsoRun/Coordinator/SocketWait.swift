#if canImport(Glibc)
import Glibc
#endif
import Processes
import ZeroMQ

/// What a wait found readable.
struct Readable {
    var socket: Bool
    var descriptors: [Int32]
}

/// Waits for a ZeroMQ socket and plain descriptors together, with one
/// `poll(2)` when the socket stays quiet.
///
/// `zmq_poll` polls every descriptor once without waiting, and reads the
/// socket's events before and after it waits: six system calls a wake-up. A
/// coordinator whose workers are all on local links hears nothing on its
/// socket, and pays them for every record. So this polls the socket's
/// descriptor (``Socket/pollDescriptor()``) beside the others, and reads the
/// socket's events only when that descriptor fired, or when the socket was
/// used since its events were last read (a send or receive can take the
/// descriptor's signal of what is already pending).
struct SocketWait {
    private let socket: Socket
    private let socketDescriptor: Int32
    private var used = true
    /// The poll's items, kept between waits: an array less to make each wake-up.
    private var items: [pollfd] = []

    init(_ socket: Socket) throws {
        self.socket = socket
        socketDescriptor = try socket.pollDescriptor()
    }

    /// Notes that the socket sent or received since the last wait.
    mutating func noteUsed() {
        used = true
    }

    /// Waits up to `timeout` until the socket has a message or one of
    /// `descriptors` is readable (or hung up); an interrupted wait finds nothing.
    ///
    /// - Throws: `ZMQError` when the socket's events cannot be read.
    mutating func wait(descriptors: [Int32], timeout: Duration) throws -> Readable {
        var socketReadable = false
        if used {
            used = false
            socketReadable = try socket.pendingEvents().contains(.readable)
        }
        items.removeAll(keepingCapacity: true)
        items.append(pollfd(fd: socketDescriptor, events: Int16(POLLIN), revents: 0))
        for descriptor in descriptors { items.append(pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)) }
        let milliseconds = socketReadable ? 0 : timeout.pollTimeout
        let found = poll(&items, nfds_t(items.count), milliseconds)
        if found > 0 && items[0].revents != 0 {
            socketReadable = try socket.pendingEvents().contains(.readable)
        }
        var readable: [Int32] = []
        if found > 0 {
            for item in items.dropFirst() where item.revents != 0 { readable.append(item.fd) }
        }
        return Readable(socket: socketReadable, descriptors: readable)
    }
}
