import Dataflow
import Keras
import Processes
import TrialRecords
import Wire

/// Runs trials in this process, one at a time, under an in-process strategy, and
/// measures each one: the classic experiment's phases, what the strategy's own
/// isolation cost, memory and the size of the graph left behind.
///
/// A host owns this process's TensorFlow-1-style global state (the default graph
/// and Keras session): the coordinator's workers each hold one, and a run without
/// workers holds one in the `isorun` process itself. Not thread-safe: the state
/// it drives is the process's default graph.
public final class TrialHost {
    /// Names the worker in records.
    public let worker: String
    /// How this host's process was started, for records.
    public let launch: Launch
    /// This process's id, read once (each `getpid` is a system call): a host is
    /// made in the process that runs its trials, a fork-server child's after the fork.
    private let pid = ProcessMetrics.pid
    /// Models this process created so far: the next record's `models_before`.
    /// Counted per host, and a process has one host.
    public private(set) var modelsCreated = 0

    /// - Parameters:
    ///   - worker: the `worker` of this host's records.
    ///   - launch: the `launch` of its records (`in-process`, `exec`, `fork-server`).
    public init(worker: String, launch: Launch) {
        self.worker = worker
        self.launch = launch
    }

    /// Drops everything earlier trials left in this process (`clearSession()`), so
    /// that one strategy's leftovers never burden the next.
    public func reset() {
        Backend.clearSession()
    }

    /// Runs one trial and returns its record; a trial that throws is recorded as
    /// `failed` with the error as its reason, and its phases as not measured.
    /// A strategy this build does not know fails without running.
    ///
    /// - Parameters:
    ///   - spec: which trial: experiment, strategy, index and repeat.
    ///   - workload: the model to create, fit and test.
    public func run(_ spec: TrialSpec, workload: Workload) -> TrialRecord {
        var record = TrialRecord(
            runID: spec.runID, experiment: spec.experiment, strategy: spec.strategy, trial: spec.trial,
            repeat: spec.repeat, attempt: spec.attempt, worker: worker, pid: pid,
            host: ProcessMetrics.hostName, launch: launch, startedAt: Timestamp.now(), modelsBefore: modelsCreated)
        let started = MonotonicClock.now
        if workload.isEmpty {
            // Nothing to create, fit or isolate: each of them took no time.
            Phases().apply(to: &record)
            record.isolationSeconds = 0
            record.wallSeconds = (MonotonicClock.now - started).seconds
            return record
        }
        guard spec.strategy.isKnown else {
            record.outcome = .failed
            record.reason = "unknown strategy '\(spec.strategy)'; this worker runs \(Strategy.allNames.joined(separator: ", "))"
            return record
        }
        modelsCreated += 1
        do {
            var phases = Phases()
            record.isolationSeconds = try isolate(spec.strategy.inProcessDiscipline) {
                phases = try measurePhases(of: workload)
            }
            phases.apply(to: &record)
        } catch {
            record.outcome = .failed
            record.reason = RecordRules.clipped("\(error)")
        }
        record.wallSeconds = (MonotonicClock.now - started).seconds
        let memory = ProcessMetrics.memory()
        record.rssBytes = memory?.residentBytes
        record.peakRSSBytes = memory?.peakResidentBytes
        return record
    }

    /// Wraps `body` in what `discipline` does around a trial and returns the
    /// seconds that cost; the graph is measured inside, before any clearing.
    private func isolate(_ discipline: Strategy, _ body: () throws -> Void) throws -> Double {
        switch discipline {
        case .noClear:
            try body()
            return 0
        case .clear:
            try body()
            let start = MonotonicClock.now
            Backend.clearSession()
            return (MonotonicClock.now - start).seconds
        case .scopedSession:
            let start = MonotonicClock.now
            let session = Session(graph: Graph.current)
            let cost = (MonotonicClock.now - start).seconds
            try session.asDefault { try body() }
            return cost
        case .scopedGraph:
            let start = MonotonicClock.now
            let graph = Graph()
            let session = Session(graph: graph)
            let cost = (MonotonicClock.now - start).seconds
            try graph.asDefault { try session.asDefault { try body() } }
            return cost
        default:
            preconditionFailure("\(discipline) is not an in-process discipline")
        }
    }

    /// Create, fit, test: each phase timed on a monotonic clock, as the classic
    /// experiment times them.
    private func measurePhases(of workload: Workload) throws -> Phases {
        let x = workload.inputTensor, y = workload.targetTensor
        // The session the model will run in (Keras' get_session()), fetched
        // before the clock starts; its counters tell what the trial copied.
        let session = Backend.session
        let copiedBefore = session.statistics.nodesCopied
        let t0 = MonotonicClock.now
        let model = try workload.makeModel()
        let t1 = MonotonicClock.now
        _ = try model.fit(x: x, y: y, epochs: workload.epochs, batchSize: workload.batchSize)
        let t2 = MonotonicClock.now
        _ = try model.testOnBatch(x: x, y: y)
        let t3 = MonotonicClock.now
        return Phases(
            create: (t1 - t0).seconds, fit: (t2 - t1).seconds, test: (t3 - t2).seconds, total: (t3 - t0).seconds,
            graphNodes: Graph.current.nodeCount, liveVariables: Graph.current.variableCount,
            nodesCopied: session.statistics.nodesCopied - copiedBefore)
    }

    /// What one trial's body measured.
    private struct Phases {
        var create = 0.0, fit = 0.0, test = 0.0, total = 0.0
        var graphNodes = 0, liveVariables = 0, nodesCopied = 0

        func apply(to record: inout TrialRecord) {
            record.createSeconds = create
            record.fitSeconds = fit
            record.testSeconds = test
            record.totalSeconds = total
            record.graphNodes = graphNodes
            record.liveVariables = liveVariables
            record.nodesCopied = nodesCopied
        }
    }

}
