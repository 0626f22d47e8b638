import Foundation
import Testing
import TrialRecords

#if canImport(Glibc)
import Glibc
#endif

extension EndToEnd {
    /// `isorun run` in worker processes: isolation, recycling, lost workers, interruption.
    @Suite struct RunCommandTests {
        /// Also: `--out` in folders that do not exist yet (as `results/` in a fresh
        /// clone) gets them made before anything is written beside it.
        @Test(arguments: ["exec", "fork-server"])
        func processGivesEveryTrialAFreshProcess(launch: String) async throws {
            try await withTemporaryFolder { folder in
                let out = folder.path("not/there/yet/records.jsonl")
                let finished = try await runIsorun(
                    ["run", "--strategies", "process", "--trials", "8", "--workers", "2",
                     "--launch", launch, "--out", out, "--quiet"], in: folder)
                #expect(finished.status == 0, "stderr:\n\(finished.stderr)")
                let records = try readRecords(out)
                #expect(records.count == 8)
                #expect(Set(records.map(\.trial)) == Set(0..<8))
                #expect(Set(records.map(\.pid)).count == 8, "pids: \(records.map(\.pid))")
                for record in records {
                    #expect(record.strategy == .process)
                    #expect(record.outcome == .ok)
                    #expect(record.launch.rawValue == launch)
                    #expect((record.isolationSeconds ?? 0) > 0, "\(record.trial): isolation_s \(record.isolationSeconds)")
                }
            }
        }

        /// Regression: forked one-shot workers deadlocked on a Swift runtime lock
        /// about once in 150 trials (see `ForkServer.onFreshThread`). A hung worker
        /// (before its hello, or in its trial) is cut short by --heartbeat-timeout
        /// or --trial-timeout and makes the exit status 3.
        @Test func forkServerChildrenDoNotHang() async throws {
            try await withTemporaryFolder { folder in
                let out = folder.path("records.jsonl")
                let finished = try await runIsorun(
                    ["run", "--strategies", "process", "--launch", "fork-server", "--trials", "250",
                     "--workers", "2", "--retries", "0", "--trial-timeout", "5", "--heartbeat-timeout", "4", "--out", out, "--quiet"],
                    in: folder)
                #expect(finished.status == 0, "stderr:\n\(finished.stderr)")
                let records = try readRecords(out)
                #expect(records.count == 250)
                let notOK = records.filter { $0.outcome != .ok }
                #expect(notOK.isEmpty, "\(notOK.count) trials not ok: \(notOK.map { "#\($0.trial) \($0.reason ?? "")" })")
            }
        }

        @Test func poolRecyclesWorkersAfterMaxTrials() async throws {
            try await withTemporaryFolder { folder in
                let out = folder.path("records.jsonl")
                let finished = try await runIsorun(
                    ["run", "--strategies", "pool", "--trials", "40", "--workers", "2",
                     "--max-trials-per-worker", "10", "--out", out, "--quiet"], in: folder)
                #expect(finished.status == 0, "stderr:\n\(finished.stderr)")
                let records = try readRecords(out)
                #expect(records.count == 40)
                #expect(records.allSatisfy { $0.outcome == .ok })
                let pids = Set(records.map(\.pid))
                #expect(pids.count >= 4, "40 trials at most 10 per worker need 4 workers; pids: \(pids)")
                let recycled = records.filter { $0.recycled != nil }
                #expect(!recycled.isEmpty)
                #expect(recycled.allSatisfy { $0.recycled == "max-trials" })
                // No worker ran more than 10 trials.
                let perPID = Dictionary(grouping: records, by: \.pid).mapValues(\.count)
                #expect(perPID.values.allSatisfy { $0 <= 10 }, "trials per pid: \(perPID)")
                // Each worker that reached 10 trials is recycled after its tenth.
                for (pid, count) in perPID where count == 10 {
                    let last = records.last { $0.pid == pid }
                    #expect(last?.recycled == "max-trials", "pid \(pid)'s tenth trial is not marked recycled")
                }
            }
        }

        @Test func aWorkerKilledMidRunIsRecordedAndItsTrialRetried() async throws {
            try await withTemporaryFolder { folder in
                let out = folder.path("records.jsonl")
                let trials = 1000
                let run = try Isorun(
                    ["run", "--strategies", "clear", "--trials", "\(trials)", "--retries", "1",
                     "--out", out, "--quiet"], in: folder)
                // After its first record the worker always owes a trial (the next task
                // leaves with the answer to each record); stopped, it cannot finish it.
                try await waitUntil("the first record") { completeLineCount(out) >= 1 }
                let victim = try await onlyWorker(of: run)
                kill(victim, SIGSTOP)
                kill(victim, SIGKILL)

                let finished = try await run.wait()
                #expect(finished.status == 0, "a trial retried to ok leaves nothing missing; stderr:\n\(finished.stderr)")
                let records = try readRecords(out)
                let lost = records.filter { $0.outcome == .workerLost }
                try #require(lost.count >= 1, "no worker-lost record; stderr:\n\(finished.stderr)")
                for record in lost {
                    #expect(record.pid == victim)
                    #expect(record.attempt == 1)
                    let retry = records.filter { $0.trial == record.trial && $0.attempt == 2 }
                    #expect(retry.count == 1 && retry.first?.outcome == .ok, "retry of #\(record.trial): \(retry)")
                    #expect(retry.first?.pid != victim)
                }
                #expect(lost.contains { $0.reason?.contains("signal 9") == true }, "reasons: \(lost.map(\.reason))")
                // Every trial has exactly one final record, and it is ok.
                let finals = records.filter { $0.outcome != .workerLost }
                #expect(finals.count == trials)
                #expect(Set(finals.map(\.trial)) == Set(0..<trials))
                #expect(finals.allSatisfy { $0.outcome == .ok })
                #expect(Set(records.map(AttemptKey.init)).count == records.count, "an attempt recorded twice")
            }
        }

        @Test(arguments: ["no-clear", "process"])
        func sigintStopsTheRunAndLeavesNoChildAlive(strategy: String) async throws {
            try await withTemporaryFolder { folder in
                let out = folder.path("records.jsonl")
                let run = try Isorun(
                    ["run", "--strategies", strategy, "--trials", "5000", "--workers", "2",
                     "--out", out, "--quiet"], in: folder)
                // 5000 trials: far more than run in the time it takes to see two.
                try await waitUntil("the first records") { completeLineCount(out) >= 2 }
                let marker = "--parent"
                let owned = { (process: ProcessInfoEntry) in
                    guard let index = process.commandLine.firstIndex(of: marker) else { return false }
                    return process.commandLine.dropFirst(index + 1).first == "\(run.pid)"
                }
                let before = liveDescendants(of: run.pid)
                #expect(!before.isEmpty, "the run has no child processes to stop")

                run.signal(SIGINT)
                let finished = try await run.wait()
                #expect(finished.status == 130, "stderr:\n\(finished.stderr)")
                let survivors = before.filter(\.stillAlive)
                #expect(survivors.isEmpty, "alive after the run ended: \(survivors)")
                let strays = allProcesses().filter { $0.isAlive && owned($0) }
                #expect(strays.isEmpty, "processes naming the run as parent: \(strays.map(\.commandLine))")

                // What was written is whole lines of whole records.
                let data = try #require(FileManager.default.contents(atPath: out))
                #expect(data.last == UInt8(ascii: "\n"), "the records file ends mid-line")
                let records = try readRecords(out)
                #expect(records.count >= 2)
                #expect(records.count == completeLineCount(out))
                // Issue 10, case 6: trials the signal stopped, or never started, get no false record.
                #expect(records.allSatisfy { $0.outcome == .ok }, "outcomes: \(records.map(\.outcome))")
            }
        }
    }
}
