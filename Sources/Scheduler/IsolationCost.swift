import TrialRecords

/// The one place that decides what a record's `isolation_s` and `wall_s` are,
/// from what the worker measured and what the coordinator saw.
///
/// - In-process strategies: the worker measured its isolation itself (clearing,
///   a new session or graph); `wall_s` becomes the coordinator's dispatch-to-record
///   time, except for a trial the worker held ahead, which had no dispatch the
///   coordinator saw and whose record may wait for a batch: its worker's own stands.
/// - `process`: everything but the trial's body is the price of the fresh
///   process: `wall_s` is launch to record, `isolation_s` is that less `total_s`
///   (less the worker's own `wall_s` when the trial failed before a total).
/// - `pool`: the worker's clearing, plus the round trip the coordinator saw
///   beyond the worker's own `wall_s`, plus, for the first trial of a worker
///   that replaced a recycled one, its start-up.
///
/// A coordinator that was itself stopped leaves that time out of what it saw
/// (`StallClock`), so it may see less than the worker measured: the difference
/// is no isolation, and none is counted (never a negative time, which the
/// record rules refuse).
enum IsolationCost {
    static func complete(
        _ record: inout TrialRecord, of worker: WorkerState, task since: Duration, sentAhead: Bool = false,
        at now: Duration
    ) {
        let dispatchToRecord = (now - since).seconds
        switch record.strategy {
        case .process:
            let wall = (now - worker.since).seconds
            record.isolationSeconds = (record.totalSeconds ?? record.wallSeconds).map { max(0, wall - $0) }
            record.wallSeconds = wall
        case .pool:
            let startup = worker.chargesStartup && worker.trialsDone == 0 ? (since - worker.since).seconds : 0
            let roundTrip = record.wallSeconds.map { max(0, dispatchToRecord - $0) } ?? 0
            record.isolationSeconds = (record.isolationSeconds ?? 0) + roundTrip + startup
            record.wallSeconds = dispatchToRecord
        default:
            // A trial held ahead had no dispatch the coordinator saw: its worker's own wall stands.
            if !sentAhead || record.wallSeconds == nil { record.wallSeconds = dispatchToRecord }
        }
        record.launch = worker.launchMethod
    }
}
