import Collecting
import Foundation
import IsoRun
import Processes
import TrialRecords
import TrialRuntime

/// Every row of `isorun bench`: each IsoRun figure measured beside its floor,
/// in one run, on this machine.
public struct BenchSuite {
    /// How many samples each measurement takes.
    public struct Sizes: Sendable {
        var roundTrips, pushPullMessages, spawns, forks: Int
        var poolTrials, execTrials, forkServerTrials, throughputTrialsPerWorker: Int
        var collectorRecords, clearTrials: Int
        var pythonApplies, pythonFreshTasks, reportRecords: Int

        /// Under a minute on 2 cores.
        public static let quick = Sizes(
            roundTrips: 2_000, pushPullMessages: 100_000, spawns: 30, forks: 200,
            poolTrials: 500, execTrials: 30, forkServerTrials: 60, throughputTrialsPerWorker: 400,
            collectorRecords: 20_000, clearTrials: 300, pythonApplies: 1_000, pythonFreshTasks: 10,
            reportRecords: 100_000)
        /// Tighter medians, a few minutes.
        public static let full = Sizes(
            roundTrips: 10_000, pushPullMessages: 500_000, spawns: 100, forks: 500,
            poolTrials: 3_000, execTrials: 100, forkServerTrials: 300, throughputTrialsPerWorker: 2_000,
            collectorRecords: 100_000, clearTrials: 1_000, pythonApplies: 5_000, pythonFreshTasks: 30,
            reportRecords: 100_000)
    }

    public var sizes: Sizes
    public var floors: Floors
    public var figures: Figures
    /// Worker counts for the throughput rows: 1 up to the number of cores.
    public var maxWorkers: Int
    /// Told what is being measured, as each measurement starts; throwing there
    /// (on SIGINT, say) ends the suite.
    public var progress: (String) throws -> Void
    /// Told why rows were left out, such as Python's without `python3`.
    public var skipped: (String) -> Void

    public init(
        sizes: Sizes, floors: Floors, figures: Figures, maxWorkers: Int,
        progress: @escaping (String) throws -> Void, skipped: @escaping (String) -> Void
    ) {
        self.sizes = sizes
        self.floors = floors
        self.figures = figures
        self.maxWorkers = maxWorkers
        self.progress = progress
        self.skipped = skipped
    }

    /// Throughput with several workers, measured in blocks alternating with one worker's.
    private typealias Scaling = (workers: Int, singles: [Figures.Throughput], measured: [Figures.Throughput])

    /// The rows of one worker count's throughput against `workers` × one worker's, and what
    /// its shortfall is made of: the coordinator's CPU (with `coordinatorCPU`), which the
    /// workers' cores carry; the trial body it stretches, against one worker's body in the
    /// same blocks; and the CPU time left idle, where `/proc/stat` told it.
    ///
    /// - Parameter label: what follows the worker count in each row's name (", pinned").
    private static func scalingRows(_ scaling: Scaling, label: String, coordinatorCPU: Bool) -> [BenchRow] {
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        let (workers, singles, measured) = scaling
        let name = "\(workers) workers\(label)"
        var rows = [BenchRow(
            figure: "throughput, \(name)", value: median(measured.map(\.trialsPerSecond)), unit: "trials/s",
            floor: median(singles.map(\.trialsPerSecond)) * Double(workers), goal: .atLeast(0.9))]
        if coordinatorCPU {
            rows.append(BenchRow(
                figure: "coordinator CPU per trial, \(name)",
                value: median(measured.map { $0.coordinatorCPUPerTrial.seconds * 1e6 }), unit: "µs", goal: .none(.lower)))
        }
        rows.append(BenchRow(
            figure: "trial body (total_s), \(name)", value: DurationFigure(medianOf: measured.map(\.body)).microseconds,
            unit: "µs", floor: DurationFigure(medianOf: singles.map(\.body)).microseconds, goal: .none(.lower)))
        let idle = measured.compactMap(\.idlePercent)
        if !idle.isEmpty {
            rows.append(BenchRow(figure: "CPUs idle, \(name)", value: median(idle), unit: "%", goal: .none(.lower)))
        }
        return rows
    }

    /// Measures every row.
    ///
    /// - Throws: `BenchError` when a floor cannot be built or run, or a run fails;
    ///   what `progress` throws.
    public func run() throws -> [BenchRow] {
        var rows: [BenchRow] = []
        let shares = CPUTimeShares()

        // Each floor and its figure in alternating blocks (``BenchSuite/alternating(floor:figure:)``).
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        // A local worker runs on the local link; a remote or external one on ZeroMQ. Each
        // row and its floor under one placement of the two processes (``DispatchPlacement``).
        let placements = try DispatchPlacement.available()
        var dispatches: [DurationFigure] = []
        for placement in placements {
            try progress("pool dispatch overhead on the local link, the raw socket-pair round trip, and it with the coordinator's calls, \(placement.label)")
            // In each floor block, the bare round trip, then the same with the system calls the coordinator adds.
            let (linkRoundTrips, pools) = try Self.alternating(
                floor: {
                    (bare: try floors.rawLinkRoundTrip(samples: sizes.roundTrips, placement: placement),
                     withCalls: try floors.rawLinkRoundTrip(samples: sizes.roundTrips, placement: placement, coordinatorCalls: true))
                },
                figure: { try figures.poolDispatch(trials: sizes.poolTrials, placement: placement) })
            let dispatch = DurationFigure(medianOf: pools.map(\.overhead))
            let floor = DurationFigure(medianOf: linkRoundTrips.map(\.bare)).microseconds
            dispatches.append(dispatch)
            rows.append(BenchRow(
                figure: "pool dispatch, \(placement.label)", value: dispatch.microseconds, unit: "µs",
                floor: floor, goal: .atMost(1.5)))
            rows.append(BenchRow(
                figure: "link + coordinator's calls, \(placement.label)",
                value: DurationFigure(medianOf: linkRoundTrips.map(\.withCalls)).microseconds, unit: "µs",
                floor: floor, goal: .none(.lower)))
            rows.append(BenchRow(
                figure: "coordinator CPU per pool trial, \(placement.label)",
                value: median(pools.map { $0.coordinatorCPUPerTrial.seconds * 1e6 }), unit: "µs", goal: .none(.lower)))
        }
        for placement in placements {
            try progress("pool dispatch overhead over ZeroMQ, and the raw DEALER-ROUTER round trip, \(placement.label)")
            let (roundTrips, zeroMQPools) = try Self.alternating(
                floor: { try floors.rawRoundTrip(samples: sizes.roundTrips, placement: placement) },
                figure: { try figures.poolDispatch(trials: sizes.poolTrials, overZeroMQ: true, placement: placement) })
            rows.append(BenchRow(
                figure: "pool dispatch, ZeroMQ, \(placement.label)",
                value: DurationFigure(medianOf: zeroMQPools.map(\.overhead)).microseconds,
                unit: "µs", floor: DurationFigure(medianOf: roundTrips).microseconds, goal: .atMost(1.5)))
        }

        try progress("process isolation with exec and fork-server, and their floors")
        let (spawns, execs) = try Self.alternating(
            floor: { try floors.spawnMinimalSwift(samples: sizes.spawns) },
            figure: { try figures.processIsolation(launch: .exec, trials: sizes.execTrials) })
        let exec = DurationFigure(medianOf: execs)
        rows.append(BenchRow(
            figure: "process isolation per trial, exec launch", value: exec.microseconds / 1000, unit: "ms",
            floor: DurationFigure(medianOf: spawns).microseconds / 1000, goal: .atMost(1.5)))
        let (forks, forkServers) = try Self.alternating(
            floor: { try floors.forkExitWait(samples: sizes.forks) },
            figure: { try figures.processIsolation(launch: .forkServer, trials: sizes.forkServerTrials) })
        let forkServer = DurationFigure(medianOf: forkServers)
        rows.append(BenchRow(
            figure: "process isolation per trial, fork-server", value: forkServer.microseconds / 1000, unit: "ms",
            floor: DurationFigure(medianOf: forks).microseconds / 1000, goal: .atMost(5)))

        try progress("Python's multiprocessing: Pool.apply, and a process per task with fork and with spawn")
        // Pool.apply placed as the first pool row was.
        if let python = try floors.pythonMultiprocessing(
            applies: sizes.pythonApplies, freshTasks: sizes.pythonFreshTasks, placement: placements[0]
        ) {
            // Like for like, each ratio IsoRun's over Python's: ≤ 1 means IsoRun is ahead.
            rows.append(BenchRow(
                figure: "vs Python: pool ÷ Pool.apply, \(placements[0].label)", value: dispatches[0].microseconds, unit: "µs",
                floor: python.poolApply.microseconds, goal: .atMost(1)))
            rows.append(BenchRow(
                figure: "vs Python: exec ÷ spawn maxtasks=1", value: exec.microseconds / 1000, unit: "ms",
                floor: python.freshSpawn.microseconds / 1000, goal: .atMost(1)))
            rows.append(BenchRow(
                figure: "vs Python: fork-server ÷ fork maxtasks=1", value: forkServer.microseconds / 1000, unit: "ms",
                floor: python.freshFork.microseconds / 1000, goal: .atMost(1)))
        } else {
            skipped("the rows beside Python's multiprocessing: python3 not found on PATH")
        }

        try progress("throughput with 1 to \(maxWorkers) workers")
        // Each worker count's floor is one worker's throughput times that count,
        // measured in blocks alternating with that count's.
        var scaled: [Scaling] = [], pinned: [Scaling] = []
        for workers in stride(from: 2, through: maxWorkers, by: 1) {
            for pin in [false, true] {
                let (singles, measured) = try Self.alternating(
                    floor: { try figures.throughput(workers: 1, trials: sizes.throughputTrialsPerWorker, pinned: pin) },
                    figure: {
                        try figures.throughput(workers: workers, trials: sizes.throughputTrialsPerWorker * workers, pinned: pin)
                    })
                if pin { pinned.append((workers, singles, measured)) } else { scaled.append((workers, singles, measured)) }
            }
        }
        let single = try scaled.first?.singles ?? [figures.throughput(workers: 1, trials: sizes.throughputTrialsPerWorker)]
        rows.append(BenchRow(
            figure: "throughput, 1 worker", value: median(single.map(\.trialsPerSecond)), unit: "trials/s",
            goal: .none(.higher)))
        for scaling in scaled { rows += Self.scalingRows(scaling, label: "", coordinatorCPU: true) }
        // The same with each worker on a CPU of its own (`--pin-workers`), against one pinned worker.
        for scaling in pinned { rows += Self.scalingRows(scaling, label: ", pinned", coordinatorCPU: false) }

        try progress("collector ingest, receive only, and raw PUSH-PULL")
        let pushPull = try floors.rawPushPull(messages: sizes.pushPullMessages, size: TrialRecord.benchSampleMessageBytes)
        // Records packed as a run's link packs them when they wait (as they do at this rate), then one a message.
        let ingest = try figures.collectorIngest(
            records: sizes.collectorRecords, recordsPerMessage: Collector.recordsPerMessage)
        rows.append(BenchRow(
            figure: "collector ingest, one producer", value: ingest.messagesPerSecond,
            unit: "records/s", floor: pushPull.messagesPerSecond, goal: .atLeast(0.5)))
        let oneEach = try figures.collectorIngest(records: sizes.collectorRecords, recordsPerMessage: 1)
        rows.append(BenchRow(
            figure: "collector ingest, one record a message", value: oneEach.messagesPerSecond,
            unit: "records/s", floor: pushPull.messagesPerSecond, goal: .none(.higher)))
        rows.append(BenchRow(
            figure: "collector ingest, records lost", value: Double(ingest.lost + oneEach.lost), unit: "records",
            goal: .none(.lower)))
        // The same messages received and dropped: how much of the floor's rate is left before the collector's work.
        let receiveOnly = try figures.collectorReceiveOnly(records: sizes.collectorRecords)
        rows.append(BenchRow(
            figure: "collector ingest, receive only", value: receiveOnly.messagesPerSecond,
            unit: "records/s", floor: pushPull.messagesPerSecond, goal: .none(.higher)))

        try progress("isorun report over \(sizes.reportRecords) records")
        let report = try figures.reportCost(records: sizes.reportRecords)
        rows.append(BenchRow(
            figure: "isorun report, \(sizes.reportRecords) records", value: report.time.seconds, unit: "s",
            goal: .none(.lower)))
        rows.append(BenchRow(
            figure: "isorun report, \(sizes.reportRecords) records, peak", value: Double(report.peakResidentBytes) / 1_048_576,
            unit: "MiB", goal: .none(.lower)))

        try progress("seed-model trials in process")
        let trial = try figures.inProcessTrial(trials: sizes.clearTrials)
        rows.append(BenchRow(
            figure: "seed trial under clear, in-process", value: trial.clearMedian.microseconds, unit: "µs",
            goal: .none(.lower)))
        rows.append(BenchRow(
            figure: "no-clear last-10 / first-10 median", value: trial.noClearGrowth, unit: "×", goal: .none(.lower)))

        try progress("idle resident memory of the workers, and of a minimal Swift program with and without libzmq")
        // The workers the coordinator starts, when they are beside isorun: isorun-trial on
        // the local link (made here, and never answered), isorun-worker on ZeroMQ.
        let command = WorkerCommand.isorun(executable: figures.executable)
        if let trial = command.trial {
            let (mine, theirs) = try PacketSocket.pair()
            let linkedMemory = try withExtendedLifetime(mine) {
                try floors.idleResidentBytes(
                    ofExecutable: trial[0],
                    arguments: Array(trial.dropFirst()) + [
                        "--connect", LinkedTrial.inheritedLink, "--id", "bench-idle", "--parent", "\(getpid())",
                    ],
                    readyLine: nil, settle: .milliseconds(500), descriptor3: theirs.descriptor)
            }
            rows.append(BenchRow(
                figure: "idle worker resident memory", value: Double(linkedMemory) / 1_048_576, unit: "MiB",
                floor: Double(try floors.idleResidentBytes(ofExecutable: Floors.floorExecutable(), arguments: ["--idle"])) / 1_048_576,
                goal: .atMost(1.5)))
        } else {
            skipped("the idle memory of a worker on the local link: isorun-trial is not beside \(figures.executable)")
        }
        let zeroMQMemory = try floors.idleResidentBytes(
            ofExecutable: command.worker[0],
            arguments: Array(command.worker.dropFirst()) + ["--connect", "ipc://\(figures.folder.path)/nobody", "--id", "bench-idle"],
            readyLine: nil, settle: .milliseconds(500))
        rows.append(BenchRow(
            figure: "idle worker resident memory, ZeroMQ", value: Double(zeroMQMemory) / 1_048_576, unit: "MiB",
            floor: Double(try floors.idleResidentBytes(ofExecutable: Floors.floorExecutable("isorun-floor-zmq"), arguments: [])) / 1_048_576,
            goal: .atMost(1.5)))
        if let stolen = shares?.stealPercent() {
            rows.append(BenchRow(figure: "CPU time stolen by the hypervisor", value: stolen, unit: "%", goal: .none(.lower)))
        } else {
            skipped("the CPU steal row: /proc/stat has no steal column here")
        }
        return rows
    }
}
