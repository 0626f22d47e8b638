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
                let test = TestCollector(in: folder)
                let (endpoint, collected) = (test.endpoint, test.out)
                let out = folder.path("records.jsonl")
                let first = try await test.start()
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
                let second = try await test.start()

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

extension EndToEnd.CollectorRestartTests {
    /// A run killed with SIGKILL and resumed (`--resume`) towards the same
    /// collector: the collector ends with the whole run once, and its count agrees.
    @Test func aResumedRunBringsItsCollectorTheWholeRun() async throws {
        try await withTemporaryFolder { folder in
            let test = TestCollector(in: folder)
            let (endpoint, collected) = (test.endpoint, test.out)
            let out = folder.path("records.jsonl")
            let collector = try await test.start()
            let experiment = ["--strategies", "clear,pool", "--trials", "150", "--workers", "2", "--collector", endpoint]
            let run = try Isorun(["run"] + experiment + ["--out", out, "--quiet"], in: folder)
            try await waitUntil("some records") { completeLineCount(out) >= 60 }
            run.signal(SIGKILL)
            #expect(try await run.wait().status == 128 + SIGKILL)

            let resumed = try await runIsorun(["run"] + experiment + ["--resume", out, "--quiet"], in: folder)
            let collect = try await collector.wait(timeout: .seconds(30))
            #expect(resumed.status == 0, "run stderr:\n\(resumed.stderr)")
            #expect(collect.status == 0, "collect stderr:\n\(collect.stderr)")
            #expect(!collect.stderr.contains("ended saying"), "the whole run's count; collect stderr:\n\(collect.stderr)")
            let written = try readRecords(out)
            let received = try readRecords(collected)
            #expect(Set(received.map(AttemptKey.init)) == Set(written.map(AttemptKey.init)))
            #expect(received.count == written.count, "a record collected twice")
            #expect(received.filter { $0.outcome == .ok }.count == 300, "one ok record per trial")
        }
    }
}
