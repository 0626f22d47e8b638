import CProcessShims
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// One end of a local link: a Unix-domain `SOCK_SEQPACKET` socket, which keeps
/// each message whole (a send is one packet, a receive takes one packet) and
/// tells a listener which process connected (`SO_PEERCRED`). The coordinator
/// listens, or makes a ``pair()`` before a launch; each `process` trial's
/// worker connects, or inherits its end (docs/protocol.md, "Local link").
///
/// A packet is sent whole or not at all, so two threads may send on one socket
/// (a worker's heartbeats beside its record) without a lock.
public final class PacketSocket: Sendable {
    /// The socket's descriptor, to poll; closed when this object goes.
    public let descriptor: Int32

    /// Where ``receive(limit:)`` takes a packet: made at the first receive,
    /// one byte larger than the limit; of it, only what packets fill is ever
    /// touched, and so resident.
    private let receiveBuffer = Mutex<UnsafeMutableRawBufferPointer?>(nil)

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
        receiveBuffer.withLock { $0?.deallocate() }
    }

    /// A socket call that failed, with the path and the system's reason.
    public struct Failure: Error, CustomStringConvertible {
        /// What was tried: `listen at PATH`, `connect to PATH`.
        public var operation: String
        public var code: Int32

        public var description: String { "cannot \(operation): \(String(cString: strerror(code)))" }
    }

    /// Listens at `path` (a new socket file), without blocking: ``accept()``
    /// returns at once.
    ///
    /// - Throws: ``Failure``, for example when `path` exists or is over 107 bytes.
    public static func listen(at path: String, backlog: Int32 = 128) throws(Failure) -> PacketSocket {
        let descriptor = isorun_packet_listen(path, backlog)
        guard descriptor >= 0 else { throw Failure(operation: "listen at \(path)", code: errno) }
        return PacketSocket(descriptor: descriptor)
    }

    /// Connects to the listener at `path`; the socket's sends and receives block.
    ///
    /// - Throws: ``Failure`` when nothing listens there.
    public static func connect(to path: String) throws(Failure) -> PacketSocket {
        let descriptor = isorun_packet_connect(path)
        guard descriptor >= 0 else { throw Failure(operation: "connect to \(path)", code: errno) }
        return PacketSocket(descriptor: descriptor)
    }

    /// Two connected sockets: the first non-blocking, for the coordinator; the
    /// second blocking, for a process to inherit (both close-on-exec: a launch
    /// passes the second on by `dup2`).
    ///
    /// - Throws: ``Failure`` when the system has no descriptors to spare.
    public static func pair() throws(Failure) -> (mine: PacketSocket, theirs: PacketSocket) {
        var descriptors: [Int32] = [-1, -1]
        guard isorun_packet_pair(&descriptors) == 0 else { throw Failure(operation: "make a socket pair", code: errno) }
        return (PacketSocket(descriptor: descriptors[0]), PacketSocket(descriptor: descriptors[1]))
    }

    /// How many packets of `size` bytes the coordinator's end of a fresh
    /// ``pair()`` sends, none of them read, before its next send fails (up to
    /// `limit`): what the kernel's send buffer holds of such packets, its
    /// bookkeeping for each included. Here, with Linux's default buffer of
    /// 208 KiB, that is 167 packets of 500 bytes but 11 of 20 000. Nil when no
    /// pair can be made.
    public static func packetsHeld(ofSize size: Int, upTo limit: Int) -> Int? {
        guard let (mine, theirs) = try? pair() else { return nil }
        let packet = [UInt8](repeating: 0, count: size)
        return withExtendedLifetime(theirs) {
            var held = 0
            while held < limit, mine.send(packet) { held += 1 }
            return held
        }
    }

    /// The socket this process inherited as `descriptor`, which it now owns.
    public static func inherited(_ descriptor: Int32) -> PacketSocket {
        PacketSocket(descriptor: descriptor)
    }

    /// Whether `descriptor` is open and a socket.
    public static func isSocket(_ descriptor: Int32) -> Bool {
        var status = stat()
        return fstat(descriptor, &status) == 0 && status.st_mode & S_IFMT == S_IFSOCK
    }

    /// The next waiting connection, non-blocking; nil when none waits.
    public func accept() -> PacketSocket? {
        let descriptor = isorun_packet_accept(self.descriptor)
        return descriptor >= 0 ? PacketSocket(descriptor: descriptor) : nil
    }

    /// The pid of the process that connected, as the kernel recorded it; nil
    /// when the socket is not connected.
    public var peerProcess: Int32? {
        let pid = isorun_peer_pid(descriptor)
        return pid > 0 ? pid : nil
    }

    /// Sends `packet` whole, never raising SIGPIPE; on a non-blocking socket it
    /// does not wait.
    ///
    /// - Returns: false when it was not sent: the peer is gone, or (non-blocking)
    ///   its queue is full, or the packet is larger than the socket's buffer.
    @discardableResult
    public func send(_ packet: [UInt8]) -> Bool {
        while true {
            let sent = packet.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent == packet.count { return true }
            if sent < 0 && errno == EINTR { continue }
            return false
        }
    }

    /// What ``receive(limit:)`` found.
    public enum Received: Equatable, Sendable {
        /// One whole packet.
        case packet([UInt8])
        /// A packet larger than the limit, of this many bytes: it was dropped.
        case oversized(Int)
        /// Nothing waiting (a non-blocking socket only).
        case nothing
        /// The peer closed its end, or the socket failed.
        case closed
    }

    /// Takes the next packet: waits for one on a blocking socket, returns
    /// ``Received/nothing`` at once on a non-blocking one.
    ///
    /// One system call a packet: it is received whole into a buffer larger
    /// than `limit`, then copied out. One thread at a time receives (a
    /// blocking receive holds the buffer while it waits).
    ///
    /// - Parameter limit: the largest packet taken; a larger one is dropped.
    public func receive(limit: Int) -> Received {
        receiveBuffer.withLock { buffer in
            if (buffer?.count ?? 0) <= limit {
                buffer?.deallocate()
                buffer = .allocate(byteCount: limit + 1, alignment: 1)
            }
            let space = buffer!
            // MSG_TRUNC makes it return the packet's real size, whatever the buffer took.
            let size = retryingInterrupts { recv(descriptor, space.baseAddress, space.count, Int32(MSG_TRUNC)) }
            if size < 0 { return errno == EAGAIN || errno == EWOULDBLOCK ? .nothing : .closed }
            if size == 0 { return .closed }  // no side ever sends an empty packet
            if size > limit { return .oversized(size) }
            return .packet(Array(UnsafeRawBufferPointer(rebasing: space[..<size])))
        }
    }

    private func retryingInterrupts(_ call: () -> Int) -> Int {
        while true {
            let result = call()
            if result >= 0 || errno != EINTR { return result }
        }
    }
}
