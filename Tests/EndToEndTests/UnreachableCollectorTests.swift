import Foundation
import Testing
import TrialRecords

#if canImport(Glibc)
import Glibc
#endif

extension EndToEnd {
    /// `isorun run --collector` with no collector at that endpoint (issue 10, case 8).
    @Suite struct UnreachableCollectorTests {
        @Test func anUnreachableCollectorRefusesTheRunBeforeItStarts() async throws {
            try await withTemporaryFolder { folder in
                let endpoint = "tcp://127.0.0.1:\(try LoopbackPort.unused())"
                let out = folder.path("records.jsonl")
                let finished = try await runIsorun(
                    ["run", "--strategies", "no-clear", "--trials", "5", "--collector", endpoint, "--out", out, "--quiet"],
                    in: folder)
                #expect(finished.status == 1, "stderr:\n\(finished.stderr)")
                #expect(finished.stderr.contains("--collector \(endpoint): no collector answered"), "stderr:\n\(finished.stderr)")
                #expect(finished.stderr.contains("--collector-optional"), "says how to run without it; stderr:\n\(finished.stderr)")
                #expect(!FileManager.default.fileExists(atPath: out), "nothing ran, and no file blocks the next try")
            }
        }

        @Test func anOptionalCollectorIsWarnedOfAndItsLossCounted() async throws {
            try await withTemporaryFolder { folder in
                let endpoint = "tcp://127.0.0.1:\(try LoopbackPort.unused())"
                let out = folder.path("records.jsonl")
                let run = try Isorun(
                    ["run", "--strategies", "no-clear", "--trials", "20000", "--collector", endpoint,
                     "--collector-optional", "--out", out, "--quiet"], in: folder)
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
                    "the collector at \(endpoint) acknowledged 0 of \(records.count) records"),
                    "the loss is counted; stderr:\n\(finished.stderr)")
            }
        }

        @Test func anOptionalCollectorThatComesLateGetsEveryRecord() async throws {
            try await withTemporaryFolder { folder in
                let test = TestCollector(in: folder)
                let (endpoint, collected) = (test.endpoint, test.out)
                let out = folder.path("records.jsonl")
                let run = try Isorun(
                    ["run", "--strategies", "clear", "--trials", "300", "--workers", "1", "--collector", endpoint,
                     "--collector-optional", "--out", out, "--quiet"], in: folder)
                try await waitUntil("the warning, or the run's end") {
                    run.stderr.contains("no collector answered at \(endpoint)") || !run.isRunning
                }
                let collector = try Isorun(["collect", "--bind", endpoint, "--out", collected, "--runs", "1"], in: folder)
                let ran = try await run.wait()
                let collect = try await collector.wait(timeout: .seconds(30))
                #expect(ran.status == 0, "run stderr:\n\(ran.stderr)")
                #expect(collect.status == 0, "collect stderr:\n\(collect.stderr)")
                let written = try readRecords(out)
                let received = try readRecords(collected)
                #expect(written.count == 300)
                #expect(Set(received.map(AttemptKey.init)) == Set(written.map(AttemptKey.init)))
                #expect(received.count == written.count, "a record collected twice")
            }
        }

        @Test func aCollectorThatIsThereIsNotWarnedOf() async throws {
            try await withTemporaryFolder { folder in
                let test = TestCollector(in: folder)
                let (endpoint, collected) = (test.endpoint, test.out)
                let collector = try await test.start()
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
