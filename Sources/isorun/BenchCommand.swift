import ArgumentParser
import Bench
import Foundation
import IsoRun
import Processes

/// `isorun bench`: IsoRun's costs beside what the machine allows.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure dispatch, isolation, throughput, ingest and memory beside their floors.",
        discussion: """
            Each figure is measured through the real coordinator, workers and collector, beside a \
            floor measured in the same run: a raw round trip over the worker's transport (the \
            socket pair of a local worker's link, or libzmq for a worker on ZeroMQ) or a raw \
            PUSH-PULL (small C programs built with cc), posix_spawn of a minimal Swift program linked \
            as the local worker isorun-trial is (isorun-floor: no libzmq, a static PIE) and \
            fork+_exit+waitpid inside it, the idle memory of that program and of one linked as \
            isorun-worker is (isorun-floor-zmq: libzmq), N × one worker's throughput. \
            Each pool dispatch row and its floor run with the coordinator (the floor's parent) and \
            the worker (its echoing child) pinned alike: on two CPUs, then on one, since a wake-up \
            from another CPU can cost more than the rest of a round trip (an interrupt between \
            CPUs, in a virtual machine an exit to the hypervisor), and left to itself the kernel \
            may place a floor one way and its figure the other. Under each pool dispatch row on \
            the link, "link + coordinator's calls" is the floor's round trip with the system \
            calls the coordinator adds to a trial (a poll of five descriptors, the record line's \
            write): not a floor, but how much of the gap those calls alone make. Dispatch, isolation and throughput are measured in 5 blocks that alternate \
            with their floor's, each row the median of the blocks, so that a slow spell of the \
            machine slows both sides of a ratio alike. Under each throughput row of several \
            workers, three rows say what its shortfall is made of: the coordinator's CPU per trial, \
            which the workers' cores carry, the median trial body (total_s) against one \
            worker's, and the share of the machine's CPU time left idle (/proc/stat). The \
            throughput, body and idle rows follow again with each worker pinned to a CPU of its own \
            (run --pin-workers), against one pinned worker. Collector ingest sends records packed \
            as a run sends them when they wait (`records` messages of up to 256); "one record a \
            message" sends each alone, as to a collector that takes no `records` message; \
            "receive only" sends those single record messages to a socket that receives them \
            whole and drops them: against the same floor, what the messaging alone reaches \
            before the collector's work. Run it from the IsoRun checkout on an \
            otherwise idle machine; `make bench` builds what it needs. \
            The last row is the share of CPU time the hypervisor gave to other guests meanwhile \
            (steal, from /proc/stat): a few percent or more means the figures ran slow.

            With --repeat N the suite runs N times and each row gives the median of the N \
            runs, each run's ratio taken against that run's floor, with the smallest and largest \
            ratio. Rows beside Python's multiprocessing need python3 on PATH; without it they are \
            left out, with a note on standard error.

            Exit status: 0 measured (goals met or not: see the `met` column); 1 a floor or run \
            failed; 130 or 143 stopped by SIGINT or SIGTERM (between measurements).

            Examples:
              isorun bench --quick
              isorun bench --repeat 5
              isorun bench --format json > bench.json
            """)

    @Flag(help: "Fewer samples: under a minute.")
    var quick = false

    @Option(help: """
        table (aligned text) or json (one object per row: figure, value, value_min, value_max, unit, floor, \
        ratio, ratio_min, ratio_max, goal (a number, or null), better (lower or higher), met, runs).
        """)
    var format: BenchFormat = .table

    @Option(name: .customLong("repeat"), help: "Run the whole suite this many times and report each row's median and range.")
    var repetitions = 1

    @Option(help: "Most workers for the throughput rows (default: one per core).")
    var maxWorkers: Int?

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        if let maxWorkers, maxWorkers < 1 { throw ValidationError("--max-workers must be positive, got \(maxWorkers)") }
        if repetitions < 1 { throw ValidationError("--repeat must be 1 or more, got \(repetitions)") }
    }

    func run() throws {
        logging.bootstrap()
        let signals = SignalWatcher()
        let figures = try Figures(executable: ChildProcess.currentExecutable, signals: signals)
        defer { figures.cleanUp() }
        let suite = BenchSuite(
            sizes: quick ? .quick : .full, floors: Floors(), figures: figures,
            maxWorkers: maxWorkers ?? ProcessInfo.processInfo.activeProcessorCount,
            progress: { what in
                // SIGINT and SIGTERM end the suite between measurements.
                if let signal = signals.signal { throw ExitCode(128 + signal) }
                printError("isorun bench: measuring \(what)")
            },
            skipped: { what in printError("isorun bench: left out \(what)") })
        var runs: [[BenchRow]] = []
        do {
            for run in 1...repetitions {
                if repetitions > 1 { printError("isorun bench: run \(run) of \(repetitions)") }
                runs.append(try suite.run())
            }
        } catch let error as BenchError where signals.signal != nil {
            printError("isorun bench: interrupted (\(error))")
            throw ExitCode(128 + signals.signal!)
        }
        // Every run measures the same rows in the same order.
        let rows = runs[0].indices.map { index in BenchRow(repeats: runs.map { $0[index] }) }
        print(format.render(rows), terminator: "")
    }
}

extension BenchFormat: ExpressibleByArgument {}
