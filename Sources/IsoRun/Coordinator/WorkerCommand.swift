#if canImport(Glibc)
import Glibc
#endif

/// How to start a worker process and its fork-server zygote: the programs and
/// their leading arguments, to which the launcher appends
/// `--connect ENDPOINT --id ID [--one-shot] --parent PID` (a worker) or
/// `--parent PID` (a zygote). The same values are also in the environment
/// (`ISORUN_ENDPOINT`, `ISORUN_WORKER_ID`, `ISORUN_ONE_SHOT`, `ISORUN_PARENT_PID`),
/// for workers in other languages; docs/protocol.md documents both.
///
/// A launcher of its own (Slurm, ssh) starts ``worker`` with those arguments
/// and sets ``environment`` as well: that is how a worker gets its keys.
public struct WorkerCommand: Sendable, Equatable {
    /// A worker: the program, then its leading arguments.
    public var worker: [String]
    /// A fork-server zygote, speaking the line protocol of `ForkServer`.
    public var forkServer: [String]
    /// The program that serves a local run's workers over the coordinator's
    /// local link (`isorun-trial`: docs/protocol.md, "Local link"), and whose
    /// `fork-server` forks `process` trials; nil: every worker connects over
    /// ZeroMQ (a foreign worker program).
    public var trial: [String]?
    /// Variables every worker and zygote is started with, besides the per-worker
    /// ones: `ISORUN_CURVE_DIR` once ``securing(with:)`` added keys.
    public var environment: [String: String] = [:]

    public init(worker: [String], forkServer: [String], trial: [String]? = nil) {
        precondition(!worker.isEmpty && !forkServer.isEmpty && trial?.isEmpty != true, "a worker command names a program")
        self.worker = worker
        self.forkServer = forkServer
        self.trial = trial
    }

    /// What the launcher appends to ``worker``: `--connect ENDPOINT --id ID
    /// [--one-shot] [--parent PID]`; the parent is left out where it means
    /// nothing (a worker on another host).
    public static func arguments(endpoint: String, worker: String, oneShot: Bool, parent: Int32?) -> [String] {
        var arguments = ["--connect", endpoint, "--id", worker]
        if oneShot { arguments.append("--one-shot") }
        if let parent { arguments += ["--parent", "\(parent)"] }
        return arguments
    }

    /// The same values as ``arguments(endpoint:worker:oneShot:parent:)``, as
    /// environment variables for workers in other languages.
    public static func environment(endpoint: String, worker: String, oneShot: Bool, parent: Int32?) -> [String: String] {
        var environment = [
            "ISORUN_ENDPOINT": endpoint, "ISORUN_WORKER_ID": worker, "ISORUN_ONE_SHOT": oneShot ? "1" : "0",
        ]
        if let parent { environment["ISORUN_PARENT_PID"] = "\(parent)" }
        return environment
    }

    /// This command with CURVE on: `--curve FOLDER` appended to the worker's
    /// and the zygote's arguments, and `ISORUN_CURVE_DIR=FOLDER` set.
    ///
    /// - Parameter folder: the key folder, as the workers will see it (an
    ///   absolute path, for workers started in another folder).
    public func securing(with folder: String) -> WorkerCommand {
        var command = self
        command.worker += ["--curve", folder]
        command.forkServer += ["--curve", folder]
        command.environment["ISORUN_CURVE_DIR"] = folder
        return command
    }

    /// IsoRun's own worker: `isorun-worker` beside `executable` (the `isorun`
    /// binary), which links only what a worker needs, for workers on ZeroMQ
    /// (through Slurm), and `isorun-trial` for local workers on the local
    /// link; where one is missing, `isorun worker` and `isorun fork-server`,
    /// with every worker on ZeroMQ.
    public static func isorun(executable: String) -> WorkerCommand {
        let folder = executable.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        let slim = (folder.isEmpty ? "" : folder + "/") + "isorun-worker"
        let trial = (folder.isEmpty ? "" : folder + "/") + "isorun-trial"
        if access(slim, X_OK) == 0 && access(trial, X_OK) == 0 {
            return WorkerCommand(worker: [slim], forkServer: [slim, "fork-server"], trial: [trial])
        }
        return WorkerCommand(worker: [executable, "worker"], forkServer: [executable, "fork-server"])
    }
}
