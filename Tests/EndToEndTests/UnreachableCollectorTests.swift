import Foundation
import Testing
import TrialRecords

#if canImport(Glibc)
import Glibc
#endif

extension EndToEnd {
    /// `isorun run --collector` with no collector at that endpoint.
    @Suite struct UnreachableCollectorTests {
        @Test func anUnreachableCollectorIsWarnedOfWhileTheRunGoes() async throws {
            try await withTemporaryFolder { folder in
                let endpoint = "tcp://127.0.0.1:\(try LoopbackPort.unused())"
                let out = folder.path("records.jsonl")
                let run = try Isorun(
                    ["run", "--strategies", "no-clear", "--trials", "20000", "--collector", endpoint,
                     "--out", out, "--quiet"], in: folder)
                try await waitUntil("the warning, or the run's end") {
                    run.stderr.contains("no collector answered at \(endpoint)") || !run.isRunning
                }
                #expect(run.isRunning, "the run ended before it warned; stderr:\n\(run.stderr)")
                try await waitUntil("records in the file") { completeLineCount(out) >= 3 }
                run.signal(SIGINT)
                let finished = try await run.wait()
                #expect(finished.status == 130, "stderr:\n\(finished.stderr)")
                let records = try readRecords(out)
                #expect(finished.stderr.contains(
                    "\(records.count) of \(records.count) records could not be sent to the collector at \(endpoint)"),
                    "the loss is counted; stderr:\n\(finished.stderr)")
            }
        }

        @Test func aCollectorThatIsThereIsNotWarnedOf() async throws {
            try await withTemporaryFolder { folder in
                let endpoint = ipcEndpoint("collect.ipc", in: folder)
                let collected = folder.path("collected.jsonl")
                let collector = try Isorun(["collect", "--bind", endpoint, "--out", collected, "--runs", "1"], in: folder)
                try await waitUntil("the collector's file") {
                    FileManager.default.fileExists(atPath: collected) || !collector.isRunning
                }
                let ran = try await runIsorun(
                    ["run", "--strategies", "no-clear", "--trials", "5", "--collector", endpoint,
                     "--out", folder.path("records.jsonl"), "--quiet"], in: folder)
                #expect(ran.status == 0, "stderr:\n\(ran.stderr)")
                #expect(!ran.stderr.contains("collector"), "stderr:\n\(ran.stderr)")
                #expect(try await collector.wait(timeout: .seconds(10)).status == 0)
                #expect(try readRecords(collected).count == 5)
            }
        }
    }
}
