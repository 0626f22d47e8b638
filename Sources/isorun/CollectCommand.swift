import ArgumentParser
import Collecting
import Experiments
import Logging
import Processes
import Foundation
import Security
import SystemPackage
import TrialRecords
import ZeroMQ

/// `isorun collect`: a standalone collector that runs stream their records to.
struct CollectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect",
        abstract: "Receive records from runs as their trials end and append them to a JSONL file.",
        discussion: """
            Binds a ROUTER socket; every `isorun run --collector ENDPOINT` pointed at it streams each \
            record the moment its trial ends, and the file grows as they arrive. Each record is \
            acknowledged once it is on disk, and stored once however often it is sent: a run re-sends \
            what was not acknowledged, so a collector killed and started again on the same endpoint \
            and file misses nothing (the records already in --out are read at start). Ends after \
            --runs distinct runs have sent their end (0: only on SIGINT or SIGTERM); everything \
            received is on disk. An end from a run that never said open nor sent a record is ignored.

            Example:
              isorun collect --bind tcp://127.0.0.1:5560 --out all.jsonl --runs 2 &
              isorun run Config/quick.toml --collector tcp://127.0.0.1:5560
              isorun run Config/seed.toml --collector tcp://127.0.0.1:5560

            Runs on other machines: bind with keys (isorun keys generate --out keys), \
            `isorun collect --bind tcp://0.0.0.0:5560 --curve keys ...`, and give the runs the same \
            folder (--curve keys): the collector admits only the client keys in keys/authorized/.
            """)

    @Option(help: "Endpoint to bind: ipc://PATH, or tcp://HOST:PORT (127.0.0.1 unless you mean otherwise).")
    var bind: String

    @Option(help: "JSONL file the records are appended to (created with its folders).")
    var out: String

    @Option(help: "Exit after this many distinct runs have ended: 1-\(Limits.collectorRuns.upperBound); 0 collects until interrupted.")
    var runs = 0

    @OptionGroup var security: SecurityOptions

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        guard Limits.collectorRuns.contains(runs) else {
            throw ValidationError("--runs \(Limits.phrase(Limits.collectorRuns)), got \(runs)")
        }
        try RunCommand.checkEndpoint(bind, flag: "--bind", binding: true)
        let suffix = out.split(separator: ".").last.map { $0.lowercased() } ?? ""
        if out.contains("."), ["svg", "html", "htm"].contains(suffix) {
            throw ValidationError("--out \(out): records are appended as JSONL; give a .jsonl path")
        }
    }

    func run() throws {
        logging.bootstrap()
        try security.checkBind(bind, flag: "--bind", curve: security.curve, keysHint: "Give --curve DIR")
        let logger = Logger(label: "isorun.collect")
        let context = try Context()
        let curve: CurveServer?
        do {
            curve = try security.curve.map { try CurveServer(folder: KeyFolder($0), context: context, logger: logger) }
        } catch let error as KeyError {
            throw UsageError("--curve: \(error)")
        }
        let signals = SignalWatcher()
        let writer: RecordWriter
        do {
            writer = try RecordWriter(path: FilePath(out), append: true)
        } catch let error as RecordWriter.OpenError {
            throw RunFailure("--out \(out): \(error)")
        }
        defer { writer.close() }
        let existing = try heldRecords(logger: logger)
        let collector: Collector
        do {
            collector = try Collector(
                bind: bind, writer: writer, existing: existing, logger: logger, context: context, curve: curve)
        } catch let error as ZMQError {
            throw RunFailure("--bind \(bind): cannot listen there: \(error.message.prefix(1).lowercased())"
                + "\(error.message.dropFirst()); use a free port or an ipc:// path")
        }
        try collector.run(untilRuns: runs, stopDescriptor: signals.descriptor)
        printError("isorun collect: \(collector.written) records from \(collector.received.endedRuns) runs in \(out)")
        if let signal = signals.signal { throw ExitCode(128 + signal) }
    }

    /// The keys of the records --out already holds, so that none is stored twice.
    private func heldRecords(logger: Logger) throws -> ReceivedRecords {
        guard FileManager.default.fileExists(atPath: out) else { return ReceivedRecords() }
        let held: RecordReader.Result
        do {
            held = try RecordReader.read(file: out)
        } catch {
            throw RunFailure("--out \(out): \(error)")
        }
        if !held.problems.isEmpty {
            logger.warning("--out \(out): \(held.problems.count) lines are not records and are left as they are; first: \(held.problems[0])")
        }
        let received = ReceivedRecords(existing: held.records)
        if !held.records.isEmpty {
            logger.info("--out \(out) holds \(held.records.count) records of \(received.knownRuns) runs; none is stored twice")
        }
        return received
    }
}
