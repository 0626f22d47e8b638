import Experiments
import ArgumentParser
import Foundation
import IsoRun
import Processes
import Security
import TrialRecords
import ZeroMQ

extension RunCommand {
    /// Every count within ``Limits``, named with its flag and its range.
    func checkCounts() throws {
        func check(_ value: Int?, _ flag: String, _ range: ClosedRange<Int>) throws {
            guard let value, !range.contains(value) else { return }
            throw ValidationError("\(flag) \(Limits.phrase(range)), got \(value)")
        }
        try check(trials, "--trials", Limits.trials)
        try check(repeats, "--repeats", Limits.repeats)
        try check(workers, "--workers", Limits.workers)
        try check(retries, "--retries", Limits.retries)
        try check(maxTrialsPerWorker, "--max-trials-per-worker", Limits.maxTrialsPerWorker)
        if let trials, let repeats, trials * repeats > Limits.trialsPerStrategy {
            throw ValidationError("--trials × --repeats is \(trials * repeats) trials per strategy; at most "
                + "\(Limits.trialsPerStrategy) are allowed")
        }
        if let trialTimeout, !Limits.trialTimeoutSeconds.contains(trialTimeout) {
            throw ValidationError("--trial-timeout \(Limits.phrase(Limits.trialTimeoutSeconds, unit: "seconds (0: no limit)")), got \(trialTimeout)")
        }
        guard Limits.heartbeatTimeoutSeconds.contains(heartbeatTimeout) else {
            throw ValidationError("--heartbeat-timeout \(Limits.phrase(Limits.heartbeatTimeoutSeconds, unit: "seconds")), got \(heartbeatTimeout)")
        }
        if let maxWorkerRss, ByteSize.parse(maxWorkerRss) == nil {
            throw ValidationError("--max-worker-rss '\(maxWorkerRss)' is not a size; use bytes or 512K, 300M, 2G")
        }
    }

    /// The launcher and the endpoint its workers reach: the file's
    /// `cluster.bind` checked like `--bind`, and a tcp one for Slurm's nodes.
    func checkLauncher(_ experiment: Experiment) throws {
        let cluster = experiment.cluster
        if bind == nil, let fileBind = cluster.bind {
            do { try Endpoint.check(fileBind, binding: true) } catch {
                throw UsageError("\(file ?? "the experiment"): cluster.bind \(error)")
            }
        }
        guard cluster.launcher == .slurm else {
            if launching.givesSrunOptions {
                throw UsageError("--slurm-partition, --slurm-time and --slurm-arg apply to --launcher slurm only; add it or drop them")
            }
            return
        }
        if local { throw UsageError("--local runs without workers; the file's cluster.launcher is slurm: drop --local") }
        if pinWorkers {
            throw UsageError("--pin-workers pins local workers; Slurm places its own: drop it and give --slurm-arg=--cpu-bind=cores")
        }
        guard cluster.bind?.hasPrefix("tcp://") == true else {
            throw UsageError("--launcher slurm: workers on Slurm's nodes connect back over tcp; give --bind "
                + "tcp://ADDRESS:PORT (an address of this machine the nodes reach, or 0.0.0.0; PORT * for any free one)")
        }
    }

    /// `--out` is a records file: never a chart or a page, which `isorun report` writes.
    func checkFiles() throws {
        if append && force { throw ValidationError("--append adds to the --out file and --force replaces it; choose one") }
        guard let out else { return }
        let suffix = URL(fileURLWithPath: out).pathExtension.lowercased()
        if ["svg", "html", "htm"].contains(suffix) {
            throw ValidationError("--out \(out): the records file is JSONL, and the chart is written beside it as .svg; "
                + "give a .jsonl path (for a chart or page: isorun report FILE --svg OUT.svg --html OUT.html)")
        }
    }

    /// An existing records file is kept unless the user said what to do with it.
    func checkExisting(_ output: String) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: output, isDirectory: &isFolder) else {
            if append { throw UsageError("--append: \(output) does not exist yet; drop --append to create it") }
            return
        }
        if isFolder.boolValue { throw UsageError("--out \(output) is a folder; give a records file path (run.jsonl)") }
        if !append && !force {
            throw UsageError("--out \(output) exists; add --append to add this run's records to it, or --force to replace it")
        }
    }

    /// A `--bind` or `--collector` endpoint that libzmq would accept.
    static func checkEndpoint(_ endpoint: String, flag: String, binding: Bool) throws {
        do {
            try Endpoint.check(endpoint, binding: binding)
        } catch {
            throw ValidationError("\(flag) \(error)")
        }
    }

    /// `--strategies`: known names, each once, at least one.
    static func parseStrategies(_ list: String) throws -> [Strategy] {
        let allowed = "allowed: \(Strategy.allNames.joined(separator: ", "))"
        let names = list.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard names.contains(where: { !$0.isEmpty }) else {
            throw ValidationError("--strategies is empty; name at least one strategy, comma-separated; \(allowed)")
        }
        var strategies: [Strategy] = []
        for name in names {
            guard !name.isEmpty else { throw ValidationError("--strategies '\(list)' has an empty name; \(allowed)") }
            guard let strategy = Strategy.named(name) else {
                throw ValidationError("--strategies: unknown strategy '\(name)'; \(allowed)")
            }
            guard !strategies.contains(strategy) else {
                throw ValidationError("--strategies names '\(name)' twice; name each strategy once")
            }
            strategies.append(strategy)
        }
        return strategies
    }

    /// A run's failure as the user can act on it: the flag or file, what went wrong, and
    /// what is allowed; never the raw text of libzmq or Foundation.
    func explain(_ error: any Error, output: String) -> any Error {
        switch error {
        case let error as KeyError:
            return UsageError("--curve: \(error)")
        case let error as RecordWriter.OpenError:
            return RunFailure("--out \(output): \(error)")
        case let error as RunManifest.Problem:
            return RunFailure("--out \(output): \(error)")
        case let error as ZMQError where error.endpoint != nil && error.endpoint == bind && error.code == ENODEV:
            return RunFailure("--bind \(bind!): cannot listen there: its host is not an address of this machine; "
                + "use tcp://127.0.0.1:PORT (this machine only), tcp://0.0.0.0:PORT (every interface) or an ipc:// path")
        case let error as ZMQError where error.endpoint != nil && error.endpoint == bind:
            return RunFailure("--bind \(bind!): cannot listen there: \(Self.lowercased(error.message)); "
                + "use a free port, tcp://127.0.0.1:* for any free one, or an ipc:// path")
        case let error as ExperimentRun.ForkServerRefused:
            return UsageError("\(error); nothing ran. Use --launch exec (or launch = \"exec\" in [cluster]): "
                + "a fresh interpreter per trial")
        case let error as ExperimentRun.CollectorUnreachable:
            return RunFailure("--collector \(error.endpoint): \(error); nothing ran. Start it first "
                + "(isorun collect --bind \(error.endpoint) --out FILE), or add --collector-optional to run without it")
        case let error as ZMQError where error.endpoint != nil && error.endpoint == collector:
            return RunFailure("--collector \(collector!): cannot connect: \(Self.lowercased(error.message))")
        case let error as CPUAffinity.Failure:
            return RunFailure("--pin-workers: \(error); run without it")
        case let error as ZMQError:
            return RunFailure("the run's sockets failed\(error.endpoint.map { " at \($0)" } ?? ""): "
                + "\(Self.lowercased(error.message))")
        default:
            return error
        }
    }

    private static func lowercased(_ text: String) -> String {
        text.prefix(1).lowercased() + text.dropFirst()
    }
}

/// A run that could not go on, said in the user's terms; exit status 1.
struct RunFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
