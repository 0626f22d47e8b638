// Micro-benchmarks of what every record costs on its way: the record check a
// collector runs, the decode the coordinator runs, the scheduler's handling of
// a record from a worker that holds trials ahead, and the collector's
// deduplication. Each measures a thousand records (scalingFactor .kilo), so
// results read per record; the malloc counts are exact, the times this
// machine's.
import Bench
import Benchmark
import Collecting
import Scheduler
import TrialRecords
import Wire

/// The bench's typical record (`isorun bench` sends it to the collector), as a worker sends it.
let sample = TrialRecord.benchSample

/// A scheduler running one `clear` stage of `trials` short trials on two
/// launched workers, played up to the point where each holds trials ahead,
/// and the tasks each was sent so far, in order.
struct FedScheduler {
    var scheduler: Scheduler
    var tasks: [WorkerID: [TrialSpec]] = [:]
    var clock: Duration = .zero

    init(trials: Int) {
        var settings = SchedulerSettings(workers: 2, host: "h", wallClockStart: 1_764_763_200_000_000)
        settings.spreadInProcess = true
        let stage = Stage(strategy: .clear, repeat: 0, trials: (0..<trials).map {
            TrialSpec(runID: sample.runID, experiment: sample.experiment, strategy: .clear, trial: $0)
        })
        scheduler = Scheduler(stages: [stage], settings: settings)
        take(scheduler.start(at: clock))
        let hello = WorkerHello(pid: 10, host: "h", capabilities: Set(Strategy.known))
        for id in ["w1", "w2"] {
            take(scheduler.handle(.launched(id, pid: 10), at: clock))
            take(scheduler.handle(.hello(id, hello), at: clock))
            take(scheduler.handle(.ready(id), at: clock))
        }
    }

    mutating func take(_ actions: [SchedulerAction]) {
        for case .sendTask(let spec, let id) in actions { tasks[id, default: []].append(spec) }
    }

    /// `id`'s record of the next trial it was sent, 400 µs after the last event.
    mutating func answer(_ id: WorkerID) {
        let spec = tasks[id]!.removeFirst()
        var record = sample
        (record.strategy, record.trial, record.worker) = (spec.strategy, spec.trial, id)
        clock += .microseconds(400)
        take(scheduler.handle(.record(id, record), at: clock))
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .throughput, .mallocCountTotal],
        timeUnits: .microseconds,
        scalingFactor: .kilo,
        maxDuration: .seconds(2),
        maxIterations: 1_000
    )

    let json = sample.jsonBytes()

    Benchmark("record check (collector)") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try RecordCheck.check(json)) }
    }

    Benchmark("record decode, bytes kept (coordinator)") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try RecordCheck.decodeKeepingBytes(json)) }
    }

    Benchmark("scheduler, a record from a worker holding trials ahead") { benchmark in
        var fed = FedScheduler(trials: benchmark.scaledIterations.count + 64)
        fed.answer("w1")
        fed.answer("w2")
        benchmark.startMeasurement()
        for index in benchmark.scaledIterations { fed.answer(index.isMultiple(of: 2) ? "w1" : "w2") }
        benchmark.stopMeasurement()
        blackHole(fed.scheduler.isFed)
    }

    Benchmark("collector deduplication, a new record") { benchmark in
        let keys = benchmark.scaledIterations.map {
            RecordKey(runID: "9f1c0e4a2b7d4c11", strategy: .pool, repeat: 0, trial: $0, attempt: 1)
        }
        var received = ReceivedRecords()
        benchmark.startMeasurement()
        for key in keys { blackHole(received.insert(key)) }
        benchmark.stopMeasurement()
    }
}
