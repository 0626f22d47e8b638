import Foundation
import Testing
import TrialRecords

#if canImport(Glibc)
import Glibc
#endif

extension EndToEnd {
    /// A standalone collector killed with SIGKILL in the middle of a run and
    /// started again on the same endpoint and file (issue 10, case 7).
    @Suite struct CollectorRestartTests {
        @Test func aCollectorKilledAndRestartedMidRunEndsWithEveryRecordOnce() async throws {
            try await withTemporaryFolder { folder in
                let endpoint = ipcEndpoint("collect.ipc", in: folder)
                let collected = folder.path("collected.jsonl")
                let out = folder.path("records.jsonl")
                let collect = ["collect", "--bind", endpoint, "--out", collected, "--runs", "1"]
                let first = try Isorun(collect, in: folder)
                try await waitUntil("the collector's file") {
                    FileManager.default.fileExists(atPath: collected) || !first.isRunning
                }
                let run = try Isorun(
                    ["run", "--strategies", "clear,pool", "--trials", "300", "--workers", "2",
                     "--collector", endpoint, "--out", out, "--quiet"], in: folder)
                try await waitUntil("the collector's first records") { completeLineCount(collected) >= 20 }
                first.signal(SIGKILL)
                let killed = try await first.wait()
                #expect(killed.status == 128 + SIGKILL)
                let heldWhenKilled = completeLineCount(collected)
                // Records the run writes while no collector is there wait for the next one.
                let writtenWhenKilled = completeLineCount(out)
                try await waitUntil("records written with no collector") {
                    completeLineCount(out) >= writtenWhenKilled + 20 || !run.isRunning
                }
                let second = try Isorun(collect, in: folder)

                let ran = try await run.wait()
                let collectedRun = try await second.wait(timeout: .seconds(30))
                #expect(ran.status == 0, "run stderr:\n\(ran.stderr)")
                #expect(collectedRun.status == 0, "collect stderr:\n\(collectedRun.stderr)")
                #expect(!ran.stderr.contains("not acknowledged"), "run stderr:\n\(ran.stderr)")

                let written = try readRecords(out)
                let received = try readRecords(collected)
                #expect(written.count == 600)
                #expect(heldWhenKilled < 600, "the collector was killed after the run had sent everything")
                let keys = received.map(AttemptKey.init)
                #expect(Set(keys).count == keys.count, "a record collected twice")
                #expect(Set(keys) == Set(written.map(AttemptKey.init)))
                #expect(received.filter { $0.outcome == .ok }.count == 600, "one ok record per trial")
                #expect(!collectedRun.stderr.contains("ended saying"), "collect stderr:\n\(collectedRun.stderr)")
            }
        }
    }
}
