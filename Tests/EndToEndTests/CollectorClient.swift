import Foundation
import Testing
import TrialRecords
import Wire
import WireJSON
import ZeroMQ

/// A peer that speaks the collector exchange by hand, as a run (or a forger)
/// would: a DEALER connected to `isorun collect`, sending whatever a test
/// says and reading the acknowledgements that come back.
final class CollectorClient {
    private let context: Context
    private let socket: Socket

    init(connect endpoint: String) throws {
        context = try Context()
        socket = try Socket(context, type: .dealer)
        try socket.setLinger(.seconds(1))
        try socket.setReceiveTimeout(.milliseconds(200))
        try socket.connect(endpoint)
    }

    func send(_ message: WireMessage) throws {
        try socket.send(message.frames)
    }

    /// Sends frames as they are: a `records` message, which is not a ``WireMessage``.
    func send(frames: [[UInt8]]) throws {
        try socket.send(frames)
    }

    /// Reads acknowledgements until `done` holds for what has come so far;
    /// fails the test after `timeout`.
    func acks(
        timeout: Duration = .seconds(20), until done: ([WireMessage.Ack]) -> Bool,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> [WireMessage.Ack] {
        var acks: [WireMessage.Ack] = []
        let deadline = ContinuousClock.now + timeout
        while !done(acks) {
            guard ContinuousClock.now < deadline else {
                Issue.record("timed out after \(timeout) waiting for acknowledgements; got \(acks)", sourceLocation: sourceLocation)
                return acks
            }
            guard let frames = try? socket.receive() else { continue }
            if case .ack(let ack) = try WireMessage(frames: frames) { acks.append(ack) }
        }
        return acks
    }
}

extension TrialRecord {
    /// An `ok` record of trial `trial` of run `runID`, as a worker would send it.
    static func sample(runID: String, trial: Int) -> TrialRecord {
        TrialRecord(
            runID: runID, experiment: "e2e", strategy: .clear, trial: trial, worker: "w1", pid: 4242, host: "h",
            launch: .exec, startedAt: "2026-12-03T12:00:00.000001Z", modelsBefore: trial)
    }
}

/// A standalone collector (`isorun collect`) for a test: an ipc endpoint and a
/// records file in the test's folder.
struct TestCollector {
    let endpoint: String
    let out: String
    let folder: TemporaryFolder

    init(in folder: TemporaryFolder) {
        endpoint = ipcEndpoint("collect.ipc", in: folder)
        out = folder.path("collected.jsonl")
        self.folder = folder
    }

    /// Starts `isorun collect --runs runs` and returns once it has created its
    /// file; it binds right after, and a peer that connects before keeps
    /// trying on its own (a run waits up to 3 s for its answer).
    func start(runs: Int = 1) async throws -> Isorun {
        let collector = try Isorun(["collect", "--bind", endpoint, "--out", out, "--runs", "\(runs)"], in: folder)
        try await waitUntil("the collector's file") {
            FileManager.default.fileExists(atPath: out) || !collector.isRunning
        }
        return collector
    }
}
