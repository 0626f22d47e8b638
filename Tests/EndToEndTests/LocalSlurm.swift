import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A real one-node Slurm on this machine, started and stopped by
/// `scripts/slurm/local-cluster.sh` around a test.
///
/// Test runs in two checkouts may overlap on one machine, and the cluster's
/// folder and ports are the machine's: a lock file keeps a second test waiting
/// until the first has stopped its daemons.
enum LocalSlurm {
    /// Why Slurm cannot run here, nil when it can: it needs root (slurmd starts
    /// jobs as their user) and Debian's slurm-wlm and munge.
    static let unavailable: String? = {
        guard getuid() == 0 else { return "not root: slurmd must start jobs as their user" }
        let missing = ["munged", "slurmctld", "slurmd", "srun", "sinfo", "squeue"].filter { !onPath($0) }
        guard missing.isEmpty else {
            return "\(missing.joined(separator: ", ")) missing: apt-get install -y slurm-wlm munge"
        }
        return nil
    }()

    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private static let folder = "/tmp/isorun-slurm"
    private static let script = packageRoot.appendingPathComponent("scripts/slurm/local-cluster.sh").path

    /// The environment that points Slurm's commands at the test cluster.
    static let environment = ["SLURM_CONF": "\(folder)/slurm.conf"]

    /// Runs `body` with the cluster up; stops its daemons afterwards, whatever happens.
    static func withCluster<Result>(_ body: () async throws -> Result) async throws -> Result {
        let lock = try await acquireLock()
        defer { close(lock) }
        do {
            // A start that failed half-way may have left daemons running: stopped below too.
            let started = try await shell([script, "start"])
            try #require(started.status == 0, "local-cluster.sh start failed:\n\(started.output)")
            let result = try await body()
            try await stop()
            return result
        } catch {
            try? await stop()
            throw error
        }
    }

    private static func stop() async throws {
        let stopped = try await shell([script, "stop"])
        #expect(stopped.status == 0, "local-cluster.sh stop failed:\n\(stopped.output)")
    }

    /// Names of this cluster's jobs still queued or running.
    static func jobs() async throws -> [String] {
        try await shell(["squeue", "-h", "-o", "%j"]).output.split(separator: "\n").map(String.init)
    }

    /// Waits up to five minutes for the machine's Slurm test lock.
    private static func acquireLock() async throws -> Int32 {
        let descriptor = open("\(folder).lock", O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        try #require(descriptor >= 0, "cannot open \(folder).lock: \(String(cString: strerror(errno)))")
        let deadline = ContinuousClock.now + .seconds(300)
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard ContinuousClock.now < deadline else {
                close(descriptor)
                Issue.record("another test has held \(folder).lock for five minutes")
                throw CancellationError()
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        return descriptor
    }

    /// Runs a command to its end with the cluster's environment; standard
    /// output and error together, through a file: a pipe's end would stay
    /// open in whatever the command leaves running.
    private static func shell(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("isorun-slurm-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = try FileHandle(forWritingTo: log)
        defer { try? output.close() }
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Polled, as `Isorun.wait` does: Foundation's `waitUntilExit` may never
        // return here for a process that has ended.
        let deadline = ContinuousClock.now + .seconds(120)
        while process.isRunning && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            Issue.record("\(arguments) still running after 120 s; killed")
        }
        process.waitUntilExit()
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return (process.terminationStatus, text)
    }

    private static func onPath(_ name: String) -> Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains { access("\($0)/\(name)", X_OK) == 0 }
    }
}
