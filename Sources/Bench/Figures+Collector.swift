import Collecting
import Foundation
import Logging
import Processes
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
    /// - Returns: records per second, and how many the collector received.
    public func collectorIngest(records count: Int) throws -> PushPullFigure {
        let endpoint = "ipc://\(folder.path)/collector"
        let output = folder.appendingPathComponent("bench-collector.jsonl").path
        let context = try Context()
        let lastWritten = Mutex<ContinuousClock.Instant?>(nil)
        let collector = try CollectorThread(
            bind: endpoint, output: FilePath(output), context: context, logger: Logger(label: "isorun.bench.collector"),
            onRecord: { _ in lastWritten.withLock { $0 = .now } })
        let dealer = try Socket(context, type: .dealer)
        try dealer.setSendHighWaterMark(0)
        try dealer.connect(endpoint)
        // Distinct keys, or the collector would store one record; encoded before the clock starts.
        let messages = (0..<count).map { trial in
            var record = TrialRecord.benchSample
            record.trial = trial
            return WireMessage.record(record).frames
        }
        let clock = ContinuousClock()
        let start = clock.now
        for frames in messages { try dealer.send(frames) }
        try dealer.send(WireMessage.end(runID: TrialRecord.benchSample.runID, records: count).frames)
        let counts = try collector.join()
        let elapsed = ((lastWritten.withLock { $0 } ?? clock.now) - start).seconds
        return PushPullFigure(messagesPerSecond: Double(count) / elapsed, sent: count, received: counts.records)
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
