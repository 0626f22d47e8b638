import Foundation
import Testing
import TrialRecords

#if canImport(Glibc)
import Glibc
#endif

extension EndToEnd {
    /// The coordinator itself stopped (SIGSTOP) while trials are in flight: the
    /// pause is its own, and no trial is charged for it.
    @Suite struct CoordinatorPauseTests {
        /// How long the coordinator is stopped.
        private let pause = Duration.seconds(3)

        @Test(arguments: ["process", "pool"])
        func aStoppedCoordinatorsPauseIsLeftOutOfTheTrials(strategy: String) async throws {
            try await withTemporaryFolder { folder in
                let out = folder.path("records.jsonl")
                let run = try Isorun(
                    ["run", "--strategies", strategy, "--trials", "400", "--workers", "2", "--out", out, "--quiet"],
                    in: folder)
                try await waitUntil("the first records") { completeLineCount(out) >= 20 }
                // The workers go on while the coordinator is stopped: each has a trial in flight.
                run.signal(SIGSTOP)
                try await Task.sleep(for: pause)
                run.signal(SIGCONT)

                let finished = try await run.wait(timeout: .seconds(120))
                #expect(finished.status == 0, "stderr:\n\(finished.stderr)")
                #expect(finished.stderr.contains("the coordinator itself was stopped or not running for"),
                        "stderr:\n\(finished.stderr)")
                let records = try readRecords(out)
                #expect(records.count == 400 && records.allSatisfy { $0.outcome == .ok })
                // Against the pause this test made: no trial is charged even half of it.
                let half = (pause / 2).seconds
                let charged = records.filter { ($0.isolationSeconds ?? 0) > half || ($0.wallSeconds ?? 0) > half }
                #expect(charged.isEmpty, "trials charged with the pause: \(charged.map { "#\($0.trial) isolation_s \($0.isolationSeconds ?? 0) wall_s \($0.wallSeconds ?? 0)" })")
            }
        }
    }
}
