import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

extension EndToEnd {
    /// A coordinator's private ipc folder (`TMPDIR/isorun-PID-XXXXXX`) after it dies.
    @Suite struct PrivateFolderCleanupTests {
        @Test func theFolderOfAKilledCoordinatorIsRemovedByTheNextRun() async throws {
            try await withTemporaryFolder { folder in
                let (tmp, environment) = try privateTemporaryFolder(in: folder)
                let first = try await startLongRun("first", in: folder, environment: environment)
                let stale = try privateFolders(in: tmp)
                #expect(stale == ["isorun-\(first.pid)-"])
                first.signal(SIGKILL)
                _ = try await first.wait()
                try await waitUntil("the killed run's workers to die with it") { workers(of: first.pid).isEmpty }
                #expect(try privateFolders(in: tmp) == stale, "SIGKILL leaves the folder behind")

                let second = try await startLongRun("second", in: folder, environment: environment)
                #expect(try privateFolders(in: tmp) == ["isorun-\(second.pid)-"],
                        "the dead coordinator's folder is gone, the live one's is there")
                second.signal(SIGINT)
                let finished = try await second.wait()
                #expect(finished.status == 130, "stderr:\n\(finished.stderr)")
                #expect(try privateFolderNames(in: tmp).isEmpty, "a run removes its own folder at its end")
            }
        }

        @Test func aLiveCoordinatorsFolderIsNotTouched() async throws {
            try await withTemporaryFolder { folder in
                let (tmp, environment) = try privateTemporaryFolder(in: folder)
                let first = try await startLongRun("first", in: folder, environment: environment)
                let second = try await runIsorun(
                    ["run", "--strategies", "no-clear", "--trials", "3", "--out", folder.path("second.jsonl"), "--quiet"],
                    in: folder, environment: environment)
                #expect(second.status == 0, "stderr:\n\(second.stderr)")
                #expect(try privateFolders(in: tmp) == ["isorun-\(first.pid)-"], "the live run's folder is kept")
                #expect(first.isRunning)
                first.signal(SIGTERM)
                #expect(try await first.wait().status == 143)
                #expect(try privateFolderNames(in: tmp).isEmpty)
            }
        }

        /// A TMPDIR of this test's own, so that only its runs' folders are in it.
        private func privateTemporaryFolder(in folder: TemporaryFolder) throws -> (String, [String: String]) {
            let tmp = folder.path("tmp")
            try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: false)
            return (tmp, ["TMPDIR": tmp])
        }

        /// Starts a run far longer than the test (records `name.jsonl`) and waits for its first record.
        private func startLongRun(_ name: String, in folder: TemporaryFolder, environment: [String: String]) async throws -> Isorun {
            let out = folder.path("\(name).jsonl")
            let run = try Isorun(
                ["run", "--strategies", "no-clear", "--trials", "20000", "--out", out, "--quiet"],
                in: folder, environment: environment)
            try await waitUntil("the \(name) run's records") { completeLineCount(out) >= 1 }
            return run
        }

        /// The names of the isorun folders in `tmp`.
        private func privateFolderNames(in tmp: String) throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: tmp).filter { $0.hasPrefix("isorun-") }.sorted()
        }

        /// The same names without their random suffix: `isorun-PID-`.
        private func privateFolders(in tmp: String) throws -> [String] {
            try privateFolderNames(in: tmp).map { String($0.dropLast(6)) }
        }
    }
}
