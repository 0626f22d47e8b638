import Foundation
import Testing
import TrialRecords
import ZeroMQ

extension EndToEnd {
    /// A peer that connects under the id of a worker the coordinator will
    /// spawn, and sends nothing (issue 10, case 12).
    @Suite struct SquattedIDTests {
        @Test func aPeerHoldingASpawnedWorkersIDIsSkipped() async throws {
            try await withTemporaryFolder { folder in
                let endpoint = ipcEndpoint("coordinator.ipc", in: folder)
                let out = folder.path("records.jsonl")
                // Connected before the run binds, and retrying every 2 ms (not libzmq's
                // 100), so it holds `w40` within milliseconds of the bind, long before the
                // run's fortieth `process` worker is launched (each after a trial ends).
                let context = try Context()
                let squatter = try Socket(context, type: .dealer)
                try squatter.setLinger(.zero)
                try squatter.setReconnectInterval(.milliseconds(2))
                try squatter.setRoutingID(Array("w40".utf8))
                try squatter.connect(endpoint)
                defer { squatter.close() }

                // A worker launched as w40 would never be heard: its hello deadline is a
                // minute, more than this test waits.
                let finished = try await runIsorun(
                    ["run", "--strategies", "process", "--trials", "60", "--workers", "2", "--bind", endpoint,
                     "--out", out, "--quiet"], in: folder, timeout: .seconds(40))
                #expect(finished.status == 0, "stderr:\n\(finished.stderr)")
                #expect(finished.stderr.contains("cannot start worker w40: a peer this coordinator did not launch holds its id"),
                        "stderr:\n\(finished.stderr)")
                let records = try readRecords(out)
                #expect(records.count == 60 && records.allSatisfy { $0.outcome == .ok })
                #expect(!records.contains { $0.worker == "w40" })
                // The squatter was told why.
                let refusal = try #require(try squatter.receiveIfAvailable())
                #expect(refusal.dropFirst().first.map { String(decoding: $0, as: UTF8.self) } == "error")
            }
        }
    }
}
