import Experiments
import Processes
import Scheduler
import TrialRecords

#if canImport(Glibc)
import Glibc
#endif

/// ``WorkerLauncher`` through Slurm: every worker is one `srun` that runs the
/// worker command as a single task on a node Slurm chooses, and the worker
/// connects back to the coordinator's tcp endpoint.
///
/// One `srun` per worker, not an `sbatch` array: the scheduler launches,
/// recycles, replaces and kills workers one at a time, and `srun` gives each of
/// those a process of its own here, whose exit is the worker's exit (`srun`
/// waits for its task and exits with its status) and whose end (SIGKILL) ends
/// the job step at once. An array is submitted whole up front, and its tasks'
/// ends are seen only by polling `squeue`. Inside an allocation (`salloc`, or
/// an `sbatch` script that runs `isorun run`) each `srun` is a job step of it
/// and starts without waiting in the queue; outside one, each is a job.
///
/// `srun` is started under `setpriv --pdeathsig KILL` where `setpriv` exists
/// (util-linux), so a coordinator killed outright takes its `srun`s, and with
/// them their workers, along.
public final class SlurmLauncher: WorkerLauncher {
    private let command: WorkerCommand
    private let options: SlurmOptions
    private let output: Int32?
    private let jobNamePrefix: String
    private let host: String
    private let parentDeathGuard: String?
    /// `srun` processes not yet reaped, by the worker each runs.
    private var sruns: [WorkerID: pid_t] = [:]

    /// - Parameters:
    ///   - command: the worker command, as it is run on the node.
    ///   - options: partition, time limit and extra `srun` arguments.
    ///   - output: where `srun`'s and the workers' output goes; nil: this process's standard error.
    ///   - host: this machine's name, which workers connect to when the coordinator is bound to every interface.
    public init(command: WorkerCommand, options: SlurmOptions, output: Int32? = nil, host: String = ProcessMetrics.hostName) {
        self.command = command
        self.options = options
        self.output = output
        self.host = host
        jobNamePrefix = "isorun-\(getpid())"
        parentDeathGuard = Self.onPath("setpriv")
    }

    /// Nothing to poll: `srun`s are reaped at every tick.
    public var descriptors: [Int32] { [] }

    /// Starts `srun … WORKER --connect ENDPOINT --id ID [--one-shot]`. No
    /// `--parent`: the coordinator's pid means nothing on another node.
    ///
    /// - Throws: `ChildProcess.SpawnError` when `srun` cannot be started (not
    ///   on `PATH`); Slurm's own refusals (an unknown partition) come as the
    ///   `srun`'s exit, with its message in the worker log.
    public func launch(_ request: LaunchRequest, endpoint: String, link: PacketSocket?) throws -> Int32 {
        let reachable = Self.reachable(endpoint, host: host)
        let worker = command.worker + WorkerCommand.arguments(
            endpoint: reachable, worker: request.worker, oneShot: request.oneShot, parent: nil)
        let srun = ["srun"] + srunOptions(jobName: "\(jobNamePrefix)-\(request.worker)") + worker
        let environment = command.environment.merging(WorkerCommand.environment(
            endpoint: reachable, worker: request.worker, oneShot: request.oneShot, parent: nil)) { _, perWorker in perWorker }
        let program = parentDeathGuard.map { [$0, "--pdeathsig", "KILL", "--"] + srun } ?? srun
        let pid = try ChildProcess.spawn(
            program[0], arguments: Array(program.dropFirst()), environment: environment, stdout: output, stderr: output)
        sruns[request.worker] = pid
        return pid
    }

    /// `srun`'s options before the worker command: one task on one node, no
    /// standard input, a job name that says whose it is, then the user's.
    func srunOptions(jobName: String) -> [String] {
        var arguments = ["--nodes=1", "--ntasks=1", "--input=none", "--job-name=\(jobName)"]
        if let partition = options.partition { arguments.append("--partition=\(partition)") }
        if let time = options.timeLimit { arguments.append("--time=\(time)") }
        return arguments + options.arguments
    }

    /// SIGKILL to the worker's `srun`: Slurm then kills the job step, the
    /// worker with it (even a stopped one).
    public func kill(_ worker: WorkerID) {
        if let pid = sruns[worker] { ChildProcess.kill(pid) }
    }

    public func takeExits() -> [(worker: WorkerID, status: ExitStatus)] {
        var exits: [(worker: WorkerID, status: ExitStatus)] = []
        for (worker, pid) in sruns {
            guard let status = ChildProcess.reapIfEnded(pid) else { continue }
            sruns[worker] = nil
            exits.append((worker, Self.workerStatus(srun: status)))
        }
        return exits
    }

    public func shutdown() {
        for pid in sruns.values { ChildProcess.kill(pid) }
        for pid in sruns.values { _ = ChildProcess.wait(pid) }
        sruns.removeAll()
    }

    /// The worker's end as `srun` reports it: its task's exit status, or
    /// 128 + N for a task killed by signal N (Slurm's convention).
    static func workerStatus(srun status: ExitStatus) -> ExitStatus {
        if case .exited(let code) = status, (129...192).contains(code) { return .signaled(code - 128) }
        return status
    }

    /// The endpoint workers on other nodes connect to: the bound one, with a
    /// wildcard host (`0.0.0.0`, `*`, `[::]`) replaced by this machine's name.
    static func reachable(_ bound: String, host: String) -> String {
        for wildcard in ["tcp://0.0.0.0:", "tcp://*:", "tcp://[::]:"] where bound.hasPrefix(wildcard) {
            return "tcp://\(host):" + bound.dropFirst(wildcard.count)
        }
        return bound
    }

    /// The full path of the executable `name` on `PATH`, nil when there is none.
    private static func onPath(_ name: String) -> String? {
        let path = getenv("PATH").map { String(cString: $0) } ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { access($0, X_OK) == 0 }
    }
}
