import Foundation
import Testing
import TrialRecords

extension EndToEnd {
    /// Faults caused for real in the processes of a run.
    @Suite struct FaultTests {
        @Test func aKilledForkServerIsReplacedAndNoTrialIsLost() async throws {
            try await withTemporaryFolder { folder in
                let (run, zygote) = try await processRunWithItsZygote(trials: 300, in: folder)
                kill(zygote.pid, SIGKILL)

                let finished = try await run.wait(timeout: .seconds(120))
                try expectOneOKRecordPerTrial(300, in: folder, finished)
                let records = try readRecords(folder.path("records.jsonl"))
                #expect(records.filter { $0.outcome != .ok }.allSatisfy { $0.outcome == .workerLost && $0.attempt == 1 })
                let after = liveChildren(of: run.pid)
                #expect(after.isEmpty, "the run left \(after.map(\.commandLine))")
            }
        }

        @Test func aStoppedForkServerIsReplacedAndTheRunGoesOn() async throws {
            try await withTemporaryFolder { folder in
                let (run, zygote) = try await processRunWithItsZygote(trials: 200, in: folder)
                kill(zygote.pid, SIGSTOP)

                let finished = try await run.wait(timeout: .seconds(120))
                try expectOneOKRecordPerTrial(200, in: folder, finished)
                #expect(!zygote.stillAlive, "the stopped zygote was left behind")
            }
        }

        /// Workers on the local link, `process` trials exec'd and forked and
        /// long-lived `pool` workers: one killed mid-trial, one stopped mid-trial
        /// until the silence of its link's heartbeats has it killed. Both trials
        /// are retried to ok, and nothing is left running. The trials outlast the
        /// heartbeat timeout, so the others live on their link's heartbeats:
        /// exactly the two struck are lost.
        @Test(arguments: [("process", "exec"), ("process", "fork-server"), ("pool", "exec")])
        func linkedWorkersKilledOrStoppedMidTrialAreRetried(strategy: String, launch: String) async throws {
            try await withTemporaryFolder { folder in
                let config = folder.path("slow.toml")
                try """
                    [experiment]
                    name = "slow-trials"
                    trials = 4
                    [fit]
                    epochs = \(Self.slowEpochs)
                    """.write(toFile: config, atomically: true, encoding: .utf8)
                let out = folder.path("records.jsonl")
                let run = try Isorun(
                    ["run", config, "--strategies", strategy, "--launch", launch, "--workers", "2",
                     "--heartbeat-timeout", "1.5", "--retries", "1", "--out", out, "--quiet"], in: folder)
                var trials: [ProcessInfoEntry] = []
                // Mid-trial: a worker that has burnt 0.3 s of CPU is fitting (an idle one
                // blocks, and start-up takes far less); one struck before its task loses no trial.
                try await waitUntil("two trials running") {
                    let children = liveChildren(of: run.pid)
                    let forked = children.filter { $0.commandLine.contains("fork-server") }.flatMap { liveChildren(of: $0.pid) }
                    trials = children.filter(\.isWorker) + forked
                    return trials.count == 2 && trials.allSatisfy { $0.cpuTicks >= 30 }
                }
                kill(trials[0].pid, SIGKILL)
                kill(trials[1].pid, SIGSTOP)

                let finished = try await run.wait(timeout: .seconds(120))
                try expectOneOKRecordPerTrial(4, in: folder, finished)
                let lost = try readRecords(out).filter { $0.outcome == .workerLost }
                #expect(lost.count == 2, "lost: \(lost.map(\.reason))")
                let killed = lost.first { $0.pid == trials[0].pid }
                let stopped = lost.first { $0.pid == trials[1].pid }
                #expect(killed?.reason?.contains("signal 9") == true, "lost: \(lost.map(\.reason))")
                #expect(stopped?.reason?.contains("silent") == true, "lost: \(lost.map(\.reason))")
                #expect(!trials[1].stillAlive, "the stopped trial was left behind")
                #expect(liveChildren(of: run.pid).isEmpty)
            }
        }

        /// Epochs that keep a debug build's trial busy for about two seconds: long
        /// enough to catch two of them running, and longer than 1.5 s of silence.
        static let slowEpochs = 20_000

        /// A `process` run through a fork server, once it has records and its zygote.
        private func processRunWithItsZygote(
            trials: Int, in folder: TemporaryFolder
        ) async throws -> (run: Isorun, zygote: ProcessInfoEntry) {
            let out = folder.path("records.jsonl")
            let run = try Isorun(
                ["run", "--strategies", "process", "--trials", "\(trials)", "--workers", "2",
                 "--launch", "fork-server", "--out", out, "--quiet"], in: folder)
            try await waitUntil("the first records") { completeLineCount(out) >= 2 }
            var zygotes: [ProcessInfoEntry] = []
            try await waitUntil("the fork server") {
                zygotes = liveChildren(of: run.pid).filter { $0.commandLine.contains("fork-server") }
                return zygotes.count == 1
            }
            return (run, zygotes[0])
        }

        private func expectOneOKRecordPerTrial(
            _ trials: Int, in folder: TemporaryFolder, _ finished: Finished,
            sourceLocation: SourceLocation = #_sourceLocation
        ) throws {
            #expect(finished.status == 0, "every trial retried to ok; stderr:\n\(finished.stderr)",
                    sourceLocation: sourceLocation)
            let ok = try readRecords(folder.path("records.jsonl")).filter { $0.outcome == .ok }
            #expect(ok.count == trials, sourceLocation: sourceLocation)
            #expect(Set(ok.map(\.trial)) == Set(0..<trials), "one ok record per trial", sourceLocation: sourceLocation)
        }
    }
}
