import Foundation
import TrialRecords
import Wire

/// What identifies a run's experiment, written beside its records file
/// (`NAME.run.json` for `NAME.jsonl`) before the first record, so that
/// `isorun run --resume` can continue that run and refuse another experiment's.
///
/// Identity is what decides which trials exist and what each one measures: the
/// experiment's name, its strategies in order, trials, repeats, the workload
/// (as tasks carry it), the worker program and framework, and the cluster
/// settings that change a trial's measurements (`launch`, `spread_in_process`,
/// `max_trials_per_worker`, `max_worker_rss`). Everything else may differ on
/// resume: workers, retries, time limits, endpoints, a collector.
public struct RunManifest: Codable, Sendable, Equatable {
    /// The run's id, kept by a resumed run.
    public var runID: String
    public var experiment: String
    public var strategies: [String]
    public var trials: Int
    public var repeats: Int
    /// The workload's JSON as every task carries it.
    public var workload: String
    /// A foreign worker program's command; nil for IsoRun's own engine.
    public var workerCommand: [String]?
    public var framework: String?
    public var launch: String
    public var spreadInProcess: Bool
    public var maxTrialsPerWorker: Int
    public var maxWorkerRSSBytes: Int

    /// The manifest of a run of `experiment` under `runID`.
    public init(_ experiment: Experiment, runID: String) {
        self.runID = runID
        self.experiment = experiment.name
        strategies = experiment.strategies.map(\.rawValue)
        trials = experiment.trials
        repeats = experiment.repeats
        workload = Self.canonical(experiment.program?.parametersJSON ?? WireMessage.Task.json(of: experiment.workload))
        workerCommand = experiment.program?.command
        framework = experiment.program?.framework.rawValue
        launch = experiment.cluster.launch.rawValue
        spreadInProcess = experiment.cluster.spreadInProcess
        maxTrialsPerWorker = experiment.cluster.maxTrialsPerWorker
        maxWorkerRSSBytes = experiment.cluster.maxWorkerRSSBytes
    }

    /// `json` with its keys sorted, so two encodings of one workload compare
    /// equal (an encoder may write a dictionary's keys in any order).
    static func canonical(_ json: String) -> String {
        guard let value = try? JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed]),
              let sorted = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed])
        else { return json }
        return String(decoding: sorted, as: UTF8.self)
    }

    enum CodingKeys: String, CodingKey {
        case runID = "run_id"
        case experiment, strategies, trials, repeats, workload
        case workerCommand = "worker_command"
        case framework, launch
        case spreadInProcess = "spread_in_process"
        case maxTrialsPerWorker = "max_trials_per_worker"
        case maxWorkerRSSBytes = "max_worker_rss_bytes"
    }

    /// What differs between this run (`here`) and `other` (the file's), one
    /// phrase per field, naming the key and both values; empty when they are
    /// the same experiment. The run id is not compared.
    public func differences(fromFile other: RunManifest) -> [String] {
        var found: [String] = []
        func compare<Value: Equatable>(_ key: String, _ mine: Value, _ theirs: Value, _ show: (Value) -> String) {
            if mine != theirs { found.append("\(key) is \(show(theirs)) in the file's run, \(show(mine)) here") }
        }
        compare("experiment", experiment, other.experiment) { "'\($0)'" }
        compare("strategies", strategies, other.strategies) { $0.joined(separator: ",") }
        compare("trials", trials, other.trials) { "\($0)" }
        compare("repeats", repeats, other.repeats) { "\($0)" }
        if workload != other.workload { found.append("the workload ([model], [optimizer], [fit] or [workload]) differs") }
        compare("the worker command", workerCommand, other.workerCommand) { $0?.joined(separator: " ") ?? "isorun's own" }
        compare("framework", framework, other.framework) { $0 ?? "none" }
        compare("launch", launch, other.launch) { $0 }
        compare("spread_in_process", spreadInProcess, other.spreadInProcess) { "\($0)" }
        compare("max_trials_per_worker", maxTrialsPerWorker, other.maxTrialsPerWorker) { "\($0)" }
        compare("max_worker_rss (bytes)", maxWorkerRSSBytes, other.maxWorkerRSSBytes) { "\($0)" }
        return found
    }

    /// The manifest's path for a records file: its name with `.run.json`
    /// instead of its extension, in the same folder.
    public static func path(besideRecords recordsPath: String) -> String {
        let url = URL(fileURLWithPath: recordsPath)
        let name = url.pathExtension.isEmpty ? url.lastPathComponent : url.deletingPathExtension().lastPathComponent
        let folder = (recordsPath as NSString).deletingLastPathComponent
        return (folder.isEmpty ? "" : folder + "/") + name + ".run.json"
    }

    /// The manifest as its file holds it: pretty, keys sorted.
    public func json() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        // Encoding plain strings, numbers and arrays cannot fail.
        return Array(try! encoder.encode(self)) + [UInt8(ascii: "\n")]
    }

    /// Writes the manifest beside `recordsPath`, durably: a temporary file,
    /// `fsync(2)`ed, renamed over the old one, then its folder synced; so after
    /// a power loss the manifest is the old one or the new one, whole.
    ///
    /// - Throws: ``Problem`` naming the file and the system's reason.
    public func write(besideRecords recordsPath: String) throws {
        let path = Self.path(besideRecords: recordsPath)
        let temporary = path + ".tmp"
        let bytes = json()
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        var written = descriptor >= 0
        if written {
            written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) } == bytes.count
                && fsync(descriptor) == 0
            let reason = errno
            close(descriptor)
            errno = reason
        }
        guard written, rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno)).lowercased()
            unlink(temporary)
            throw Problem(description: "cannot write the run's manifest \(path): \(reason)")
        }
        let folder = (path as NSString).deletingLastPathComponent
        let folderDescriptor = open(folder.isEmpty ? "." : folder, O_RDONLY | O_CLOEXEC)
        if folderDescriptor >= 0 {
            _ = fsync(folderDescriptor)
            close(folderDescriptor)
        }
    }

    /// Reads a manifest file.
    ///
    /// - Throws: ``Problem`` naming the file and what is wrong with it.
    public static func read(_ path: String) throws -> RunManifest {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Problem(description: "\(path) is missing: it is written when a run starts, and --resume needs it")
        }
        do {
            return try JSONDecoder().decode(RunManifest.self, from: data)
        } catch {
            throw Problem(description: "\(path) is not a run manifest (a JSON object with run_id, experiment, "
                + "strategies, trials, repeats, workload and the cluster keys, as isorun run writes it)")
        }
    }

    /// A manifest that cannot be read.
    public struct Problem: Error, CustomStringConvertible {
        public var description: String
    }
}
