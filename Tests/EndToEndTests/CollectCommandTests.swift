import Foundation
import Testing
import TrialRecords

extension EndToEnd {
    /// `isorun collect`, a standalone collector, fed by `isorun run --collector`.
    @Suite struct CollectCommandTests {
        @Test func aStandaloneCollectorGetsExactlyTheRunsRecords() async throws {
            try await withTemporaryFolder { folder in
                let test = TestCollector(in: folder)
                let (endpoint, collected) = (test.endpoint, test.out)
                let out = folder.path("records.jsonl")
                let collector = try await test.start()
                let run = try Isorun(
                    ["run", "--strategies", "clear,pool", "--trials", "300", "--workers", "2",
                     "--collector", endpoint, "--out", out, "--quiet"], in: folder)
                // The collector's file grows while the run goes: with the run stopped
                // after the collector's first record, it holds part of the run.
                try await waitUntil("the collector's first record") { completeLineCount(collected) >= 1 }
                kill(run.pid, SIGSTOP)
                let partial = completeLineCount(collected)
                kill(run.pid, SIGCONT)
                #expect(partial > 0 && partial < 600, "the collector held \(partial) of 600 records mid-run")
                let ran = try await run.wait()
                let collect = try await collector.wait(timeout: .seconds(10))
                #expect(ran.status == 0, "run stderr:\n\(ran.stderr)")
                #expect(collect.status == 0, "collect stderr:\n\(collect.stderr)")

                let written = try readRecords(out)
                let received = try readRecords(collected)
                #expect(written.count == 600)
                #expect(received.count == written.count)
                let writtenKeys = written.map(AttemptKey.init)
                let receivedKeys = received.map(AttemptKey.init)
                #expect(Set(receivedKeys).count == receivedKeys.count, "a record collected twice")
                #expect(Set(receivedKeys) == Set(writtenKeys))
                // Field for field, not only the same keys.
                let writtenByKey = Dictionary(written.map { (AttemptKey($0), $0) }, uniquingKeysWith: { first, _ in first })
                for record in received where writtenByKey[AttemptKey(record)] != record {
                    Issue.record("collected \(AttemptKey(record)) differs from the run's: \(record)")
                }
            }
        }
    }
}
