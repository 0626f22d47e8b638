import Logging
import Processes
import TrialRecords
import Wire
import ZeroMQ

/// Receives records on a PULL socket and writes each one to a JSONL file the
/// moment it arrives, so the file grows during the run, not at its end.
///
/// `isorun run` runs one on a thread of its own; `isorun collect` runs one as a
/// standalone process that any number of runs can stream to.
public final class Collector {
    private let socket: Socket
    private let writer: RecordWriter
    private let peerLog: PeerLog
    private let onRecord: (CheckedRecord) -> Void
    /// Records written so far.
    public private(set) var received = 0
    /// Runs whose `end` message arrived.
    public private(set) var runsEnded = 0

    /// Binds the PULL socket.
    ///
    /// - Parameters:
    ///   - endpoint: where to bind (`ipc://PATH`, `tcp://HOST:PORT`, `inproc://NAME`).
    ///   - writer: the JSONL file records are appended to.
    ///   - logger: where refused messages and ended runs are reported.
    ///   - context: the ZeroMQ context to use; nil makes one.
    ///   - onRecord: called after each record is written (progress, say).
    /// - Throws: `ZMQError` when the endpoint cannot be bound.
    public init(
        bind endpoint: String, writer: RecordWriter, logger: Logger, context: Context? = nil,
        onRecord: @escaping (CheckedRecord) -> Void = { _ in }
    ) throws {
        socket = try Socket(context ?? Context(), type: .pull)
        try socket.setReceiveHighWaterMark(0)
        try socket.bind(endpoint)
        self.writer = writer
        peerLog = PeerLog(logger)
        self.onRecord = onRecord
    }

    /// Most records written with one `write(2)`.
    private static let batchLimit = 1024

    /// The bound endpoint (with the chosen port when bound to `:*`).
    public var endpoint: String { (try? socket.lastEndpoint) ?? "" }

    /// Collects until `runs` runs have sent `end` (0: no limit), `stopDescriptor`
    /// becomes readable or `until` says so; what has arrived by then is written
    /// before it returns.
    ///
    /// - Parameters:
    ///   - runs: how many runs' `end` to wait for; 0 waits only for a stop.
    ///   - stopDescriptor: a file descriptor that becomes readable when
    ///     collecting should stop (a ``SignalWatcher``'s), or nil.
    ///   - until: asked every 200 ms; true stops.
    /// - Throws: the writer's errors (a full disk, say); `ZMQError`.
    public func run(untilRuns runs: Int, stopDescriptor: Int32? = nil, until: () -> Bool = { false }) throws {
        defer { peerLog.flush() }
        while runs == 0 || runsEnded < runs {
            peerLog.tick()
            let ready = try waitReadable(
                socket: socket, descriptors: stopDescriptor.map { [$0] } ?? [], timeout: .milliseconds(200))
            let stopping = !ready.descriptors.isEmpty || until()
            if ready.socket || stopping { try drain() }
            if stopping { return }
        }
    }

    /// Writes every record that has arrived, with one `write(2)` per batch.
    private func drain() throws {
        while true {
            var batch: [UInt8] = []
            var records: [CheckedRecord] = []
            while records.count < Self.batchLimit, let frames = try socket.receiveIfAvailable() {
                guard let record = handle(frames) else { continue }
                batch += record.line
                batch.append(0x0A)
                records.append(record)
            }
            // One write for all that arrived together: on disk before anyone is told.
            try writer.write(bytes: batch)
            received += records.count
            records.forEach(onRecord)
            if records.count < Self.batchLimit { return }
        }
    }

    /// The record a message carries, checked against `RecordRules` in one pass
    /// over its bytes; `end` and anything refused are handled here and give nil.
    private func handle(_ frames: [[UInt8]]) -> CheckedRecord? {
        do {
            if let record = try WireMessage.checkedRecord(frames: frames) { return record }
            switch try WireMessage(frames: frames) {
            case .end(let records):
                runsEnded += 1
                peerLog.log(.info, "a run ended after sending \(records) records")
            case let other:
                peerLog.log(.warning, "ignored a \(other.kind) message, which a collector does not take")
            }
        } catch {
            peerLog.log(.warning, "refused a message: \(error)")
        }
        return nil
    }
}
