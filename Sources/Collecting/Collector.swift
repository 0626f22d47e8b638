import Logging
import Security
import TrialRecords
import Wire
import WireJSON
import ZeroMQ

/// Receives records on a ROUTER socket (one a `record` message, or several a
/// `records` message), writes each one once to a JSONL file the moment it
/// arrives, and acknowledges it to its sender once it is there.
///
/// `isorun collect` runs one as a standalone process that any number of runs
/// stream to (over ``CollectorLink``). A record is stored once per
/// ``RecordKey``: one sent again (after a lost acknowledgement, or to a
/// collector restarted on its file) is acknowledged and not written again.
///
/// Why a ROUTER: every sender is a DEALER whose messages arrive with its
/// connection's routing id in front, so the acknowledgements can go back to
/// that very connection while records keep flowing, many in flight at once.
public final class Collector {
    private let socket: Socket
    /// Kept while the socket is open: its ZAP handler admits the senders.
    private let curve: CurveServer?
    private let writer: RecordWriter
    private let peerLog: PeerLog
    private let onWritten: (Written) -> Void
    /// Every record held, by run, and the runs that ended.
    public private(set) var received: ReceivedRecords
    /// Records written by this collector.
    public private(set) var written = 0

    /// What a batch wrote, or a collector in all.
    public struct Written: Sendable, Equatable {
        /// Records written.
        public var records = 0
        /// Of those, records whose outcome is not `ok`.
        public var notOK = 0
    }

    /// Binds the ROUTER socket.
    ///
    /// - Parameters:
    ///   - endpoint: where to bind (`ipc://PATH`, `tcp://HOST:PORT`, `inproc://NAME`).
    ///   - writer: the JSONL file records are appended to.
    ///   - existing: what the file already holds (a collector restarted on it).
    ///   - logger: where refused messages and ended runs are reported.
    ///   - context: the ZeroMQ context to use; nil makes one.
    ///   - curve: the server side of CURVE in `context`; nil: no keys.
    ///   - onWritten: called with what each batch wrote once it is written
    ///     (progress, say): once a batch, not once a record.
    /// - Throws: `ZMQError` when the endpoint cannot be bound.
    public init(
        bind endpoint: String, writer: RecordWriter, existing: ReceivedRecords = ReceivedRecords(), logger: Logger,
        context: Context? = nil, curve: CurveServer? = nil, onWritten: @escaping (Written) -> Void = { _ in }
    ) throws {
        socket = try Socket(context ?? Context(), type: .router)
        try SocketLimits.limitCollector(socket)
        try curve?.secure(socket)
        self.curve = curve
        try socket.bind(endpoint)
        self.writer = writer
        received = existing
        peerLog = PeerLog(logger)
        self.onWritten = onWritten
    }

    deinit {
        // Before the ZAP handler stops: without one, libzmq admits any sender.
        socket.close()
    }

    /// Messages handled, a `records` message counting as many as it has
    /// records, after which a batch is written with one `write(2)`; the
    /// message that reaches it is taken whole (a batch of 1279 records at most).
    private static let batchLimit = 1024

    /// The most records taken in one `records` message, which every
    /// acknowledgement announces: a quarter of a batch.
    public static let recordsPerMessage = 256

    /// The bound endpoint (with the chosen port when bound to `:*`).
    public var endpoint: String { (try? socket.lastEndpoint) ?? "" }

    /// Collects until `runs` distinct runs have sent `end` (0: no limit),
    /// `stopDescriptor` becomes readable or `until` says so; what has arrived
    /// by then is written and acknowledged before it returns.
    ///
    /// - Parameters:
    ///   - runs: how many runs' `end` to wait for; 0 waits only for a stop.
    ///   - stopDescriptor: a file descriptor that becomes readable when
    ///     collecting should stop (a `SignalWatcher`'s), or nil.
    ///   - until: asked every 200 ms; true stops.
    /// - Throws: the writer's errors (a full disk, say); `ZMQError`.
    public func run(untilRuns runs: Int, stopDescriptor: Int32? = nil, until: () -> Bool = { false }) throws {
        let items = [PollItem.socket(socket)] + (stopDescriptor.map { [PollItem.fileDescriptor($0)] } ?? [])
        defer { peerLog.flush() }
        while runs == 0 || received.endedRuns < runs {
            peerLog.tick()
            let events = try ZeroMQ.poll(items, timeout: .milliseconds(200))
            let stopping = events.dropFirst().contains { !$0.isEmpty } || until()
            if events[0].contains(.readable) || stopping { try drain() }
            if stopping { return }
        }
    }

    /// Handles every message that has arrived, a batch at a time: the batch's
    /// new records are written with one `write(2)`, then acknowledged.
    private func drain() throws {
        while true {
            var batch = Batch()
            while batch.handled < Self.batchLimit, let frames = try socket.receiveIfAvailable() {
                handle(frames, into: &batch)
            }
            // On disk before anyone is told.
            try writer.write(bytes: batch.bytes)
            written += batch.written.records
            if batch.written.records > 0 { onWritten(batch.written) }
            for reply in batch.replies { acknowledge(reply.ack, to: reply.sender) }
            if batch.handled < Self.batchLimit { return }
        }
    }

    /// One message: a record, or each of a `records` message's, is stored (or
    /// found held), `open` and `end` are answered; anything else is refused
    /// with a log line.
    private func handle(_ frames: [[UInt8]], into batch: inout Batch) {
        batch.handled += 1
        guard frames.count >= 2 else { return }
        let sender = frames[0]
        do {
            let message = Array(frames.dropFirst())
            // A record is checked against `RecordRules` in one pass over its bytes, not decoded.
            if let record = try WireMessage.checkedRecord(frames: message) {
                return store(record, from: sender, into: &batch)
            }
            if let records = try WireMessage.checkedRecords(frames: message, limit: Self.recordsPerMessage) {
                // As many as it holds; an empty one counts once, as any message does.
                batch.handled += max(records.count - 1, 0)
                if records.isEmpty { peerLog.log(.warning, "ignored a records message without a record") }
                for checked in records {
                    switch checked {
                    case .success(let record): store(record, from: sender, into: &batch)
                    case .failure(let error): peerLog.log(.warning, "refused a record of a records message: \(error)")
                    }
                }
                return
            }
            switch try WireMessage(frames: message) {
            case .open(let runID):
                received.open(runID)
                batch.reply(WireMessage.Ack(runID: runID), to: sender)
            case .end(let runID, let claimed):
                guard end(runID, claimed: claimed) else { return }
                batch.reply(WireMessage.Ack(runID: runID, ended: true), to: sender)
            case let other:
                peerLog.log(.warning, "ignored a \(other.kind) message, which a collector does not take")
            }
        } catch {
            peerLog.log(.warning, "refused a message: \(error)")
        }
    }

    /// The one place a received record is admitted: held once per key, and
    /// acknowledged whether it was new or not.
    private func store(_ record: CheckedRecord, from sender: [UInt8], into batch: inout Batch) {
        let key = record.key
        if received.insert(key) {
            batch.bytes += record.line
            batch.bytes.append(0x0A)
            batch.written.records += 1
            if record.outcome != .ok { batch.written.notOK += 1 }
        }
        batch.acknowledge(key, to: sender)
    }

    /// Checks a run's `end`; false when it is ignored (an unknown run).
    private func end(_ runID: String, claimed: Int) -> Bool {
        switch received.end(runID, claimed: claimed) {
        case .agrees:
            peerLog.log(.info, "run \(runID) ended: \(claimed) records, all held")
        case .disagrees(let claimed, let stored):
            peerLog.log(.warning, "run \(runID) ended saying it wrote \(claimed) records, but this collector holds \(stored) of them")
        case .alreadyEnded:
            break
        case .unknownRun:
            peerLog.log(.warning, "ignored an end for run \(runID), which this collector does not know (no open, no record)")
            return false
        }
        return true
    }

    /// Sends an acknowledgement without waiting: a sender that is gone or full
    /// misses it, and sends its records again. Every one says how many records
    /// a `records` message may carry here.
    private func acknowledge(_ ack: WireMessage.Ack, to sender: [UInt8]) {
        var ack = ack
        ack.recordsPerMessage = Self.recordsPerMessage
        do {
            try socket.send([sender] + WireMessage.ack(ack).frames, flags: .dontWait)
        } catch {
            peerLog.log(.debug, "could not acknowledge run \(ack.runID) to a sender: \(error)")
        }
    }
}
