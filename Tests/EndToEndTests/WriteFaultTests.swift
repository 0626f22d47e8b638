import Foundation
import Testing
import TrialRecords

#if canImport(Glibc)
import Glibc
#endif

extension EndToEnd {
    /// Files a run cannot write: a full disk under the records file, a chart path taken.
    @Suite struct WriteFaultTests {
        @Test(arguments: [
            ["--strategies", "pool", "--workers", "2"],
            ["--strategies", "process", "--workers", "2"],
            ["--strategies", "no-clear", "--local"],
        ])
        func aFullDiskStopsTheRunKeepingWholeRecordsAndTheReport(how: [String]) async throws {
            try await withTemporaryFolder { folder in
                let disk = folder.path("disk")
                guard let tmpfs = try SmallDisk(at: disk, size: "64k") else { return }
                defer { tmpfs.unmount() }
                let out = "\(disk)/records.jsonl"
                // About 500 bytes a record: the 64 KiB disk fills after some 120 of them.
                let run = try Isorun(
                    ["run"] + how + ["--trials", "2000", "--out", out, "--quiet"], in: folder)
                let finished = try await run.wait(timeout: .seconds(120))

                #expect(finished.status == 1, "stderr:\n\(finished.stderr)")
                let bytes = try #require(FileManager.default.contents(atPath: out))
                #expect(bytes.last == UInt8(ascii: "\n"), "the records file ends in a torn line")
                let records = try readRecords(out)
                #expect(records.count > 0 && records.count < 2000)
                #expect(records.allSatisfy { $0.outcome == .ok })
                #expect(Set(records.map(\.trial)).count == records.count)
                let message = "cannot write records to \(out): no space left on device; the run was stopped, "
                    + "and the \(records.count) records written before are whole"
                #expect(finished.stderr.contains(message), "stderr:\n\(finished.stderr)")
                for raw in ["Errno", "NSError", "Error Domain", "NSCocoaErrorDomain"] {
                    #expect(!finished.stderr.contains(raw), "raw error text '\(raw)' in stderr:\n\(finished.stderr)")
                }
                // The report of what was done is still printed.
                #expect(finished.stdout.contains("IsoRun report of"), "stdout:\n\(finished.stdout)")
                #expect(finished.stdout.contains("\(records.count) records"), "stdout:\n\(finished.stdout)")
                let orphans = workers(of: run.pid)
                #expect(orphans.isEmpty, "workers left after the run: \(orphans.map(\.commandLine))")
            }
        }

        @Test func aChartThatCannotBeWrittenIsAWarningAndTheReportIsPrinted() async throws {
            try await withTemporaryFolder { folder in
                let out = folder.path("records.jsonl")
                let chart = folder.path("records.svg")
                try FileManager.default.createDirectory(atPath: chart, withIntermediateDirectories: false)
                let finished = try await runIsorun(
                    ["run", "--strategies", "no-clear,clear", "--trials", "5", "--out", out, "--quiet"], in: folder)

                #expect(finished.status == 0, "the trials decide the status, not the chart; stderr:\n\(finished.stderr)")
                #expect(finished.stderr.contains("warning: the chart beside --out \(chart): cannot write it: is a directory"),
                        "stderr:\n\(finished.stderr)")
                for raw in ["NSCocoaErrorDomain", "Error Domain", "NSError", "Errno"] {
                    #expect(!finished.stderr.contains(raw), "raw error text '\(raw)' in stderr:\n\(finished.stderr)")
                }
                #expect(!finished.stderr.contains("chart in \(chart)"), "the summary claims a chart:\n\(finished.stderr)")
                #expect(finished.stdout.contains("IsoRun report of"), "stdout:\n\(finished.stdout)")
                #expect(try readRecords(out).count == 10)
            }
        }
    }
}

/// Live worker processes started for the coordinator `pid`: every worker and
/// zygote is given `--parent PID`, so this finds them wherever they were reparented.
func workers(of pid: pid_t) -> [ProcessInfoEntry] {
    allProcesses().filter { process in
        process.isAlive && zip(process.commandLine, process.commandLine.dropFirst())
            .contains { $0 == "--parent" && $1 == "\(pid)" }
    }
}

/// A tmpfs of a few kilobytes mounted at a folder, to fill a disk for real.
struct SmallDisk {
    let path: String

    /// Mounts a tmpfs of `size` at `path` (created); nil, with the reason
    /// printed, where mounting is not permitted (not root, a container without
    /// CAP_SYS_ADMIN): the calling test is then skipped.
    init?(at path: String, size: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let mount: Finished
        do {
            mount = try runTool("/bin/mount", ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", path])
        } catch {
            print("skipped: cannot run /bin/mount to make a small disk: \(error)")
            return nil
        }
        guard mount.status == 0 else {
            print("skipped: mount -t tmpfs is not permitted here (\(mount.stderr))")
            return nil
        }
        self.path = path
    }

    /// Unmounts it; lazily (`umount -l`), should a process still hold a file there.
    func unmount() {
        do {
            let umount = try runTool("/bin/umount", ["-l", path])
            if umount.status != 0 { Issue.record("umount -l \(path) exited with \(umount.status)") }
        } catch {
            Issue.record("cannot run /bin/umount for \(path): \(error)")
        }
    }
}
