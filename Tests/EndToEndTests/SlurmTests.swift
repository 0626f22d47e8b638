import Foundation
import Testing
import TrialRecords

#if canImport(Glibc)
import Glibc
#endif

extension EndToEnd {
    /// `--launcher slurm` on a real one-node Slurm (`scripts/slurm/local-cluster.sh`):
    /// every worker is started by `srun`, connects back over tcp, and its end
    /// comes back as `srun`'s.
    @Suite(.enabled(
        if: LocalSlurm.unavailable == nil,
        "Slurm cannot run here: needs root and Debian's slurm-wlm and munge (apt-get install -y slurm-wlm munge)"))
    struct SlurmTests {
        private let quick = LocalSlurm.packageRoot.appendingPathComponent("Config/quick.toml").path
        private let slurm = ["--launcher", "slurm", "--bind", "tcp://127.0.0.1:*"]

        @Test func workersStartedBySrunCompleteThePoolStageWithAsManyOKRecordsAsALocalRun() async throws {
            try await withTemporaryFolder { folder in
                try await LocalSlurm.withCluster {
                    let local = folder.path("local.jsonl")
                    let localRun = try await runIsorun(
                        ["run", quick, "--strategies", "pool", "--out", local, "--quiet"], in: folder)
                    #expect(localRun.status == 0, "stderr:\n\(localRun.stderr)")
                    // As on a real cluster: every interface, so CURVE keys, which the workers get too.
                    let keys = folder.path("keys")
                    let generated = try await runIsorun(["keys", "generate", "--out", keys], in: folder)
                    try #require(generated.status == 0, "stderr:\n\(generated.stderr)")
                    let viaSrun = folder.path("slurm.jsonl")
                    let slurmRun = try await runIsorun(
                        ["run", quick, "--strategies", "pool", "--out", viaSrun, "--quiet", "--launcher", "slurm",
                         "--bind", "tcp://0.0.0.0:*", "--curve", keys],
                        in: folder, environment: LocalSlurm.environment, timeout: .seconds(120))
                    #expect(slurmRun.status == 0, "stderr:\n\(slurmRun.stderr)")

                    let localOK = try readRecords(local).filter { $0.outcome == .ok }
                    let records = try readRecords(viaSrun)
                    let slurmOK = records.filter { $0.outcome == .ok }
                    #expect(localOK.count == 20)
                    #expect(slurmOK.count == localOK.count)
                    #expect(Set(slurmOK.map(\.trial)) == Set(0..<20))
                    #expect(records.allSatisfy { $0.launch == .srun }, "\(Set(records.map(\.launch)))")
                    #expect(Set(records.map(\.host)).count == 1, "the one node")
                    try await expectNoJobLeft()
                }
            }
        }

        @Test func aWorkerKilledOnItsNodeIsLostRetriedAndReplaced() async throws {
            try await withTemporaryFolder { folder in
                try await LocalSlurm.withCluster {
                    let (run, victim) = try await poolRun(trials: 1000, in: folder, extra: [])
                    kill(victim, SIGKILL)
                    let finished = try await run.wait(timeout: .seconds(180))
                    let records = try expectOneOKRecordPerTrial(1000, in: folder, finished)
                    let lost = records.filter { $0.outcome == .workerLost && $0.pid == victim }
                    #expect(lost.count == 1, "the killed worker's trial: \(lost)")
                    // The kill lands in a trial (srun's exit status 137 is read back) or just
                    // after the worker said ready (its task finds the connection gone): the
                    // trial is lost once either way, and the reason says which.
                    let reasons = ["worker killed by signal 9 (Killed)", "worker could not be sent its task (gone, or not reading)"]
                    #expect(lost.first.map { reasons.contains($0.reason ?? "") } == true, "\(lost)")
                    try await expectNoJobLeft()
                }
            }
        }

        @Test func aStoppedWorkerFallsSilentAndSlurmEndsItWhenItsSrunIsKilled() async throws {
            try await withTemporaryFolder { folder in
                try await LocalSlurm.withCluster {
                    let (run, victim) = try await poolRun(trials: 1000, in: folder, extra: ["--heartbeat-timeout", "3"])
                    kill(victim, SIGSTOP)
                    let finished = try await run.wait(timeout: .seconds(180))
                    let records = try expectOneOKRecordPerTrial(1000, in: folder, finished)
                    #expect(records.filter { $0.outcome == .workerLost && $0.pid == victim }.count == 1)
                    try await waitUntil(timeout: .seconds(30), "Slurm to end the stopped worker") {
                        ProcessInfoEntry(pid: victim)?.isAlive != true
                    }
                    try await expectNoJobLeft()
                }
            }
        }

        /// A `pool` run through Slurm without recycling, once it has records:
        /// the run and the pid of the worker that wrote the first one (on this
        /// machine, the only node).
        private func poolRun(
            trials: Int, in folder: TemporaryFolder, extra: [String]
        ) async throws -> (run: Isorun, worker: pid_t) {
            let out = folder.path("records.jsonl")
            let run = try Isorun(
                ["run", quick, "--strategies", "pool", "--trials", "\(trials)", "--max-trials-per-worker", "100000",
                 "--workers", "2", "--out", out, "--quiet"] + slurm + extra,
                in: folder, environment: LocalSlurm.environment)
            try await waitUntil(timeout: .seconds(60), "the first records") { completeLineCount(out) >= 2 }
            let first = try #require(try readRecords(out).first)
            #expect(first.launch == .srun)
            return (run, first.pid)
        }

        /// Slurm ends a finished job within seconds (it stays `COMPLETING` a
        /// moment); none of the run's may stay longer.
        private func expectNoJobLeft(sourceLocation: SourceLocation = #_sourceLocation) async throws {
            let deadline = ContinuousClock.now + .seconds(30)
            var left = try await LocalSlurm.jobs().filter { $0.hasPrefix("isorun-") }
            while !left.isEmpty && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(200))
                left = try await LocalSlurm.jobs().filter { $0.hasPrefix("isorun-") }
            }
            #expect(left.isEmpty, "jobs outlived the run by 30 s: \(left)", sourceLocation: sourceLocation)
        }

        @discardableResult
        private func expectOneOKRecordPerTrial(
            _ trials: Int, in folder: TemporaryFolder, _ finished: Finished,
            sourceLocation: SourceLocation = #_sourceLocation
        ) throws -> [TrialRecord] {
            #expect(finished.status == 0, "the lost trial retried to ok; stderr:\n\(finished.stderr)",
                    sourceLocation: sourceLocation)
            let records = try readRecords(folder.path("records.jsonl"))
            let ok = records.filter { $0.outcome == .ok }
            #expect(ok.count == trials, sourceLocation: sourceLocation)
            #expect(Set(ok.map(\.trial)) == Set(0..<trials), "one ok record per trial", sourceLocation: sourceLocation)
            return records
        }
    }

    /// What `--launcher slurm` refuses before anything starts (no Slurm needed).
    @Suite struct SlurmUsageTests {
        @Test func slurmWithoutATcpEndpointIsRefused() async throws {
            try await withTemporaryFolder { folder in
                let out = folder.path("r.jsonl")
                let noBind = try await runIsorun(["run", "--launcher", "slurm", "--out", out], in: folder)
                #expect(noBind.status == 2)
                #expect(noBind.stderr.contains("--launcher slurm") && noBind.stderr.contains("--bind tcp://"),
                        "stderr:\n\(noBind.stderr)")
                let ipc = try await runIsorun(
                    ["run", "--launcher", "slurm", "--bind", ipcEndpoint("c", in: folder), "--out", out], in: folder)
                #expect(ipc.status == 2, "stderr:\n\(ipc.stderr)")
                #expect(!FileManager.default.fileExists(atPath: out), "nothing ran")
            }
        }

        @Test func srunOptionsAreCheckedAndNeedTheSlurmLauncher() async throws {
            try await withTemporaryFolder { folder in
                let out = folder.path("r.jsonl")
                let time = try await runIsorun(
                    ["run", "--launcher", "slurm", "--bind", "tcp://127.0.0.1:*", "--slurm-time", "an hour", "--out", out],
                    in: folder)
                #expect(time.status == 2)
                #expect(time.stderr.contains("--slurm-time") && time.stderr.contains("HH:MM:SS"), "stderr:\n\(time.stderr)")
                let alone = try await runIsorun(["run", "--slurm-partition", "gpu", "--out", out], in: folder)
                #expect(alone.status == 2)
                #expect(alone.stderr.contains("--launcher slurm"), "stderr:\n\(alone.stderr)")
                let local = try await runIsorun(["run", "--local", "--launcher", "slurm", "--out", out], in: folder)
                #expect(local.status == 2, "stderr:\n\(local.stderr)")
            }
        }
    }
}
