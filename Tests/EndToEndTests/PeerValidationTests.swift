import Foundation
import Testing
import TrialRecords
import ZeroMQ

extension EndToEnd {
    /// Records and messages that break docs/protocol.md's rules, sent for real to
    /// a running coordinator and a running `isorun collect`.
    @Suite struct PeerValidationTests {
        private static let version = Array("isorun/2".utf8)

        /// A record of a trial nobody ran, as a worker would write it.
        private static let forged: String = TrialRecord(
            runID: "f0f0f0f0f0f0f0f0", experiment: "forged", strategy: .noClear, trial: 0, worker: "x", pid: 1,
            host: "h", launch: .external, startedAt: "2026-12-03T12:00:00.000001Z", modelsBefore: 0).jsonLine()

        /// Forged records that break a rule each, and why.
        private static let broken: [(String, [UInt8])] = [
            ("1e308 seconds", Array(forged.replacingOccurrences(of: "\"fit_s\":null", with: "\"fit_s\":1e308").utf8)),
            ("negative seconds", Array(forged.replacingOccurrences(of: "\"wall_s\":null", with: "\"wall_s\":-2").utf8)),
            ("an unknown outcome", Array(forged.replacingOccurrences(of: "\"ok\"", with: "\"great\"").utf8)),
            ("a 300-byte strategy", Array(forged.replacingOccurrences(
                of: "\"no-clear\"", with: "\"\(String(repeating: "s", count: 300))\"").utf8)),
            ("invalid UTF-8", Array(forged.replacingOccurrences(of: "\"host\":\"h\"", with: "\"host\":\"HH\"").utf8)
                .map { $0 == UInt8(ascii: "H") ? 0xFF : $0 }),
        ]

        @Test func aFloodOfBadMessagesIsRefusedInFewEscapedLinesAndTheRunCompletes() async throws {
            try await withTemporaryFolder { folder in
                let trials = 100
                let stopped = try await StoppedRun(trials: trials, in: folder)
                defer { kill(stopped.worker, SIGCONT) }

                let dealer = try Socket(try Context(), type: .dealer)
                try dealer.setLinger(.zero)
                try dealer.setReceiveTimeout(.seconds(10))
                try dealer.connect(stopped.endpoint)
                let floodStart = ContinuousClock.now
                for (what, payload) in Self.broken {
                    try dealer.send([Self.version, Array("record".utf8), payload])
                    let reply = try dealer.receive()
                    #expect(reply.dropFirst().first == Array("error".utf8), "\(what)")
                }
                // A forged record that keeps every rule is still no trial this peer was sent.
                try dealer.send([Self.version, Array("record".utf8), Array(Self.forged.utf8)])
                let reply = try dealer.receive()
                #expect(String(decoding: reply.last ?? [], as: UTF8.self).contains("not sent to this worker"))
                let flood = 500
                for index in 0..<flood {
                    try dealer.send([Self.version, Array("kind\u{0}\n\u{1b}[2J\(index)".utf8), Array("{}".utf8)])
                    _ = try dealer.receive()
                }
                dealer.close()
                // Each answer waits for the coordinator's next wake-up: while its stopped worker
                // holds trials ahead, it sleeps a batch wait (4 ms) before each.
                let floodSeconds = Int(((ContinuousClock.now - floodStart) / .seconds(1)).rounded(.up))

                let finished = try await stopped.resume()
                #expect(finished.status == 0, "stderr:\n\(finished.stderr)")
                let lines = finished.stderr.split(separator: "\n")
                // At most 20 lines a second, and one saying how many more were suppressed.
                #expect(lines.count < 21 * (floodSeconds + 1) + 10 && lines.count < flood / 4,
                        "\(lines.count) lines for \(flood + 6) bad messages in \(floodSeconds) s")
                #expect(lines.contains { $0.hasPrefix("suppressed ") || $0.contains(" suppressed ") })
                #expect(!finished.stderr.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
                let records = try readRecords(stopped.out)
                #expect(records.count == trials && records.allSatisfy { $0.outcome == .ok && $0.experiment != "forged" })
            }
        }

        @Test func aCollectorStoresOnlyRecordsThatKeepTheRules() async throws {
            try await withTemporaryFolder { folder in
                let endpoint = ipcEndpoint("collect.ipc", in: folder)
                let collected = folder.path("collected.jsonl")
                let collector = try Isorun(
                    ["collect", "--bind", endpoint, "--out", collected, "--runs", "1"], in: folder)
                try await waitUntil("the collector's file") {
                    FileManager.default.fileExists(atPath: collected) || !collector.isRunning
                }
                let dealer = try Socket(try Context(), type: .dealer)
                try dealer.setLinger(.seconds(5))
                try dealer.connect(endpoint)
                for (_, payload) in Self.broken { try dealer.send([Self.version, Array("record".utf8), payload]) }
                try dealer.send([Self.version, Array("record".utf8), Array(Self.forged.utf8)])
                try dealer.send([Self.version, Array("end".utf8), Array(#"{"run_id":"f0f0f0f0f0f0f0f0","records":1}"#.utf8)])
                let collect = try await collector.wait(timeout: .seconds(20))
                #expect(collect.status == 0, "stderr:\n\(collect.stderr)")
                let stored = try readRecords(collected)
                #expect(stored.count == 1 && stored.first?.experiment == "forged")
                #expect(collect.stderr.split(separator: "\n").filter { $0.contains("refused") }.count == Self.broken.count)
                let report = try await runIsorun(["report", collected], in: folder)
                #expect(report.status == 0 || report.status == 3, "stderr:\n\(report.stderr)")
            }
        }
    }
}
