import Foundation
import Testing
import TrialRecords
import ZeroMQ

extension EndToEnd {
    /// Every case of issue 12's "Files" and "Bad input", through the real binary: each
    /// is refused with its exit status, a message that names the flag or file and what
    /// is allowed, and never the raw text of Foundation, libzmq or a crash.
    @Suite struct BadInputTests {
        struct Case: Sendable, CustomStringConvertible {
            var arguments: [String]
            var status: Int32
            var mentions: [String]
            var description: String { arguments.joined(separator: " ") }
        }

        /// Text that must never reach a user.
        static let raw = ["Error Domain", "NSCocoaErrorDomain", "NSPOSIXErrorDomain", "ZMQError", "zmq_", "(errno",
                          "Fatal error", "Stack dump", "UserInfo"]

        static func cases(in folder: TemporaryFolder, busy: String) -> [Case] {
            let existing = folder.path("existing.jsonl"), toml = folder.path("experiment.toml")
            let csv = folder.path("records.csv")
            return [
                Case(arguments: ["run", "--out", folder.path("r.svg")], status: 2, mentions: ["--out", ".jsonl"]),
                Case(arguments: ["run", "--out", folder.path("r.html")], status: 2, mentions: ["--out", ".jsonl"]),
                Case(arguments: ["run", "--local", "--strategies", "clear", "--trials", "1", "--out", existing, "--quiet"],
                     status: 2, mentions: ["--out", "exists", "--append", "--force"]),
                Case(arguments: ["run", "--append", "--force"], status: 2, mentions: ["--append", "--force"]),
                Case(arguments: ["run", "--local", "--pin-workers"], status: 2, mentions: ["--local", "--pin-workers"]),
                Case(arguments: ["run", "--pin-workers", "--launcher", "slurm", "--bind", "tcp://127.0.0.1:*"], status: 2,
                     mentions: ["--pin-workers", "--slurm-arg=--cpu-bind=cores"]),
                Case(arguments: ["report", toml], status: 1, mentions: [toml, "no valid record"]),
                Case(arguments: ["report", csv], status: 1, mentions: [csv, "no valid record"]),
                Case(arguments: ["report", folder.path("")], status: 1, mentions: ["is a folder"]),
                Case(arguments: ["run", "--trials", "1000000000000"], status: 2, mentions: ["--trials", "between 1 and 100000"]),
                Case(arguments: ["run", "--trials", "10000000"], status: 2, mentions: ["--trials", "between 1 and 100000"]),
                Case(arguments: ["run", "--trials", "100000", "--repeats", "2"], status: 2, mentions: ["--repeats", "100000"]),
                Case(arguments: ["run", "--workers", "0"], status: 2, mentions: ["--workers", "between 1 and 1024"]),
                Case(arguments: ["run", "--retries", "99"], status: 2, mentions: ["--retries", "between 0 and 10"]),
                Case(arguments: ["collect", "--bind", "ipc://x", "--out", "x.jsonl", "--runs=-1"], status: 2,
                     mentions: ["--runs", "between 0 and"]),
                Case(arguments: ["run", "--strategies", ""], status: 2, mentions: ["--strategies", "empty", "allowed"]),
                Case(arguments: ["run", "--strategies", "clear,clear"], status: 2, mentions: ["--strategies", "twice"]),
                Case(arguments: ["run", "--local", "--strategies", "clear", "--trials", "1", "--quiet",
                                 "--out", "/proc/isorun-nowhere/sub/r.jsonl"],
                     status: 1, mentions: ["--out", "/proc/isorun-nowhere", "cannot write records"]),
                Case(arguments: ["run", "--bind", "tcp://127.0.0.1:99999"], status: 2,
                     mentions: ["--bind", "99999", "out of range", "tcp://HOST:PORT"]),
                Case(arguments: ["run", "--bind", "localhost:5555"], status: 2, mentions: ["--bind", "ipc://PATH"]),
                Case(arguments: ["run", "--collector", "tcp://127.0.0.1:*"], status: 2, mentions: ["--collector", "'*'"]),
                Case(arguments: ["run", "--strategies", "clear", "--trials", "1", "--workers", "1", "--quiet",
                                 "--bind", busy, "--out", folder.path("busy.jsonl")],
                     status: 1, mentions: ["--bind", busy, "address already in use", "free port"]),
                Case(arguments: ["run", "--strategies", "clear", "--trials", "1", "--workers", "1", "--quiet",
                                 "--bind", "tcp://nohost.invalid:5555", "--out", folder.path("nohost.jsonl")],
                     status: 2, mentions: ["--bind", "without CURVE keys", "--curve DIR", "--insecure"]),
                Case(arguments: ["run", "--strategies", "clear", "--trials", "1", "--workers", "1", "--quiet", "--insecure",
                                 "--bind", "tcp://nohost.invalid:5555", "--out", folder.path("nohost.jsonl")],
                     status: 1, mentions: ["--bind", "not an address of this machine", "tcp://127.0.0.1:PORT"]),
                Case(arguments: ["collect", "--bind", "tcp://127.0.0.1:70000", "--out", "x.jsonl"], status: 2,
                     mentions: ["--bind", "out of range"]),
                Case(arguments: ["report", existing, "--svg", "/proc/isorun-nowhere/chart.svg"], status: 1,
                     mentions: ["--svg", "/proc/isorun-nowhere/chart.svg", "cannot write it"]),
                Case(arguments: ["reprot", existing], status: 2, mentions: ["unknown command 'reprot'", "did you mean 'report'"]),
                Case(arguments: ["rnu"], status: 2, mentions: ["did you mean 'run'"]),
            ]
        }

        @Test func everyBadInputIsRefusedByNameWithoutRawErrorText() async throws {
            try await withTemporaryFolder { folder in
                let existing = folder.path("existing.jsonl")
                let line = #"{"record_version":2,"run_id":"0123456789abcdef","experiment":"e","strategy":"clear","trial":0,"repeat":0,"attempt":1,"worker":"local","pid":1,"host":"h","launch":"in-process","started_at":"2026-12-03T12:00:00.000000Z","models_before":0,"create_s":0.001,"fit_s":0.002,"test_s":0.001,"total_s":0.004,"isolation_s":0.0,"wall_s":0.004,"rss_bytes":1000,"peak_rss_bytes":1000,"graph_nodes":1,"live_variables":1,"nodes_copied":1,"outcome":"ok","reason":null,"recycled":null}"#
                try (line + "\n").write(toFile: existing, atomically: true, encoding: .utf8)
                try "[experiment]\ntrials = 3\n".write(toFile: folder.path("experiment.toml"), atomically: true, encoding: .utf8)
                try "strategy,trial\nclear,0\n".write(toFile: folder.path("records.csv"), atomically: true, encoding: .utf8)
                let context = try Context()
                let occupant = try Socket(context, type: .pull)
                try occupant.setLinger(.zero)
                try occupant.bind("tcp://127.0.0.1:*")
                let busy = try #require(try occupant.lastEndpoint)
                for example in Self.cases(in: folder, busy: busy) {
                    let finished = try await runIsorun(example.arguments, in: folder)
                    #expect(finished.status == example.status, "\(example): stderr:\n\(finished.stderr)")
                    for mention in example.mentions {
                        #expect(finished.stderr.contains(mention), "\(example): no '\(mention)' in:\n\(finished.stderr)")
                    }
                    for text in Self.raw {
                        #expect(!finished.stderr.contains(text), "\(example): raw '\(text)' in:\n\(finished.stderr)")
                    }
                }
                occupant.close()
                #expect(try String(contentsOfFile: existing, encoding: .utf8) == line + "\n", "the existing file is kept")
            }
        }

        @Test func appendAddsARunAndForceReplacesTheFile() async throws {
            try await withTemporaryFolder { folder in
                let out = folder.path("runs.jsonl")
                let base = ["run", "--local", "--strategies", "clear", "--trials", "2", "--quiet", "--out", out]
                #expect(try await runIsorun(base, in: folder).status == 0)
                let appended = try await runIsorun(base + ["--append"], in: folder)
                #expect(appended.status == 0, "stderr:\n\(appended.stderr)")
                let records = try readRecords(out)
                #expect(records.count == 4)
                #expect(Set(records.map(\.runID)).count == 2)
                #expect(appended.stdout.contains("2/2 trials ok"), "the report is of this run only:\n\(appended.stdout)")
                #expect(try await runIsorun(base + ["--force"], in: folder).status == 0)
                #expect(try readRecords(out).count == 2)
            }
        }

        @Test func versionAndASpreadTooThinAreSaid() async throws {
            try await withTemporaryFolder { folder in
                let version = try await runIsorun(["--version"], in: folder)
                #expect(version.status == 0)
                #expect(version.stdout.contains("isorun 0.3.0"))
                let spread = try await runIsorun(
                    ["run", "--strategies", "no-clear", "--trials", "4", "--workers", "2", "--spread-in-process",
                     "--quiet", "--out", folder.path("spread.jsonl")], in: folder)
                #expect(spread.status == 0, "stderr:\n\(spread.stderr)")
                #expect(spread.stderr.contains("warning: no-clear's 4 trials over 2 workers"), "\(spread.stderr)")
                let together = try await runIsorun(
                    ["run", "--strategies", "no-clear", "--trials", "4", "--workers", "2",
                     "--quiet", "--out", folder.path("together.jsonl")], in: folder)
                #expect(!together.stderr.contains("warning"), "\(together.stderr)")
                let records = try readRecords(folder.path("together.jsonl"))
                #expect(Set(records.map(\.pid)).count == 1, "no-clear runs in one process unless spread")
                #expect(records.map(\.modelsBefore) == [0, 1, 2, 3])
            }
        }
    }
}
