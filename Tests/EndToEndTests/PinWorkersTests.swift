import Foundation
import IsoRun
import IsoRunTestSupport
import Processes
import Scheduler
import Testing

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
