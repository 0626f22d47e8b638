import Foundation
import Testing
import TrialRecords

extension EndToEnd {
    /// Faults caused for real in the processes of a run.
    @Suite struct FaultTests {
        @Test func aKilledForkServerIsReplacedAndNoTrialIsLost() async throws {
            try await withTemporaryFolder { folder in
                let out = folder.path("records.jsonl")
                let trials = 300
                let run = try Isorun(
                    ["run", "--strategies", "process", "--trials", "\(trials)", "--workers", "2",
                     "--launch", "fork-server", "--out", out, "--quiet"], in: folder)
                try await waitUntil("the first records") { completeLineCount(out) >= 2 }
                var zygotes: [ProcessInfoEntry] = []
                try await waitUntil("the fork server") {
                    zygotes = liveChildren(of: run.pid).filter { $0.commandLine.contains("fork-server") }
                    return zygotes.count == 1
                }
                kill(zygotes[0].pid, SIGKILL)

                let finished = try await run.wait(timeout: .seconds(120))
                #expect(finished.status == 0, "every trial retried to ok; stderr:\n\(finished.stderr)")
                let records = try readRecords(out)
                let ok = records.filter { $0.outcome == .ok }
                #expect(ok.count == trials)
                #expect(Set(ok.map(\.trial)) == Set(0..<trials), "one ok record per trial")
                #expect(records.filter { $0.outcome != .ok }.allSatisfy { $0.outcome == .workerLost && $0.attempt == 1 })
                let after = liveChildren(of: run.pid)
                #expect(after.isEmpty, "the run left \(after.map(\.commandLine))")
            }
        }
    }
}
