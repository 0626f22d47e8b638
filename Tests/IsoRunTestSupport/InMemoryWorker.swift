import IsoRun
import Processes
import Scheduler
import TrialRecords
import Wire

/// Plays IsoRun's worker protocol on an ``InMemoryTransport``: hello and ready
/// on launch, a record for each task (built by `answer`, `ok` by default), a
/// clean exit after shutdown or after a one-shot trial. Wires itself to an
/// ``InMemoryLauncher`` so every launched worker is one of these.
public enum InMemoryWorker {
    /// Makes every worker `launcher` launches an in-memory worker on `transport`.
    ///
    /// - Parameter answer: the record a worker sends for a task; nil sends none
    ///   (a hung trial).
    public static func serve(
        _ transport: InMemoryTransport, launchedBy launcher: InMemoryLauncher,
        answer: @escaping (TrialSpec, WorkerID) -> TrialRecord? = { okRecord(for: $0, worker: $1) }
    ) {
        var oneShot: Set<WorkerID> = []
        launcher.onLaunch = { request in
            if request.oneShot { oneShot.insert(request.worker) }
            let hello = WireMessage.Hello(
                worker: request.worker, pid: 1, host: "in-memory", launch: request.via.rawValue,
                capabilities: Strategy.known.map(\.rawValue))
            transport.deliver(.hello(hello), from: request.worker)
            transport.deliver(.ready, from: request.worker)
        }
        transport.onSend = { worker, message in
            switch message {
            case .task(let task):
                guard let record = answer(task.spec, worker) else { return }
                transport.deliver(.record(record), from: worker)
                if oneShot.contains(worker) { launcher.reportExit(of: worker, status: .exited(0)) }
            case .shutdown:
                launcher.reportExit(of: worker, status: .exited(0))
            default:
                break
            }
        }
    }

    /// The record of a trial that went well.
    public static func okRecord(for spec: TrialSpec, worker: WorkerID) -> TrialRecord {
        var record = TrialRecord(
            runID: spec.runID, experiment: spec.experiment, strategy: spec.strategy, trial: spec.trial,
            repeat: spec.repeat, attempt: spec.attempt, worker: worker, pid: 1, host: "in-memory", launch: .exec,
            startedAt: "2026-12-03T12:00:00.000000Z", modelsBefore: 0)
        record.totalSeconds = 0.001
        record.isolationSeconds = 0
        record.wallSeconds = 0.001
        return record
    }
}

/// A ``RecordSink`` that keeps the records it is given, and how many each
/// flush put through.
public final class RecordingSink: RecordSink {
    public private(set) var records: [TrialRecord] = []
    /// The records of each flush that had any.
    public private(set) var flushedBatches: [Int] = []
    /// Records written since the last flush.
    public private(set) var unflushed = 0

    public init() {}

    public func write(_ record: TrialRecord, sent: SentRecord?) throws {
        records.append(record)
        unflushed += 1
    }

    public func flush() throws {
        guard unflushed > 0 else { return }
        flushedBatches.append(unflushed)
        unflushed = 0
    }
}
