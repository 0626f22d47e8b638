import ArgumentParser
import Bench
import Foundation
import IsoRun

/// `isorun bench`: IsoRun's costs beside what the machine allows.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure dispatch, isolation, throughput, ingest and memory beside their floors.",
        discussion: """
            Each figure is measured through the real coordinator, workers and collector, beside a \
            floor measured in the same run: a raw libzmq round trip or PUSH-PULL (small C programs \
            built with cc), posix_spawn of a minimal Swift program (isorun-floor, built beside \
            isorun), fork+_exit+waitpid, N × one worker's throughput. Run it from the IsoRun \
            checkout on an otherwise idle machine; `make bench` builds what it needs.

            Exit status: 0 measured (goals met or not: see the `met` column); 1 a floor or run failed.

            Examples:
              isorun bench --quick
              isorun bench --format json > bench.json
            """)

    @Flag(help: "Fewer samples: under a minute.")
    var quick = false

    @Option(help: "table (aligned text) or json (one object per row: figure, value, unit, floor, ratio, goal, better, met).")
    var format: BenchFormat = .table

    @Option(help: "Most workers for the throughput rows (default: one per core).")
    var maxWorkers: Int?

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        if let maxWorkers, maxWorkers < 1 { throw ValidationError("--max-workers must be positive, got \(maxWorkers)") }
    }

    func run() throws {
        logging.bootstrap()
        let figures = try Figures(executable: ChildProcess.currentExecutable, signals: SignalWatcher())
        defer { figures.cleanUp() }
        let suite = BenchSuite(
            sizes: quick ? .quick : .full, floors: Floors(), figures: figures,
            maxWorkers: maxWorkers ?? ProcessInfo.processInfo.activeProcessorCount,
            progress: { printError("isorun bench: measuring \($0)") })
        print(format.render(try suite.run()), terminator: "")
    }
}

extension BenchFormat: ExpressibleByArgument {}
