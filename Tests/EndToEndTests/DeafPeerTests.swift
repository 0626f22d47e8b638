import Foundation
import Testing
import TrialRecords
import ZeroMQ

#if canImport(Glibc)
import Glibc
#endif

extension EndToEnd {
    /// A peer that sends and never reads (issue 10, case 11): the coordinator's
    /// replies to it pile up until its queue is full; sends never block, so the
    /// run goes on and SIGTERM still ends it.
    @Suite struct DeafPeerTests {
        @Test func aPeerThatNeverReadsFreezesNothing() async throws {
            try await withTemporaryFolder { folder in
                let endpoint = ipcEndpoint("coordinator.ipc", in: folder)
                let out = folder.path("records.jsonl")
                let run = try Isorun(
                    ["run", "--strategies", "no-clear", "--trials", "50000", "--bind", endpoint, "--out", out, "--quiet"],
                    in: folder)
                try await waitUntil("the first record") { completeLineCount(out) >= 1 }

                let context = try Context()
                let deaf = try Socket(context, type: .dealer)
                try deaf.setLinger(.zero)
                try deaf.setReceiveHighWaterMark(1)
                try deaf.setRoutingID(Array("deaf-1".utf8))
                try deaf.connect(endpoint)
                let hello = #"{"worker":"deaf-1","pid":1,"host":"h","launch":"external","capabilities":["no-clear"]}"#
                try deaf.send([Array("isorun/2".utf8), Array("hello".utf8), Array(hello.utf8)])
                // Each bad message is answered with an error the peer never reads: far
                // more of them than its queues and the socket's buffers hold.
                let bad = [Array("isorun/2".utf8), Array("gossip".utf8), Array("{}".utf8)]
                for _ in 0..<6000 { try deaf.send(bad) }
                try deaf.send([Array("isorun/2".utf8), Array("ready".utf8), Array("{}".utf8)])

                // The run is not frozen: records keep coming after the flood.
                let afterFlood = completeLineCount(out)
                try await waitUntil("records after the flood") { completeLineCount(out) >= afterFlood + 50 || !run.isRunning }
                #expect(run.isRunning, "the run ended early; stderr:\n\(run.stderr.suffix(2000))")
                run.signal(SIGTERM)
                let finished = try await run.wait(timeout: .seconds(10))
                #expect(finished.status == 143, "stderr:\n\(finished.stderr.suffix(2000))")
                let records = try readRecords(out)
                #expect(records.count == completeLineCount(out))
                // The deaf peer's task could not be sent: its trial is lost and retried, never lost twice.
                #expect(records.filter { $0.outcome != .ok }.allSatisfy { $0.worker == "deaf-1" && $0.outcome == .workerLost })
                deaf.close()
            }
        }
    }
}
