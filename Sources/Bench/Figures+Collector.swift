import Collecting
import Foundation
import Logging
import Processes
import Security
import Synchronization
import SystemPackage
import TrialRecords
import Wire
import ZeroMQ

extension Figures {
    /// Collector ingest with one producer: `records` distinct real records sent
    /// as fast as a DEALER socket takes them to a `Collector` writing its JSONL
    /// file (and acknowledging them, which the producer does not read), timed
    /// from the first send until the collector has written the last: not its
    /// `fdatasync` of the whole file as it closes it, once at a run's end
    /// (some 75 ms for the 50 MB of 10^5 records here).
    ///
    /// - Parameter recordsPerMessage: how the records are packed, as a run's
    ///   link packs them when they wait for it (`CollectorLink.RecordMessages`):
    ///   `Collector.recordsPerMessage`, what IsoRun's collector takes, or 1,
    ///   a `record` message each, for a collector that takes no `records` message.
    /// - Returns: records per second, and how many the collector received.
    public func collectorIngest(records count: Int, recordsPerMessage: Int) throws -> PushPullFigure {
        try Self.collectorIngest(in: folder, records: count, recordsPerMessage: recordsPerMessage)
    }

    /// ``collectorIngest(records:recordsPerMessage:)`` with its socket and file in `folder`.
    static func collectorIngest(in folder: URL, records count: Int, recordsPerMessage: Int) throws -> PushPullFigure {
        let endpoint = "ipc://\(folder.path)/collector"
        let output = folder.appendingPathComponent("bench-collector.jsonl").path
        let context = try Context()
        let lastWritten = Mutex<ContinuousClock.Instant?>(nil)
        let collector = try CollectorThread(
            bind: endpoint, output: FilePath(output), context: context, logger: Logger(label: "isorun.bench.collector"),
            onWritten: { _ in lastWritten.withLock { $0 = .now } })
        let (dealer, start) = try sendSampleRecords(
            count, recordsPerMessage: recordsPerMessage, in: context, to: endpoint)
        try dealer.send(WireMessage.end(runID: TrialRecord.benchSample.runID, records: count).frames)
        let counts = try collector.join()
        let elapsed = ((lastWritten.withLock { $0 } ?? .now) - start).seconds
        return PushPullFigure(messagesPerSecond: Double(count) / elapsed, sent: count, received: counts.records)
    }

    /// The messaging layer's part of ``collectorIngest(records:recordsPerMessage:)``: the same
    /// record messages, sent the same way to a ROUTER limited as a
    /// collector's, each received whole through this package's ZeroMQ wrapper
    /// and dropped. No check, no file, no acknowledgement: set beside the raw
    /// PUSH-PULL floor, it is the most of the floor's rate a collector of
    /// these messages could reach, and set beside ``collectorIngest(records:recordsPerMessage:)``,
    /// what the collector's own work costs.
    ///
    /// - Returns: messages per second, from the first send until the last is
    ///   received, and how many arrived (the receiver gives up after 5 s
    ///   without one).
    public func collectorReceiveOnly(records count: Int) throws -> PushPullFigure {
        try Self.collectorReceiveOnly(in: folder, records: count)
    }

    /// ``collectorReceiveOnly(records:)`` with its socket in `folder`.
    static func collectorReceiveOnly(in folder: URL, records count: Int) throws -> PushPullFigure {
        let endpoint = "ipc://\(folder.path)/receive-only"
        let context = try Context()
        let received = Mutex<(count: Int, last: ContinuousClock.Instant?, error: (any Error)?)>((0, nil, nil))
        let bound = DispatchSemaphore(value: 0)
        let receiver = OSThread {
            let router: Socket
            do {
                router = try Socket(context, type: .router)
                try SocketLimits.limitCollector(router)
                try router.setReceiveTimeout(.seconds(5))
                try router.bind(endpoint)
            } catch {
                received.withLock { $0.error = error }
                bound.signal()
                return
            }
            bound.signal()
            var (taken, last): (Int, ContinuousClock.Instant?) = (0, nil)
            do {
                for _ in 0..<count {
                    _ = try router.receive()
                    (taken, last) = (taken + 1, .now)
                }
            } catch {
                received.withLock { $0.error = error }
            }
            received.withLock { ($0.count, $0.last) = (taken, last) }
        }
        bound.wait()
        let (dealer, start) = try sendSampleRecords(count, recordsPerMessage: 1, in: context, to: endpoint)
        defer { dealer.close() }
        receiver.join()
        let outcome = received.withLock { $0 }
        if outcome.count < count, let error = outcome.error, (error as? ZMQError) != .again { throw error }
        let elapsed = ((outcome.last ?? .now) - start).seconds
        return PushPullFigure(messagesPerSecond: Double(outcome.count) / elapsed, sent: count, received: outcome.count)
    }

    /// The collector benchmarks' producer: a DEALER connected to `endpoint`
    /// without a send limit, which sends `count` sample records, each with a
    /// key of its own (or a collector would store one), `recordsPerMessage`
    /// to a message, encoded before the clock starts.
    ///
    /// - Returns: the socket, open for more, and when its first send began.
    private static func sendSampleRecords(
        _ count: Int, recordsPerMessage: Int, in context: Context, to endpoint: String
    ) throws -> (dealer: Socket, start: ContinuousClock.Instant) {
        let dealer = try Socket(context, type: .dealer)
        try dealer.setSendHighWaterMark(0)
        try dealer.connect(endpoint)
        var packer = CollectorLink.RecordMessages(recordsPerMessage: recordsPerMessage)
        var messages = (0..<count).compactMap { trial in
            var record = TrialRecord.benchSample
            record.trial = trial
            return packer.add(record.jsonBytes())
        }
        messages += packer.flush().map { [$0] } ?? []
        let start = ContinuousClock.now
        for frames in messages { try dealer.send(frames) }
        return (dealer, start)
    }
}

extension TrialRecord {
    /// A typical record of a `pool` trial of the seed model, as the collector
    /// benchmarks send (and the record path's micro-benchmarks, in Benchmarks/).
    public static let benchSample: TrialRecord = {
        var record = TrialRecord(
            runID: "9f1c0e4a2b7d4c11", experiment: "bench", strategy: .pool, trial: 0, worker: "w1", pid: 4242,
            host: ProcessMetrics.hostName, launch: .exec, startedAt: "2026-12-03T12:00:00.123456Z", modelsBefore: 3)
        record.createSeconds = 1.4e-4
        record.fitSeconds = 6.8e-4
        record.testSeconds = 2.7e-5
        record.totalSeconds = 8.5e-4
        record.isolationSeconds = 3.9e-4
        record.wallSeconds = 1.2e-3
        record.rssBytes = 25_000_000
        record.peakRSSBytes = 26_000_000
        record.graphNodes = 152
        record.liveVariables = 14
        record.nodesCopied = 759
        return record
    }()

    /// The size of ``benchSample`` as a record message, for the raw PUSH-PULL floor.
    static var benchSampleMessageBytes: Int {
        WireMessage.record(benchSample).frames.reduce(0) { $0 + $1.count }
    }
}
