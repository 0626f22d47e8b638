import Foundation
import Testing
import TrialRecords
import ZeroMQ

extension EndToEnd {
    /// What the coordinator does with messages that do not follow docs/protocol.md.
    @Suite struct CoordinatorProtocolTests {
        @Test func malformedMessagesAreRefusedAndTheRunCompletes() async throws {
            try await withTemporaryFolder { folder in
                let trials = 150
                // The run's only worker is stopped while the garbage goes in, so the
                // run cannot end before the coordinator has answered all of it.
                let stopped = try await StoppedRun(trials: trials, in: folder)
                defer { kill(stopped.worker, SIGCONT) }

                let context = try Context()
                let dealer = try Socket(context, type: .dealer)
                try dealer.setLinger(.zero)
                try dealer.setReceiveTimeout(.seconds(10))
                try dealer.connect(stopped.endpoint)
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

                let finished = try await stopped.resume()
                #expect(finished.status == 0, "stderr:\n\(finished.stderr)")
                // Each refusal is logged (a warning, shown at the default --log-level).
                let refusals = finished.stderr.split(separator: "\n").filter { $0.contains("refused a message") }
                #expect(refusals.count == garbage.count, "stderr:\n\(finished.stderr)")
                let records = try readRecords(stopped.out)
                #expect(records.count == trials)
                #expect(Set(records.map(\.trial)) == Set(0..<trials))
                #expect(records.allSatisfy { $0.outcome == .ok })
            }
        }
    }
}
