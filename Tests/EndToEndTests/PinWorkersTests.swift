import Foundation
import IsoRun
import IsoRunTestSupport
import Processes
import Scheduler
import Testing
import TrialRecords

#if canImport(Glibc)
import Glibc
#endif

extension EndToEnd {
    /// `isorun run --pin-workers` through the real binary: its workers each hold
    /// one CPU of isorun's own affinity mask, and a fork-server's children are
    /// pinned like exec'd workers.
    @Suite struct PinWorkersTests {
        /// Starts a long `clear` run of `workers` pinned workers (through `taskset -c mask`
        /// when given), reads where its workers run, and interrupts it.
        private func workerCPUs(workers: Int, mask: [Int32]?, in folder: TemporaryFolder) async throws -> [Int32?] {
            let out = folder.path("pinned-\(mask?.map(String.init).joined(separator: "_") ?? "all").jsonl")
            let run = try Isorun(
                ["run", "--pin-workers", "--strategies", "clear", "--spread-in-process", "--workers", "\(workers)",
                 "--trials", "100000", "--out", out, "--quiet"],
                in: folder, launcher: mask.map { ["/usr/bin/taskset", "-c", $0.map(String.init).joined(separator: ",")] } ?? [])
            // A worker shows in /proc a moment before the coordinator pins it: wait for the pins.
            var cpus: [Int32?] = []
            try await waitUntil("\(workers) pinned workers") {
                cpus = liveDescendants(of: run.pid).filter(\.isWorker).map { KernelAffinity.pinnedCPU(of: $0.pid) }
                return cpus.count == workers && !cpus.contains(nil)
            }
            run.signal(SIGTERM)
            let finished = try await run.wait()
            #expect(finished.status == 128 + SIGTERM, "\(finished.stderr)")
            return cpus
        }

        @Test func eachWorkerHoldsACPUOfItsOwnWhileThereAreEnough() async throws {
            let allowed = try CPUAffinity.allowedCPUs()
            let workers = min(allowed.count, 4)
            try await withTemporaryFolder { folder in
                let cpus = try await workerCPUs(workers: workers, mask: nil, in: folder)
                #expect(cpus.sorted { ($0 ?? -1) < ($1 ?? -1) } == allowed.prefix(workers).map { $0 })
            }
        }

        @Test func workersStayWithinIsorunsOwnMask() async throws {
            let last = try #require(try CPUAffinity.allowedCPUs().last)
            try await withTemporaryFolder { folder in
                let cpus = try await workerCPUs(workers: 2, mask: [last], in: folder)
                #expect(cpus == [last, last])
            }
        }

        /// The root of the cgroup v1 cpuset hierarchy, where this machine has one a test may
        /// change, and isorun has two CPUs or more (one cannot leave without taking them all).
        private static let cpusetRoot: String? = {
            let root = "/sys/fs/cgroup/cpuset"
            let cpus = (try? CPUAffinity.allowedCPUs().count) ?? 0
            return access("\(root)/cgroup.procs", W_OK) == 0 && cpus >= 2 ? root : nil
        }()

        /// A CPU that leaves isorun's cpuset mid-run, for real: the launches placed on it are
        /// refused by the kernel, those workers run unpinned, every trial still ends ok, and the
        /// run ends with a warning that says so.
        @Test(.enabled(if: cpusetRoot != nil, "no writable cgroup v1 cpuset hierarchy at /sys/fs/cgroup/cpuset, or one CPU"))
        func workersOnACPUThatLeftTheCpusetRunUnpinnedWithAWarning() async throws {
            let root = try #require(Self.cpusetRoot)
            let allowed = try CPUAffinity.allowedCPUs()
            let group = "\(root)/isorun-e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            func write(_ value: String, to file: String) throws {
                try value.write(toFile: "\(group)/\(file)", atomically: false, encoding: .utf8)
            }
            try FileManager.default.createDirectory(atPath: group, withIntermediateDirectories: false)
            defer { rmdir(group) }
            try write(String(contentsOfFile: "\(root)/cpuset.mems", encoding: .utf8), to: "cpuset.mems")
            try write(allowed.map(String.init).joined(separator: ","), to: "cpuset.cpus")
            try await withTemporaryFolder { folder in
                let out = folder.path("shrunk.jsonl")
                // isorun enters the cpuset before it starts: every worker it spawns is in it too.
                let run = try Isorun(
                    ["run", "--pin-workers", "--strategies", "process", "--launch", "exec", "--workers", "2",
                     "--trials", "300", "--out", out, "--quiet"],
                    in: folder, launcher: ["/bin/sh", "-c", "echo $$ > \(group)/cgroup.procs && exec \"$0\" \"$@\""])
                try await waitUntil("the first records") { completeLineCount(out) >= 20 }
                try write("\(allowed[0])", to: "cpuset.cpus")
                let finished = try await run.wait(timeout: .seconds(120))
                #expect(finished.status == 0, "\(finished.stderr)")
                #expect(try readRecords(out).filter { $0.outcome == .ok }.count == 300)
                #expect(finished.stderr.contains("--pin-workers:"), "\(finished.stderr)")
                #expect(finished.stderr.contains("ran unpinned"), "\(finished.stderr)")
                #expect(finished.stderr.contains("no longer in isorun's cpuset"), "\(finished.stderr)")
            }
        }

        @Test func aForkServersChildIsPinnedLikeAnExecdWorker() async throws {
            let cpu = try #require(try CPUAffinity.allowedCPUs().last)
            let launcher = ProcessLauncher(
                command: .isorun(executable: try IsorunBinary.require()), placement: CorePlacement(cpus: [cpu]))
            defer { launcher.shutdown() }
            try await withTemporaryFolder { folder in
                try launcher.prepare(.forkServer)
                let pid = try launcher.launch(
                    LaunchRequest(worker: "forked", trial: nil, via: .forkServer),
                    endpoint: ipcEndpoint("nobody", in: folder), link: nil)
                #expect(KernelAffinity.pinnedCPU(of: pid) == cpu)
            }
        }
    }
}
