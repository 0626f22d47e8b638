import Foundation
import Testing
import TrialRecords

#if canImport(Glibc)
import Glibc
#endif

// Helpers for the end-to-end tests: find the built `isorun`, run it (to completion
// or in the background), read its records, and look at its processes in /proc.

/// Where the `isorun` binary under test is.
///
/// In order: the `ISORUN_BINARY` environment variable; `isorun` beside the running
/// test bundle (SwiftPM puts the `.xctest` bundle and the package's executables in
/// the same `.build/<triple>/<config>/` folder, and `/proc/self/exe` is the bundle,
/// or the `swiftpm-testing-helper` that loads it from there); `.build/debug/isorun`
/// relative to this source file. `EndToEndTests` depends on the `isorun` target, so
/// `swift build --build-tests` builds it first.
enum IsorunBinary {
    static let path: String? = {
        let fileManager = FileManager.default
        if let explicit = ProcessInfo.processInfo.environment["ISORUN_BINARY"] {
            return fileManager.isExecutableFile(atPath: explicit) ? explicit : nil
        }
        var candidates: [URL] = []
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        candidates.append(exe.deletingLastPathComponent().appendingPathComponent("isorun"))
        for argument in CommandLine.arguments.prefix(1) + CommandLine.arguments.filter({ $0.hasSuffix(".xctest") }) {
            let url = URL(fileURLWithPath: argument).resolvingSymlinksInPath()
            candidates.append(url.deletingLastPathComponent().appendingPathComponent("isorun"))
        }
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(packageRoot.appendingPathComponent(".build/debug/isorun"))
        return candidates.map(\.path).first { fileManager.isExecutableFile(atPath: $0) }
    }()

    /// The path, or a test failure saying how to get one.
    static func require() throws -> String {
        try #require(
            path,
            """
            isorun binary not found beside the test bundle nor at .build/debug/isorun; \
            run `swift build --build-tests` first, or set ISORUN_BINARY to its path
            """)
    }
}

/// A temporary folder, removed with its contents by `remove()`.
struct TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("isorun-e2e-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Runs `body` with a fresh temporary folder, removed afterwards whatever happens.
func withTemporaryFolder<Result>(_ body: (TemporaryFolder) async throws -> Result) async throws -> Result {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    return try await body(folder)
}

/// An ipc endpoint inside `folder`, so its socket file goes with the folder
/// (libzmq leaves it behind); ipc paths are limited to about 100 bytes.
func ipcEndpoint(_ name: String, in folder: TemporaryFolder) -> String {
    let path = folder.path(name)
    precondition(path.utf8.count < 100, "ipc path too long for a unix socket: \(path)")
    return "ipc://\(path)"
}

/// How a finished process ended, with what it wrote.
struct Finished {
    /// The exit status, or 128+N when killed by signal N (as a shell reports it).
    var status: Int32
    var stdout: String
    var stderr: String
}

/// An `isorun` process started in the background; its output goes to files in
/// `folder` (pipes could fill and stall it).
final class Isorun {
    let process = Process()
    private let stdoutURL: URL
    private let stderrURL: URL

    /// Starts `isorun` with `arguments`, and `environment` over this process's own;
    /// through `launcher` (a program and its arguments, such as `ip netns exec NS`) when given.
    init(_ arguments: [String], in folder: TemporaryFolder, environment: [String: String] = [:], launcher: [String] = []) throws {
        let isorun = try IsorunBinary.require()
        process.executableURL = URL(fileURLWithPath: launcher.first ?? isorun)
        process.arguments = launcher.isEmpty ? arguments : Array(launcher.dropFirst()) + [isorun] + arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let tag = UUID().uuidString.prefix(8)
        stdoutURL = folder.url.appendingPathComponent("stdout-\(tag).txt")
        stderrURL = folder.url.appendingPathComponent("stderr-\(tag).txt")
        _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    var pid: pid_t { process.processIdentifier }
    var isRunning: Bool { process.isRunning }

    func signal(_ number: Int32) { _ = kill(pid, number) }

    /// Waits up to `timeout` for the process to end; past it, kills it with SIGKILL
    /// and fails the test.
    func wait(timeout: Duration = .seconds(40)) async throws -> Finished {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        if process.isRunning {
            kill(pid, SIGKILL)
            process.waitUntilExit()
            Issue.record("isorun \(process.arguments ?? []) still running after \(timeout); killed. stderr:\n\(stderr)")
        }
        process.waitUntilExit()
        let status = process.terminationReason == .uncaughtSignal
            ? 128 + process.terminationStatus : process.terminationStatus
        return Finished(status: status, stdout: stdout, stderr: stderr)
    }

    var stdout: String { (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "" }

    /// Kills the process if the test left it running.
    deinit {
        if process.isRunning {
            kill(pid, SIGKILL)
            process.waitUntilExit()
        }
    }
}

/// Runs `isorun` with `arguments` to its end, or kills it after `timeout`.
func runIsorun(
    _ arguments: [String], in folder: TemporaryFolder, environment: [String: String] = [:], timeout: Duration = .seconds(40)
) async throws -> Finished {
    try await Isorun(arguments, in: folder, environment: environment).wait(timeout: timeout)
}

/// Runs a system tool (`ip`, `mount`, `kubectl`) to its end and returns how it
/// ended, with what it wrote (short outputs: both go through pipes, read after
/// it closes them).
///
/// - Throws: the error of a tool that cannot be started.
func runTool(_ executable: String, _ arguments: [String]) throws -> Finished {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let (output, errors) = (Pipe(), Pipe())
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let stdout = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    return Finished(status: status, stdout: stdout, stderr: stderr.trimmingCharacters(in: .whitespacesAndNewlines))
}

/// Polls `condition` every 20 ms until it holds; fails the test after `timeout`.
func waitUntil(
    timeout: Duration = .seconds(20), _ what: String, _ condition: () throws -> Bool,
    sourceLocation: SourceLocation = #_sourceLocation
) async throws {
    let deadline = ContinuousClock.now + timeout
    while try !condition() {
        guard ContinuousClock.now < deadline else {
            Issue.record("timed out after \(timeout) waiting for \(what)", sourceLocation: sourceLocation)
            throw CancellationError()
        }
        try await Task.sleep(for: .milliseconds(20))
    }
}

// MARK: Records

/// The records in a JSONL file, failing the test on any malformed line.
func readRecords(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [TrialRecord] {
    let result = try RecordReader.read(file: path)
    #expect(result.problems.isEmpty, "malformed lines in \(path): \(result.problems)", sourceLocation: sourceLocation)
    return result.records
}

/// Complete lines in a records file so far (0 when it does not exist yet).
func completeLineCount(_ path: String) -> Int {
    guard let data = FileManager.default.contents(atPath: path) else { return 0 }
    return data.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
}

/// What names one attempt of one trial.
struct AttemptKey: Hashable, CustomStringConvertible {
    var strategy: String
    var trial: Int
    var `repeat`: Int
    var attempt: Int

    init(_ record: TrialRecord) {
        strategy = record.strategy.rawValue
        trial = record.trial
        self.repeat = record.repeat
        attempt = record.attempt
    }

    var description: String { "\(strategy)#\(trial) r\(self.repeat) a\(attempt)" }
}

// MARK: Processes

/// One process as /proc shows it.
struct ProcessInfoEntry: Hashable {
    var pid: pid_t
    var parent: pid_t
    var state: Character
    /// Clock ticks after boot at which it started: with the pid, names it uniquely.
    var startTime: UInt64
    /// User and system CPU time so far, in clock ticks (`USER_HZ`, 100 a second here).
    var cpuTicks: UInt64
    var commandLine: [String]

    /// Reads /proc/PID/stat and /proc/PID/cmdline; nil once the process is gone.
    init?(pid: pid_t) {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        // After "pid (comm) ": state ppid pgrp session tty tpgid flags minflt cminflt
        // majflt cmajflt utime stime cutime cstime priority nice threads itrealvalue starttime
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 19, let state = fields[0].first, let parent = pid_t(fields[1]),
              let user = UInt64(fields[11]), let system = UInt64(fields[12]), let start = UInt64(fields[19])
        else { return nil }
        self.pid = pid
        self.parent = parent
        self.state = state
        startTime = start
        cpuTicks = user + system
        let raw = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") ?? Data()
        commandLine = raw.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Alive: present and not a zombie (a zombie has ended; only its exit status is left).
    var isAlive: Bool { state != "Z" && state != "X" }

    /// Whether it is a worker process: `isorun-worker`, `isorun-trial` (not its
    /// zygote), or `isorun worker`.
    var isWorker: Bool {
        let program = commandLine.first ?? ""
        return program.hasSuffix("/isorun-worker") || program.hasSuffix("/isorun-trial") && !commandLine.contains("fork-server")
            || commandLine.dropFirst().first == "worker"
    }

    /// Still the same process, and alive.
    var stillAlive: Bool {
        guard let now = ProcessInfoEntry(pid: pid) else { return false }
        return now.startTime == startTime && now.isAlive
    }
}

/// Every process on the machine now.
func allProcesses() -> [ProcessInfoEntry] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return names.compactMap { pid_t($0) }.compactMap { ProcessInfoEntry(pid: $0) }
}

/// The live children of `pid`.
func liveChildren(of pid: pid_t) -> [ProcessInfoEntry] {
    allProcesses().filter { $0.parent == pid && $0.isAlive }
}

/// The live descendants of `pid`: children, their children, and so on.
func liveDescendants(of pid: pid_t) -> [ProcessInfoEntry] {
    let all = allProcesses()
    var found: [ProcessInfoEntry] = []
    var frontier: Set<pid_t> = [pid]
    while !frontier.isEmpty {
        let next = all.filter { frontier.contains($0.parent) && $0.isAlive }
        found += next
        frontier = Set(next.map(\.pid))
    }
    return found
}

/// The pid of the one worker process `run` has, once it has exactly one: a run
/// of an in-process strategy keeps a single worker for the whole stage.
func onlyWorker(of run: Isorun, sourceLocation: SourceLocation = #_sourceLocation) async throws -> pid_t {
    var workers: [ProcessInfoEntry] = []
    let hasOneWorker = {
        workers = liveChildren(of: run.pid).filter { $0.isWorker }
        return workers.count == 1
    }
    try await waitUntil("the run's worker", hasOneWorker, sourceLocation: sourceLocation)
    return workers[0].pid
}

/// A `no-clear` run of `trials` trials bound to `coordinator.ipc` in `folder`,
/// with its one worker stopped (SIGSTOP) after the first record: until the
/// test sends the worker SIGCONT, the run cannot end, so whatever the test
/// sends the coordinator meanwhile is answered before the run's end.
struct StoppedRun {
    let run: Isorun
    let endpoint: String
    let out: String
    let worker: pid_t

    init(trials: Int, in folder: TemporaryFolder) async throws {
        endpoint = ipcEndpoint("coordinator.ipc", in: folder)
        out = folder.path("records.jsonl")
        run = try Isorun(
            ["run", "--strategies", "no-clear", "--trials", "\(trials)", "--workers", "2",
             "--bind", endpoint, "--out", out, "--quiet"], in: folder)
        let out = out
        try await waitUntil("the first record") { completeLineCount(out) >= 1 }
        worker = try await onlyWorker(of: run)
        kill(worker, SIGSTOP)
    }

    /// Lets the worker go on, and waits for the run's end.
    func resume() async throws -> Finished {
        kill(worker, SIGCONT)
        return try await run.wait()
    }
}
