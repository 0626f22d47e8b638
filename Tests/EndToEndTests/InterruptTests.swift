import Foundation
import Testing
import TrialRecords

#if canImport(Glibc)
import Glibc
#endif

extension EndToEnd {
    /// SIGINT and SIGTERM end the run whatever else is stuck: a stopped worker,
    /// a stopped fork server, a fork server that never answers.
    @Suite struct InterruptTests {
        /// Far more than a run needs to end after a signal (about two seconds:
        /// trials in flight get a grace period), far less than anything stuck waits.
        private let bound = Duration.seconds(10)

        @Test func sigintEndsARunWhoseWorkerIsStopped() async throws {
            try await withTemporaryFolder { folder in
                let out = folder.path("records.jsonl")
                let run = try Isorun(
                    ["run", "--strategies", "no-clear", "--trials", "20000", "--out", out, "--quiet"], in: folder)
                try await waitUntil("the first records") { completeLineCount(out) >= 2 }
                let worker = try await onlyWorker(of: run)
                kill(worker, SIGSTOP)
                run.signal(SIGINT)

                let finished = try await run.wait(timeout: bound)
                #expect(finished.status == 130, "stderr:\n\(finished.stderr)")
                try expectWholeRecordsAndNoChild(out, of: run, finished)
                #expect(ProcessInfoEntry(pid: worker)?.isAlive != true, "the stopped worker was left behind")
            }
        }

        @Test(arguments: [SIGINT, SIGTERM])
        func aSignalEndsARunWhoseForkServerIsStopped(signal: Int32) async throws {
            try await withTemporaryFolder { folder in
                let out = folder.path("records.jsonl")
                let run = try Isorun(
                    ["run", "--strategies", "process", "--launch", "fork-server", "--trials", "5000", "--workers", "2",
                     "--out", out, "--quiet"], in: folder)
                try await waitUntil("the first records") { completeLineCount(out) >= 2 }
                var zygote: ProcessInfoEntry?
                try await waitUntil("the fork server") {
                    zygote = liveChildren(of: run.pid).first { $0.commandLine.contains("fork-server") }
                    return zygote != nil
                }
                kill(zygote!.pid, SIGSTOP)
                run.signal(signal)

                let finished = try await run.wait(timeout: bound)
                #expect(finished.status == 128 + signal, "stderr:\n\(finished.stderr)")
                try expectWholeRecordsAndNoChild(out, of: run, finished)
                #expect(!zygote!.stillAlive, "the stopped fork server was left behind")
            }
        }

        /// A zygote that never gives its first answer (a Python one importing a
        /// framework may take a minute): the launch waiting for it gives way to SIGINT.
        @Test func sigintEndsARunWhoseForkServerNeverAnswers() async throws {
            try await withTemporaryFolder { folder in
                let experiment = folder.path("silent.toml")
                try """
                    [experiment]
                    name = "silent-zygote"
                    strategies = ["process"]
                    trials = 3
                    [cluster]
                    launch = "fork-server"
                    [worker]
                    command = ["/bin/sh", "-c", "exec sleep 600", "sh"]
                    framework = "python"
                    [workload]
                    """.write(toFile: experiment, atomically: true, encoding: .utf8)
                let out = folder.path("records.jsonl")
                let run = try Isorun(["run", experiment, "--workers", "1", "--out", out, "--quiet"], in: folder)
                var zygote: ProcessInfoEntry?
                try await waitUntil("the silent fork server") {
                    zygote = liveChildren(of: run.pid).first { $0.commandLine.contains("sleep") }
                    return zygote != nil
                }
                run.signal(SIGINT)

                let finished = try await run.wait(timeout: bound)
                #expect(finished.status == 130, "stderr:\n\(finished.stderr)")
                #expect(try readRecords(out).isEmpty, "no trial started, so none is recorded")
                #expect(!finished.stderr.contains("cannot start"), "an interrupted launch is no failure; stderr:\n\(finished.stderr)")
                #expect(!zygote!.stillAlive, "the silent fork server was left behind")
            }
        }

        /// Every line a whole record, every record `ok` (an interrupted trial is
        /// not a lost one), no child of the run left.
        private func expectWholeRecordsAndNoChild(
            _ out: String, of run: Isorun, _ finished: Finished, sourceLocation: SourceLocation = #_sourceLocation
        ) throws {
            let data = try #require(FileManager.default.contents(atPath: out), sourceLocation: sourceLocation)
            #expect(data.last == UInt8(ascii: "\n"), "the records file ends mid-line", sourceLocation: sourceLocation)
            let records = try readRecords(out, sourceLocation: sourceLocation)
            #expect(records.count >= 2 && records.count == completeLineCount(out), sourceLocation: sourceLocation)
            let notOK = records.filter { $0.outcome != .ok }
            #expect(notOK.isEmpty, "records of trials the signal cut short: \(notOK.map { "#\($0.trial) \($0.outcome) \($0.reason ?? "")" })",
                    sourceLocation: sourceLocation)
            #expect(Set(records.map(AttemptKey.init)).count == records.count, sourceLocation: sourceLocation)
            let left = workers(of: run.pid)
            #expect(left.isEmpty, "processes of the run left: \(left.map(\.commandLine))", sourceLocation: sourceLocation)
        }
    }
}
