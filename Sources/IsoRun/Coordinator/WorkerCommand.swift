#if canImport(Glibc)
import Glibc
#endif

/// How to start a worker process and its fork-server zygote: the programs and
/// their leading arguments, to which the launcher appends
/// `--connect ENDPOINT --id ID [--one-shot] --parent PID` (a worker) or
/// `--parent PID` (a zygote). The same values are also in the environment
/// (`ISORUN_ENDPOINT`, `ISORUN_WORKER_ID`, `ISORUN_ONE_SHOT`, `ISORUN_PARENT_PID`),
/// for workers in other languages; docs/protocol.md documents both.
public struct WorkerCommand: Sendable, Equatable {
    /// A worker: the program, then its leading arguments.
    public var worker: [String]
    /// A fork-server zygote, speaking the line protocol of `ForkServer`.
    public var forkServer: [String]

    public init(worker: [String], forkServer: [String]) {
        precondition(!worker.isEmpty && !forkServer.isEmpty, "a worker command names a program")
        self.worker = worker
        self.forkServer = forkServer
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

    /// IsoRun's own worker: `isorun-worker` beside `executable` (the `isorun`
    /// binary), which links only what a worker needs; where it is missing,
    /// `isorun worker` and `isorun fork-server`.
    public static func isorun(executable: String) -> WorkerCommand {
        let folder = executable.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        let slim = (folder.isEmpty ? "" : folder + "/") + "isorun-worker"
        if access(slim, X_OK) == 0 {
            return WorkerCommand(worker: [slim], forkServer: [slim, "fork-server"])
        }
        return WorkerCommand(worker: [executable, "worker"], forkServer: [executable, "fork-server"])
    }
}
