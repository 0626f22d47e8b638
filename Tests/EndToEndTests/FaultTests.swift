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
