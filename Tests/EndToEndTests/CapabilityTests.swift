import Foundation
import Testing
import TrialRecords
import ZeroMQ

extension EndToEnd {
    /// A worker is only ever sent the strategies its hello declared.
    @Suite struct CapabilityTests {
        @Test func anExternalWorkerThatDeclaresOnlyPoolGetsNothingElse() async throws {
            try await withTemporaryFolder { folder in
                let endpoint = ipcEndpoint("coordinator.ipc", in: folder)
                let out = folder.path("records.jsonl")
                let run = try Isorun(
                    // no-clear first, 80 models in one process: long enough for the
                    // external worker to have joined, idle, before the pool stage starts.
                    ["run", "--strategies", "no-clear,pool", "--trials", "80", "--workers", "1",
                     "--max-trials-per-worker", "100", "--bind", endpoint, "--out", out, "--quiet"], in: folder)
                let dealer = try Socket(Context(), type: .dealer)
                try dealer.setLinger(.zero)
                try dealer.setRoutingID(Array("pool-only".utf8))
                try dealer.setReceiveTimeout(.seconds(30))
                try dealer.connect(endpoint)
                let hello = #"{"worker":"pool-only","pid":1,"host":"test","launch":"external","capabilities":["pool"]}"#
                try dealer.send([Array("isorun/2".utf8), Array("hello".utf8), Array(hello.utf8)])
                try dealer.send([Array("isorun/2".utf8), Array("ready".utf8), Array("{}".utf8)])

                // Serve until told to shut down: every task must be a pool task.
                var strategies: [String] = []
                while true {
                    let frames = try dealer.receive()
                    let kind = String(decoding: frames[1], as: UTF8.self)
                    if kind == "shutdown" { break }
                    guard kind == "task" else { continue }
                    let payload = try #require(
                        try JSONSerialization.jsonObject(with: Data(frames[2])) as? [String: Any])
                    let spec = try #require(payload["spec"] as? [String: Any])
                    let strategy = try #require(spec["strategy"] as? String)
                    strategies.append(strategy)
                    var record = TrialRecord(
                        runID: spec["run_id"] as? String ?? "", experiment: spec["experiment"] as? String ?? "",
                        strategy: Strategy(rawValue: strategy), trial: spec["trial"] as? Int ?? -1,
                        repeat: spec["repeat"] as? Int ?? 0, attempt: spec["attempt"] as? Int ?? 1,
                        worker: "pool-only", pid: 1, host: "test", launch: .external,
                        startedAt: "2026-12-03T12:00:00.000000Z", modelsBefore: strategies.count - 1)
                    record.totalSeconds = 0.0001
                    record.wallSeconds = 0.0001
                    try dealer.send([Array("isorun/2".utf8), Array("record".utf8), Array(record.jsonLine().utf8)])
                }
                dealer.close()
                let finished = try await run.wait()
                #expect(finished.status == 0, "stderr:\n\(finished.stderr)")
                #expect(strategies.allSatisfy { $0 == "pool" }, "the pool-only worker was sent \(Set(strategies))")
                #expect(!strategies.isEmpty, "an idle external worker gets the first task of a stage it can run")
                let records = try readRecords(out)
                #expect(records.count == 160)
                #expect(records.filter { $0.worker == "pool-only" }.allSatisfy { $0.strategy == .pool })
            }
        }
    }
}
