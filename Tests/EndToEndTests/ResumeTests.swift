import Foundation
import Testing
import TrialRecords

#if canImport(Glibc)
import Glibc
#endif

extension EndToEnd {
    /// `isorun run --resume FILE`: an interrupted run continued from its records file.
    @Suite struct ResumeTests {
        private let experiment = ["--strategies", "no-clear,process,pool", "--trials", "80", "--workers", "2"]

        @Test func aKilledRunIsResumedToOneOKRecordPerTrialUnderItsRunID() async throws {
            try await withTemporaryFolder { folder in
                let out = folder.path("records.jsonl")
                let run = try Isorun(["run"] + experiment + ["--out", out, "--quiet"], in: folder)
                try await waitUntil("some records") { completeLineCount(out) >= 90 }
                run.signal(SIGKILL)
                #expect(try await run.wait().status == 128 + SIGKILL)
                let before = try #require(FileManager.default.contents(atPath: out))
                let runID = try #require(try readRecords(out).first?.runID)

                let resumed = try await runIsorun(["run"] + experiment + ["--resume", out, "--quiet"], in: folder)
                #expect(resumed.status == 0, "stderr:\n\(resumed.stderr)")
                #expect(resumed.stderr.contains("resuming run \(runID) in \(out)"), "stderr:\n\(resumed.stderr)")
                let after = try #require(FileManager.default.contents(atPath: out))
                #expect(after.prefix(before.count) == before, "the records before the kill were changed")
                let records = try readRecords(out)
                #expect(Set(records.map(\.runID)) == [runID])
                let ok = records.filter { $0.outcome == .ok }.map { "\($0.strategy) \($0.repeat) \($0.trial)" }
                let planned = ["no-clear", "process", "pool"].flatMap { strategy in (0..<80).map { "\(strategy) 0 \($0)" } }
                #expect(ok.count == planned.count, "one ok record per trial")
                #expect(Set(ok) == Set(planned))
                // The report covers the whole run, not only the resumed part.
                #expect(resumed.stderr.contains("240/240 trials ok"), "stderr:\n\(resumed.stderr)")
            }
        }

        @Test func aTornLastLineIsCutOffWithAWarning() async throws {
            try await withTemporaryFolder { folder in
                let out = folder.path("records.jsonl")
                let small = ["--strategies", "no-clear", "--trials", "10", "--local"]
                #expect(try await runIsorun(["run"] + small + ["--out", out, "--quiet"], in: folder).status == 0)
                // A power loss: the last three records are gone and the one before is half written.
                var lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").map(String.init)
                lines.removeLast(3)
                let half = String(lines.removeLast().prefix(100))
                try Data((lines.map { $0 + "\n" }.joined() + half).utf8).write(to: URL(fileURLWithPath: out))

                let resumed = try await runIsorun(["run"] + small + ["--resume", out, "--quiet"], in: folder)
                #expect(resumed.status == 0, "stderr:\n\(resumed.stderr)")
                #expect(resumed.stderr.contains("warning: --resume \(out): its last 100 bytes are not a whole record"),
                        "stderr:\n\(resumed.stderr)")
                let records = try readRecords(out)
                #expect(records.count == 10)
                #expect(Set(records.map(\.trial)) == Set(0..<10))
                #expect(Set(records.map(\.runID)).count == 1)
            }
        }

        @Test func aFileOfAnotherExperimentIsRefusedNamingTheDifference() async throws {
            try await withTemporaryFolder { folder in
                let out = folder.path("records.jsonl")
                #expect(try await runIsorun(
                    ["run", "--strategies", "no-clear", "--trials", "5", "--local", "--out", out, "--quiet"],
                    in: folder).status == 0)
                let before = try #require(FileManager.default.contents(atPath: out))
                let refused = try await runIsorun(
                    ["run", "--strategies", "no-clear,clear", "--trials", "6", "--local", "--resume", out], in: folder)
                #expect(refused.status == 2)
                #expect(refused.stderr.contains("is of another experiment: strategies is no-clear in the file's run, "
                    + "no-clear,clear here; trials is 5 in the file's run, 6 here"), "stderr:\n\(refused.stderr)")
                #expect(FileManager.default.contents(atPath: out) == before, "a refused resume changed the file")

                let noManifest = folder.path("other.jsonl")
                try before.write(to: URL(fileURLWithPath: noManifest))
                let missing = try await runIsorun(
                    ["run", "--strategies", "no-clear", "--trials", "5", "--local", "--resume", noManifest], in: folder)
                #expect(missing.status == 2)
                #expect(missing.stderr.contains("\(folder.path("other.run.json")) is missing"), "stderr:\n\(missing.stderr)")

                let both = try await runIsorun(["run", "--resume", out, "--append"], in: folder)
                #expect(both.status == 2)
                #expect(both.stderr.contains("--resume adds to its file and keeps it; drop --append and --force"))
            }
        }
    }
}
