import Processes
import Scheduler
import TrialRecords
import TrialRuntime

#if canImport(Glibc)
import Glibc
#endif

/// ``WorkerLauncher`` with real processes: `.exec` spawns the worker command,
/// `.forkServer` asks a zygote (started by `prepare(_:)`, or on first use) to fork one. Exec'd
/// workers are this process's children and are reaped here; forked ones are the
/// zygote's, which reports their ends.
///
/// With a local link and a command that has a trial program (`isorun-trial`),
/// workers run that program instead of the ZeroMQ worker and use the link
/// instead of the ZeroMQ endpoint: exec'd, a worker inherits its link as
/// descriptor 3 (`fd://3`), a `process` trial's with its task on it; a trial
/// forked by the program's own zygote connects to the link's listener.
///
/// Workers' standard output and error go to `output` (the run's log file), so a
/// crashing worker's trace stays out of the user's terminal.
///
/// Given a ``CorePlacement``, each worker is pinned, all its threads, to one
/// CPU the moment it is launched; when it ends, its CPU is freed, and a worker
/// that shares a CPU may be moved there. A worker that cannot be pinned (its
/// CPU was taken out of this process's cpuset meanwhile) runs where the
/// kernel puts it, and ``failedPins`` counts it.
public final class ProcessLauncher: WorkerLauncher {
    private let command: WorkerCommand
    /// What workers run, and what forked trials connect to, on the local link.
    private let linkedTrial: (program: [String], endpoint: String)?
    private let output: Int32?
    private let interrupt: Int32?
    private var forkServer: ForkServerClient?
    /// Exec'd workers not yet reaped, and what tells of each one's end at once.
    private var children: [WorkerID: (pid: pid_t, ended: Int32?)] = [:]
    /// Forked workers whose end the zygote has not reported.
    private var forked: [pid_t: WorkerID] = [:]
    /// Ends learnt outside ``takeExits()``, not yet reported.
    private var pendingExits: [(worker: WorkerID, status: ExitStatus)] = []
    /// Where pinned workers go; nil: wherever the kernel puts them.
    private var placement: CorePlacement<WorkerID>?
    /// Pins that failed for a worker still running, with the last reason.
    public private(set) var failedPins: (count: Int, last: CPUAffinity.Failure?) = (0, nil)

    /// - Parameters:
    ///   - command: how to start a worker and a zygote.
    ///   - output: where workers' standard output and error go; nil: this process's standard error.
    ///   - interrupt: readable once the run is interrupted (``SignalWatcher/descriptor``):
    ///     a launch that waits for the fork server gives up then.
    ///   - link: the coordinator's local link endpoint (`local://PATH`); nil:
    ///     workers connect over ZeroMQ. Used only when `command` has a trial program.
    ///   - placement: pin each worker to one of its CPUs; nil: leave them unpinned.
    public init(
        command: WorkerCommand, output: Int32? = nil, interrupt: Int32? = nil, link: String? = nil,
        placement: CorePlacement<WorkerID>? = nil
    ) {
        self.command = command
        if let trial = command.trial, let link { linkedTrial = (trial, link) } else { linkedTrial = nil }
        self.output = output
        self.interrupt = interrupt
        self.placement = placement
    }

    /// An exec'd worker of the trial program: it can start on a link, a
    /// `process` trial with its task.
    public func startsOnLink(_ request: LaunchRequest) -> Bool {
        linkedTrial != nil && request.via == .exec
    }

    /// The zygote's reports and each exec'd worker's end: without them a
    /// worker's end would wait for the coordinator's next tick (20 ms), and a
    /// `process` stage would idle that long between trials.
    public var descriptors: [Int32] {
        (forkServer.map { [$0.eventDescriptor] } ?? []) + children.values.compactMap(\.ended)
    }

    /// Starts the zygote for `.forkServer` and waits until it has loaded what its
    /// children share (a Python zygote imports the framework: seconds).
    public func prepare(_ via: Launch) throws {
        guard via == .forkServer else { return }
        try zygote().awaitReady()
    }

    /// The running zygote, started if there is none.
    private func zygote() throws -> ForkServerClient {
        if let forkServer { return forkServer }
        let program = linkedTrial.map { $0.program + ["fork-server"] } ?? command.forkServer
        let started = try ForkServerClient(
            command: program + ["--parent", "\(getpid())"], output: output, interrupt: interrupt)
        forkServer = started
        return started
    }

    public func launch(_ request: LaunchRequest, endpoint: String, link: PacketSocket?) throws -> Int32 {
        let parent = getpid()
        if request.via == .forkServer {
            let zygote = try zygote()
            do {
                let pid = try zygote.spawn(id: request.worker, endpoint: linkedTrial?.endpoint ?? endpoint)
                forked[pid] = request.worker
                place(request.worker, pid: pid)
                return pid
            } catch let error as ChildProcess.SpawnError where error.code == EINTR {
                // The run is being interrupted: the zygote is not at fault.
                throw error
            } catch {
                // A zygote that cannot fork is replaced by a new one at the next launch.
                pendingExits += zygoteEnded()
                throw error
            }
        }
        // Without a link made for it, a trial connects to the listener, and a long-lived worker to ZeroMQ.
        let (program, endpoint) = if let linkedTrial, link != nil {
            (linkedTrial.program, LinkedTrial.inheritedLink)
        } else if let linkedTrial, request.oneShot {
            (linkedTrial.program, linkedTrial.endpoint)
        } else {
            (command.worker, endpoint)
        }
        let arguments = WorkerCommand.arguments(
            endpoint: endpoint, worker: request.worker, oneShot: request.oneShot, parent: parent)
        let environment = command.environment.merging(WorkerCommand.environment(
            endpoint: endpoint, worker: request.worker, oneShot: request.oneShot, parent: parent)) { _, perWorker in perWorker }
        let pid = try ChildProcess.spawn(
            program[0], arguments: Array(program.dropFirst()) + arguments,
            environment: environment, stdout: output, stderr: output, descriptor3: link?.descriptor)
        children[request.worker] = (pid, ChildProcess.endDescriptor(pid))
        place(request.worker, pid: pid)
        return pid
    }

    /// Pins a worker just launched to the CPU its ``placement`` picks, if pinning.
    private func place(_ worker: WorkerID, pid: pid_t) {
        if let cpu = placement?.take(for: worker) { pin(pid, to: cpu) }
    }

    /// Pins a worker's process, counting a failure unless the process has
    /// already ended (its end is then on its way, and frees the CPU).
    private func pin(_ pid: pid_t, to cpu: Int32) {
        do {
            try CPUAffinity.pin(pid, to: cpu)
        } catch where error.code != ESRCH {
            failedPins = (failedPins.count + 1, error)
        } catch {}
    }

    /// Frees the CPU of a worker that ended, and pins anew the worker that
    /// moves there, if one does.
    private func unpin(_ worker: WorkerID) {
        guard let move = placement?.release(worker),
              let pid = children[move.holder]?.pid ?? forkedPID(of: move.holder)
        else { return }
        pin(pid, to: move.cpu)
    }

    /// The pid of a worker the zygote forked and has not reported ended.
    private func forkedPID(of worker: WorkerID) -> pid_t? {
        forked.first { $0.value == worker }?.key
    }

    public func kill(_ worker: WorkerID) {
        if let pid = children[worker]?.pid {
            ChildProcess.kill(pid)
        } else if let pid = forkedPID(of: worker) {
            forkServer?.kill(pid)
        }
    }

    public func takeExits() -> [(worker: WorkerID, status: ExitStatus)] {
        var exits = pendingExits
        pendingExits.removeAll()
        for (worker, child) in children {
            guard let status = ChildProcess.reapIfEnded(child.pid) else { continue }
            child.ended.map { _ = close($0) }
            children[worker] = nil
            exits.append((worker, status))
        }
        if let zygote = forkServer {
            do {
                for (pid, status) in try zygote.takeEnded() {
                    if let worker = forked.removeValue(forKey: pid) { exits.append((worker, status)) }
                }
            } catch {
                exits += zygoteEnded()
            }
        }
        for exit in exits { unpin(exit.worker) }
        return exits
    }

    /// The zygote is gone: its children died with it (they die with their
    /// parent), so each is reported killed, and the next fork-server launch
    /// starts a new zygote.
    private func zygoteEnded() -> [(worker: WorkerID, status: ExitStatus)] {
        forkServer?.shutdown()
        forkServer = nil
        defer { forked.removeAll() }
        return forked.values.sorted().map { ($0, .signaled(SIGKILL)) }
    }

    public func shutdown() {
        for child in children.values { ChildProcess.kill(child.pid) }
        for child in children.values {
            _ = ChildProcess.wait(child.pid)
            child.ended.map { _ = close($0) }
        }
        children.removeAll()
        forkServer?.shutdown()
        forkServer = nil
        forked.removeAll()
    }
}
