import Foundation
import Testing
import TrialRecords
import ZeroMQ

extension EndToEnd {
    /// What the coordinator does with messages that do not follow docs/protocol.md.
    @Suite struct CoordinatorProtocolTests {
        @Test func malformedMessagesAreRefusedAndTheRunCompletes() async throws {
            try await withTemporaryFolder { folder in
                let endpoint = ipcEndpoint("coordinator.ipc", in: folder)
                let out = folder.path("records.jsonl")
                let trials = 150
                let run = try Isorun(
                    ["run", "--strategies", "no-clear", "--trials", "\(trials)", "--workers", "2",
                     "--bind", endpoint, "--out", out, "--quiet"], in: folder)
                // The run's only worker is stopped while the garbage goes in, so the
                // run cannot end before the coordinator has answered all of it.
                try await waitUntil("the first record") { completeLineCount(out) >= 1 }
                let worker = try await onlyWorker(of: run)
                kill(worker, SIGSTOP)
                defer { kill(worker, SIGCONT) }

                let context = try Context()
                let dealer = try Socket(context, type: .dealer)
                try dealer.setLinger(.zero)
                try dealer.setReceiveTimeout(.seconds(10))
                try dealer.connect(endpoint)
                let garbage: [(String, [[UInt8]])] = [
                    ("another version", [Array("isorun/9".utf8), Array("hello".utf8), Array("{}".utf8)]),
                    ("one frame", [Array("junk".utf8)]),
                    ("an unknown kind", [Array("isorun/2".utf8), Array("gossip".utf8), Array("{}".utf8)]),
                    ("a payload that does not decode", [Array("isorun/2".utf8), Array("hello".utf8), Array("{".utf8)]),
                ]
                for (what, frames) in garbage {
                    try dealer.send(frames)
                    let reply = try dealer.receive()
                    #expect(reply.count == 3, "\(what): reply \(reply.count) frames")
                    #expect(reply.first.map { String(decoding: $0, as: UTF8.self) } == "isorun/2", "\(what)")
                    #expect(reply.dropFirst().first.map { String(decoding: $0, as: UTF8.self) } == "error",
                            "\(what): reply kind is not error")
                }
                dealer.close()
                kill(worker, SIGCONT)

                let finished = try await run.wait()
                #expect(finished.status == 0, "stderr:\n\(finished.stderr)")
                // Each refusal is logged (a warning, shown at the default --log-level).
                let refusals = finished.stderr.split(separator: "\n").filter { $0.contains("refused a message") }
                #expect(refusals.count == garbage.count, "stderr:\n\(finished.stderr)")
                let records = try readRecords(out)
                #expect(records.count == trials)
                #expect(Set(records.map(\.trial)) == Set(0..<trials))
                #expect(records.allSatisfy { $0.outcome == .ok })
            }
        }
    }
}
