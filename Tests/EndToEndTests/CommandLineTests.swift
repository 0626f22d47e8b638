import Foundation
import Testing

extension EndToEnd {
    /// Usage errors and help, through the real binary's exit status and stderr.
    @Suite struct CommandLineTests {
        @Test func anExperimentFileWithABadValueIsExitStatus2NamingFileAndKey() async throws {
            try await withTemporaryFolder { folder in
                let file = folder.path("bad.toml")
                try "[experiment]\ntrials = 0\n".write(toFile: file, atomically: true, encoding: .utf8)
                let finished = try await runIsorun(
                    ["run", file, "--out", folder.path("records.jsonl"), "--quiet"], in: folder)
                #expect(finished.status == 2)
                #expect(finished.stderr.contains(file), "stderr:\n\(finished.stderr)")
                #expect(finished.stderr.contains("trials"), "stderr:\n\(finished.stderr)")
                #expect(!FileManager.default.fileExists(atPath: folder.path("records.jsonl")))
            }
        }

        @Test func anUnknownStrategyIsExitStatus2NamingTheFlag() async throws {
            try await withTemporaryFolder { folder in
                let finished = try await runIsorun(
                    ["run", "--strategies", "no-clear,telepathy", "--trials", "2",
                     "--out", folder.path("records.jsonl"), "--quiet"], in: folder)
                #expect(finished.status == 2)
                #expect(finished.stderr.contains("--strategies"), "stderr:\n\(finished.stderr)")
                #expect(finished.stderr.contains("telepathy"), "stderr:\n\(finished.stderr)")
            }
        }

        @Test func helpListsTheSubcommands() async throws {
            try await withTemporaryFolder { folder in
                let finished = try await runIsorun(["--help"], in: folder)
                #expect(finished.status == 0, "stderr:\n\(finished.stderr)")
                for subcommand in ["run", "worker", "collect", "report"] {
                    #expect(finished.stdout.contains("  \(subcommand)"), "--help does not list \(subcommand)")
                }
            }
        }
    }
}
