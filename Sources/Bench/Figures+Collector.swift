import Dispatch
import Foundation
import IsoRun
import Logging
import SystemPackage
import TrialRecords
import Synchronization
import ZeroMQ

extension Figures {
    /// Collector ingest with one producer: `records` real records pushed as fast
    /// as a PUSH socket takes them to a `Collector` writing its JSONL file, timed
    /// from the first send until the collector has written the last.
    ///
    /// - Returns: records per second, and how many the collector received.
    public func collectorIngest(records count: Int) throws -> PushPullFigure {
        let endpoint = "ipc://\(folder.path)/collector"
        let output = folder.appendingPathComponent("bench-collector.jsonl").path
        let bound = DispatchSemaphore(value: 0)
        let outcome = IngestOutcome()
        let logger = Logger(label: "isorun.bench.collector")
        let thread = Thread {
            do {
                let writer = try RecordWriter(path: FilePath(output))
                defer { writer.close() }
                let collector = try Collector(bind: endpoint, writer: writer, logger: logger)
                bound.signal()
                try collector.run(untilRuns: 1)
                outcome.finish(received: collector.received)
            } catch {
                outcome.fail(error)
                bound.signal()
            }
        }
        thread.start()
        bound.wait()
        try outcome.rethrow()

        let push = try Socket(Context(), type: .push)
        try push.setSendHighWaterMark(0)
        try push.connect(endpoint)
        let frames = WireMessage.record(.benchSample).frames
        let clock = ContinuousClock()
        let start = clock.now
        for _ in 0..<count { try push.send(frames) }
        try push.send(WireMessage.end(records: count).frames)
        outcome.wait()
        let elapsed = (clock.now - start).seconds
        try outcome.rethrow()
        return PushPullFigure(messagesPerSecond: Double(count) / elapsed, sent: count, received: outcome.received)
    }
}

/// The collector thread's result, handed to the benchmarking thread.
private final class IngestOutcome: Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let state = Mutex<(received: Int, error: (any Error)?)>((0, nil))

    func finish(received: Int) {
        state.withLock { $0.received = received }
        done.signal()
    }

    func fail(_ error: any Error) {
        state.withLock { $0.error = error }
        done.signal()
    }

    func wait() { done.wait() }

    var received: Int { state.withLock { $0.received } }

    func rethrow() throws {
        if let error = state.withLock({ $0.error }) { throw error }
    }
}

extension TrialRecord {
    /// A typical record of a `pool` trial of the seed model, as the collector benchmarks send.
    static let benchSample = TrialRecord(
        experiment: "bench", strategy: "pool", trial: 0, worker: "w1", pid: 4242, host: ProcessMetrics.hostName,
        launch: "exec", createSeconds: 1.4e-4, fitSeconds: 6.8e-4, testSeconds: 2.7e-5, totalSeconds: 8.5e-4,
        isolationSeconds: 3.9e-4, wallSeconds: 1.2e-3, rssBytes: 25_000_000, peakRSSBytes: 26_000_000,
        graphNodes: 152, liveVariables: 14, nodesCopied: 759)

    /// The size of ``benchSample`` as a record message, for the raw PUSH-PULL floor.
    static var benchSampleMessageBytes: Int {
        WireMessage.record(benchSample).frames.reduce(0) { $0 + $1.count }
    }
}
