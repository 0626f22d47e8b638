import Foundation
import IsoRun
import IsoRunTestSupport
import Processes
import Scheduler
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `--pin-workers` on real processes: each worker the launcher starts is pinned,
/// every thread of it, to the CPU its ``CorePlacement`` picks; the CPU of a
/// worker that ended is the next one given, a successor started before it
/// ended moves there, and a pin the kernel refuses is counted.
@Suite struct ProcessLauncherPlacementTests {
    /// A worker that only sleeps: `sh -c` takes the launcher's arguments as `$0`, `$1`, ….
    private let sleeper = WorkerCommand(worker: ["/bin/sh", "-c", "exec sleep 30"], forkServer: ["/bin/false"])

    private func launch(_ launcher: ProcessLauncher, _ worker: WorkerID) throws -> Int32 {
        try launcher.launch(LaunchRequest(worker: worker, trial: nil, via: .exec), endpoint: "ipc:///nowhere", link: nil)
    }

    /// The workers whose end `launcher` reports first, asked every 5 ms for up to 10 s.
    /// The thread sleeps rather than the task: a task's sleep can outlast its deadline
    /// while other suites hold the test pool's threads, and then the launcher would be
    /// asked too few times.
    private func endedWorkers(of launcher: ProcessLauncher) -> [WorkerID] {
        for _ in 0..<2000 {
            let ended = launcher.takeExits().map(\.worker)
            if !ended.isEmpty { return ended }
            usleep(5000)
        }
        return []
    }

    @Test func workersArePinnedInTurnAndAnEndedWorkersCPUIsGivenNext() throws {
        let cpus = try CPUAffinity.allowedCPUs()
        let launcher = ProcessLauncher(command: sleeper, placement: CorePlacement(cpus: cpus))
        defer { launcher.shutdown() }
        let workers = (0...cpus.count).map { "w\($0)" }
        let pids = try workers.map { try launch(launcher, $0) }
        #expect(pids.map(KernelAffinity.pinnedCPU(of:)) == (0...cpus.count).map { cpus[$0 % cpus.count] })

        launcher.kill("w0")
        #expect(endedWorkers(of: launcher) == ["w0"])
        // Every CPU holds one worker again: the lowest is the next one taken (on
        // two CPUs or more, without the release it would be the second).
        let next = try launch(launcher, "w-next")
        #expect(KernelAffinity.pinnedCPU(of: next) == cpus[0])
    }

    @Test func aSuccessorStartedBeforeItsPredecessorEndedMovesToTheFreedCPU() throws {
        let cpus = try CPUAffinity.allowedCPUs()
        let launcher = ProcessLauncher(command: sleeper, placement: CorePlacement(cpus: cpus))
        defer { launcher.shutdown() }
        for index in cpus.indices { _ = try launch(launcher, "w\(index)") }
        // The last worker is recycled: its successor starts first, on the first CPU.
        let successor = try launch(launcher, "successor")
        #expect(KernelAffinity.pinnedCPU(of: successor) == cpus[0])
        launcher.kill("w\(cpus.count - 1)")
        #expect(endedWorkers(of: launcher) == ["w\(cpus.count - 1)"])
        #expect(KernelAffinity.pinnedCPU(of: successor) == cpus.last)
    }

    @Test func aWorkerThatCannotBePinnedRunsWhereItWasAndIsCounted() throws {
        // CPU 4000: beyond any machine here, so the kernel refuses it (EINVAL).
        let launcher = ProcessLauncher(command: sleeper, placement: CorePlacement(cpus: [4000]))
        defer { launcher.shutdown() }
        let pid = try launch(launcher, "w0")
        #expect(launcher.failedPins.count == 1)
        #expect(launcher.failedPins.last?.code == EINVAL)
        let lists = Set(KernelAffinity.threadLists(of: pid).values.map { KernelAffinity.cpus(inList: $0) })
        #expect(lists == [try CPUAffinity.allowedCPUs()])
    }

    @Test func withoutAPlacementWorkersKeepThisProcesssCPUs() throws {
        let launcher = ProcessLauncher(command: sleeper)
        defer { launcher.shutdown() }
        let pid = try launch(launcher, "w0")
        let lists = Set(KernelAffinity.threadLists(of: pid).values.map { KernelAffinity.cpus(inList: $0) })
        #expect(lists == [try CPUAffinity.allowedCPUs()])
    }

    /// python3, which starts threads on request, where the machine has one.
    private static let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first { (path: String) in access(path, X_OK) == 0 }

    @Test(.enabled(if: python != nil, "python3 not found in /usr/bin or /usr/local/bin"))
    func pinningReachesThreadsAProcessAlreadyHas() throws {
        let cpu = try #require(try CPUAffinity.allowedCPUs().last)
        // Three threads besides the main one, started before it is pinned.
        let pid = try ChildProcess.spawn(Self.python!, arguments: [
            "-c", "import threading, time\n[threading.Thread(target=time.sleep, args=(30,), daemon=True).start() for _ in range(3)]\ntime.sleep(30)",
        ])
        defer {
            ChildProcess.kill(pid)
            _ = ChildProcess.wait(pid)
        }
        for _ in 0..<1000 where KernelAffinity.threadLists(of: pid).count < 4 { usleep(10_000) }
        try CPUAffinity.pin(pid, to: cpu)
        let lists = KernelAffinity.threadLists(of: pid)
        #expect(lists.count == 4)
        #expect(Set(lists.values) == ["\(cpu)"])
    }

    @Test func pinningAnEndedProcessSaysSo() throws {
        let pid = try ChildProcess.spawn("true", arguments: [])
        _ = ChildProcess.wait(pid)
        let failure = #expect(throws: CPUAffinity.Failure.self) { try CPUAffinity.pin(pid, to: 0) }
        #expect(failure?.code == ESRCH)
    }
}
