import ZeroMQ

/// The size and queue limits of every IsoRun socket, so that no peer can make
/// a process hold more than a bounded amount of its messages. docs/protocol.md
/// ("Limits") gives the reasons for each value.
///
/// `ZMQ_MAXMSGSIZE` drops the connection of a peer that sends a larger frame;
/// the high-water marks count whole messages per connection.
public enum SocketLimits {
    /// The largest message a worker takes: a task, whose payload carries the
    /// run's workload (1 MiB, the protocol's limit on any message).
    public static let taskBytes = 1 << 20
    /// The largest message a coordinator or collector takes: a record, hello,
    /// heartbeat or error. A record is under 2 KiB with a 4 KiB reason; 256 KiB
    /// leaves room for every string at the protocol's 4096-byte limit, escaped.
    public static let reportBytes = 256 << 10
    /// Messages queued per connection between a worker and its coordinator: a
    /// worker has its task, the trials it holds ahead (at most 64, the
    /// scheduler's `maxAhead`), a shutdown and an error in flight; the other
    /// way, the records of one batch of the coordinator's, as many.
    public static let workerQueue = 100
    /// Messages a coordinator queues for one worker: those in flight above,
    /// with room to spare. libzmq learns that the other end has taken a
    /// queue's messages only half a queue at a time (its low-water mark), so
    /// only about half of a queue is sure to be free; a task that finds it full
    /// is not sent, and its worker is taken for unreachable.
    public static let coordinatorSendQueue = 256
    /// Records queued per connection at a collector before the sending run holds
    /// them itself.
    public static let collectorQueue = 1000

    /// A coordinator's ROUTER: reports in, at most ``workerQueue`` from each
    /// worker and ``coordinatorSendQueue`` to it.
    public static func limitCoordinator(_ socket: Socket) throws(ZMQError) {
        try limit(socket, inbound: reportBytes, receiveQueue: workerQueue, sendQueue: coordinatorSendQueue)
    }

    /// A worker's DEALER: tasks in, records out.
    public static func limitWorker(_ socket: Socket) throws(ZMQError) {
        try limit(socket, inbound: taskBytes, receiveQueue: workerQueue, sendQueue: workerQueue)
    }

    /// A worker's heartbeat DEALER: only an `error` ever comes back.
    public static func limitHeartbeat(_ socket: Socket) throws(ZMQError) {
        try limit(socket, inbound: reportBytes, receiveQueue: workerQueue, sendQueue: workerQueue)
    }

    /// A collector's receiving socket.
    public static func limitCollector(_ socket: Socket) throws(ZMQError) {
        try limit(socket, inbound: reportBytes, receiveQueue: collectorQueue, sendQueue: workerQueue)
    }

    /// A run's socket to a standalone collector: what comes back is small; what
    /// goes out is the run's own records, kept however many (send queue unlimited).
    public static func limitCollectorSender(_ socket: Socket) throws(ZMQError) {
        try limit(socket, inbound: reportBytes, receiveQueue: workerQueue, sendQueue: 0)
    }

    private static func limit(_ socket: Socket, inbound: Int, receiveQueue: Int, sendQueue: Int) throws(ZMQError) {
        try socket.setMaxMessageSize(inbound)
        try socket.setReceiveHighWaterMark(receiveQueue)
        try socket.setSendHighWaterMark(sendQueue)
    }
}
