import Foundation
import Testing
import TrialRecords

/// glibc's wrappers (2.36 and later), which the Glibc module does not export.
@_silgen_name("pidfd_open") private func pidfdOpen(_ pid: pid_t, _ flags: UInt32) -> Int32
@_silgen_name("pidfd_getfd") private func pidfdGetFD(_ pidfd: Int32, _ targetFD: Int32, _ flags: UInt32) -> Int32

extension EndToEnd {
    /// A worker of an in-process stage holds its next short trial while it runs
    /// one (docs/architecture.md, "A trial sent ahead"): seen for real in the
    /// worker's own link, and what a worker killed so loses.
    @Suite struct SendAheadTests {
        /// The worker is stopped mid-run; the tasks waiting unread on its link
        /// (descriptor 3, copied here with `pidfd_getfd`) are trials past the
        /// one it runs, the one after its last record. Killed then, it loses the
        /// one it ran, which is retried; each it held runs once, on its
        /// successor, at its first attempt.
        @Test func aStoppedWorkerHoldsTheTrialsAfterItsOwnAndKilledLosesOnlyItsOwn() async throws {
            try await withTemporaryFolder { folder in
                let out = folder.path("records.jsonl")
                let run = try Isorun(
                    ["run", "--strategies", "clear", "--trials", "600", "--workers", "1", "--retries", "1",
                     "--out", out, "--quiet"], in: folder)
                try await waitUntil("records streaming") { completeLineCount(out) >= 50 }
                let workers = liveChildren(of: run.pid).filter(\.isWorker)
                let worker = try #require(workers.first)
                kill(worker.pid, SIGSTOP)
                // Whatever the worker had sent when it stopped reaches the file.
                var lastRecorded = -1
                try await waitUntil("the stopped worker's records written") {
                    let count = completeLineCount(out)
                    usleep(100_000)
                    guard count == completeLineCount(out) else { return false }
                    lastRecorded = try readRecords(out).map(\.trial).max() ?? -1
                    return true
                }
                let queued = try trialsWaiting(onDescriptor: 3, of: worker.pid)
                // Stopped between a record and its next task, it has that task unread too.
                let held = queued.filter { $0 > lastRecorded + 1 }
                #expect(!held.isEmpty && held == Array(lastRecorded + 2 ..< lastRecorded + 2 + held.count),
                        "tasks waiting: \(queued), last record: trial \(lastRecorded)")
                kill(worker.pid, SIGKILL)

                let finished = try await run.wait(timeout: .seconds(120))
                #expect(finished.status == 0, "stderr:\n\(finished.stderr)")
                let records = try readRecords(out)
                let ok = records.filter { $0.outcome == .ok }
                #expect(ok.count == 600 && Set(ok.map(\.trial)) == Set(0..<600), "one ok record per trial")
                let lost = records.filter { $0.outcome == .workerLost }
                #expect(lost.map(\.trial) == [lastRecorded + 1] && lost.map(\.pid) == [worker.pid], "lost: \(lost)")
                for trial in held {
                    let runs = records.filter { $0.trial == trial }
                    #expect(runs.count == 1 && runs.first?.attempt == 1 && runs.first?.pid != worker.pid, "\(runs)")
                }
                #expect(!finished.stderr.contains("refused"), "stderr:\n\(finished.stderr)")
            }
        }

        /// A task of about 93 kB (a workload of 1600 samples), of which a
        /// link's socket holds three unread, on a trial of a few milliseconds:
        /// the worker holds one trial ahead, not the five that two batch waits
        /// would take, so every trial runs on the one worker, at its first
        /// attempt. A task sent to a full link would take its worker for
        /// unreachable: without the limit, this run started about 100 workers
        /// (97 and 101 in two tries), each dropped in turn.
        @Test func aLargeWorkloadIsSentAheadOnlyAsFarAsTheLinkHolds() async throws {
            try await withTemporaryFolder { folder in
                let samples = 1600
                let x = Array(repeating: "[0.123456789, 0.223456789, 0.323456789, 0.423456789]", count: samples)
                let experiment = """
                    [model]
                    inputs = 4
                    layers = [{ units = 2, activation = "linear" }, { units = 1, activation = "linear" }]
                    [optimizer]
                    kind = "sgd"
                    [fit]
                    batch_size = \(samples)
                    x = [\(x.joined(separator: ","))]
                    y = [\(Array(repeating: "[1.0]", count: samples).joined(separator: ","))]
                    """
                let config = folder.path("large.toml"), out = folder.path("records.jsonl")
                try experiment.write(toFile: config, atomically: true, encoding: .utf8)
                let finished = try await Isorun(
                    ["run", config, "--strategies", "clear", "--trials", "300", "--workers", "1", "--out", out, "--quiet"],
                    in: folder
                ).wait(timeout: .seconds(120))
                #expect(finished.status == 0, "stderr:\n\(finished.stderr)")
                let records = try readRecords(out)
                #expect(records.count == 300 && records.allSatisfy { $0.outcome == .ok && $0.attempt == 1 })
                #expect(Set(records.map(\.worker)) == ["w1"])
                #expect(!finished.stderr.contains("refused"), "stderr:\n\(finished.stderr)")
            }
        }

        /// Reads every packet waiting on `descriptor` of process `pid` (a copy of
        /// it, which shares its queue) and returns the trial each task names.
        private func trialsWaiting(onDescriptor descriptor: Int32, of pid: pid_t) throws -> [Int] {
            let pidfd = pidfdOpen(pid, 0)
            try #require(pidfd >= 0, "pidfd_open: \(String(cString: strerror(errno)))")
            defer { close(pidfd) }
            let link = pidfdGetFD(pidfd, descriptor, 0)
            try #require(link >= 0, "pidfd_getfd: \(String(cString: strerror(errno)))")
            defer { close(link) }
            var trials: [Int] = []
            var buffer = [UInt8](repeating: 0, count: 1 << 20)
            while true {
                let size = recv(link, &buffer, buffer.count, Int32(MSG_DONTWAIT))
                guard size > 0 else { break }
                let text = String(decoding: buffer[..<size], as: UTF8.self)
                if let match = text.firstMatch(of: /"trial":\s*(\d+)/), let trial = Int(match.1) { trials.append(trial) }
            }
            return trials
        }
    }
}
