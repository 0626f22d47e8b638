import Foundation
import Testing
import TrialRecords
import ZeroMQ

#if canImport(Glibc)
import Glibc
#endif

extension EndToEnd {
    /// CURVE keys, the ZAP handler and the bind policy, with the real binary.
    @Suite(.enabled(if: CurveKeyPair.isSupported, "libzmq was built without CURVE"))
    struct CurveRunTests {
        @Test func keysGenerateWritesTheLayoutAndKeepsExistingKeys() async throws {
            try await withTemporaryFolder { folder in
                let keys = folder.path("keys")
                let first = try await runIsorun(["keys", "generate", "--out", keys], in: folder)
                #expect(first.status == 0, "stderr:\n\(first.stderr)")
                for name in ["server.public", "server.secret", "client.public", "client.secret", "authorized/client.public"] {
                    let attributes = try FileManager.default.attributesOfItem(atPath: keys + "/" + name)
                    #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600, "\(name)")
                }
                let secret = try String(contentsOfFile: keys + "/server.secret", encoding: .utf8)
                let again = try await runIsorun(["keys", "generate", "--out", keys], in: folder)
                #expect(again.status == 2)
                #expect(again.stderr.contains("--force"), "stderr:\n\(again.stderr)")
                #expect(try String(contentsOfFile: keys + "/server.secret", encoding: .utf8) == secret)
                #expect(try await runIsorun(["keys", "generate", "--out", keys, "--force"], in: folder).status == 0)
                #expect(try String(contentsOfFile: keys + "/server.secret", encoding: .utf8) != secret)
            }
        }

        @Test func bindingBeyondLoopbackWithoutKeysExitsTwo() async throws {
            try await withTemporaryFolder { folder in
                let out = folder.path("records.jsonl")
                let run = try await runIsorun(
                    ["run", "--strategies", "no-clear", "--trials", "2", "--workers", "1",
                     "--bind", "tcp://0.0.0.0:*", "--out", out, "--quiet"], in: folder)
                #expect(run.status == 2)
                #expect(run.stderr.contains("--bind tcp://0.0.0.0:*"), "stderr:\n\(run.stderr)")
                #expect(run.stderr.contains("--curve DIR") && run.stderr.contains("--insecure"), "stderr:\n\(run.stderr)")
                #expect(!FileManager.default.fileExists(atPath: out))
                let collect = try await runIsorun(
                    ["collect", "--bind", "tcp://0.0.0.0:*", "--out", folder.path("all.jsonl")], in: folder)
                #expect(collect.status == 2)
                #expect(collect.stderr.contains("--insecure"), "stderr:\n\(collect.stderr)")
            }
        }

        @Test func insecureBindsBeyondLoopbackWithAWarning() async throws {
            try await withTemporaryFolder { folder in
                let out = folder.path("records.jsonl")
                let run = try await runIsorun(
                    ["run", "--strategies", "no-clear", "--trials", "3", "--workers", "1",
                     "--bind", "tcp://0.0.0.0:*", "--insecure", "--out", out, "--quiet"], in: folder)
                #expect(run.status == 0, "stderr:\n\(run.stderr)")
                #expect(run.stderr.contains("warning") && run.stderr.contains("--insecure"), "stderr:\n\(run.stderr)")
                #expect(try readRecords(out).filter { $0.outcome == .ok }.count == 3)
            }
        }

        @Test func aRunWithKeysServesItsWorkersAndItsCollector() async throws {
            try await withTemporaryFolder { folder in
                let keys = folder.path("keys")
                #expect(try await runIsorun(["keys", "generate", "--out", keys], in: folder).status == 0)
                let collectorEndpoint = ipcEndpoint("collector.ipc", in: folder)
                let collected = folder.path("collected.jsonl")
                let collector = try Isorun(
                    ["collect", "--bind", collectorEndpoint, "--out", collected, "--runs", "1", "--curve", keys], in: folder)
                let out = folder.path("records.jsonl")
                let run = try await runIsorun(
                    ["run", "--strategies", "no-clear,process,pool", "--trials", "4", "--workers", "2",
                     "--bind", "tcp://127.0.0.1:*", "--curve", keys, "--collector", collectorEndpoint,
                     "--out", out, "--quiet"], in: folder)
                #expect(run.status == 0, "stderr:\n\(run.stderr)")
                let records = try readRecords(out)
                #expect(records.count == 12 && records.allSatisfy { $0.outcome == .ok })
                #expect(Set(records.map(\.launch)).isSuperset(of: [.exec, .forkServer]))
                let finished = try await collector.wait()
                #expect(finished.status == 0, "stderr:\n\(finished.stderr)")
                #expect(try readRecords(collected).count == records.count)
            }
        }

        @Test func unauthenticatedPeersAreRefusedAndGetNoTask() async throws {
            try await withTemporaryFolder { folder in
                let keys = folder.path("keys")
                #expect(try await runIsorun(["keys", "generate", "--out", keys], in: folder).status == 0)
                let other = try CurveKeyPair.generate()
                try (other.publicKey + "\n").write(toFile: keys + "/authorized/other.public", atomically: false, encoding: .utf8)
                let endpoint = ipcEndpoint("coordinator.ipc", in: folder)
                let out = folder.path("records.jsonl")
                let trials = 40
                let run = try Isorun(
                    ["run", "--strategies", "no-clear", "--trials", "\(trials)", "--workers", "1",
                     "--bind", endpoint, "--curve", keys, "--out", out, "--quiet"], in: folder)
                try await waitUntil("the first record") { completeLineCount(out) >= 1 }
                // With the run's worker stopped, a peer the coordinator admitted would get the next task.
                let worker = try await onlyWorker(of: run)
                kill(worker, SIGSTOP)
                defer { kill(worker, SIGCONT) }

                let serverKey = try String(contentsOfFile: keys + "/server.public", encoding: .utf8)
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                let context = try Context()
                let plain = try intruder(context, id: "plain-peer", endpoint: endpoint, keys: nil)
                let stranger = try intruder(
                    context, id: "stranger", endpoint: endpoint,
                    keys: (try CurveKeyPair.generate(), serverKey))
                // Authorized, but not the key of the workers the coordinator launches.
                let squatter = try intruder(context, id: "w7", endpoint: endpoint, keys: (other, serverKey))
                for peer in [plain, stranger] {
                    try peer.setReceiveTimeout(.milliseconds(1500))
                    #expect(throws: ZMQError.again) { try peer.receive() }
                }
                try squatter.setReceiveTimeout(.seconds(10))
                let reply = try squatter.receive().map { String(decoding: $0, as: UTF8.self) }
                #expect(reply.count == 3 && reply[1] == "error" && reply[2].contains("client key"), "\(reply)")
                kill(worker, SIGCONT)

                let finished = try await run.wait()
                #expect(finished.status == 0, "stderr:\n\(finished.stderr)")
                #expect(finished.stderr.contains("refused a connection"), "stderr:\n\(finished.stderr)")
                let records = try readRecords(out)
                #expect(records.count == trials)
                #expect(records.allSatisfy { $0.worker == "w1" && $0.outcome == .ok })
            }
        }

        @Test func aWorkerWithUnlistedKeysIsToldWhy() async throws {
            try await withTemporaryFolder { folder in
                let keys = folder.path("keys")
                let strangerKeys = folder.path("stranger")
                #expect(try await runIsorun(["keys", "generate", "--out", keys], in: folder).status == 0)
                #expect(try await runIsorun(["keys", "generate", "--out", strangerKeys], in: folder).status == 0)
                // The stranger trusts the right server, but its client key is not listed there.
                try FileManager.default.removeItem(atPath: strangerKeys + "/server.public")
                try FileManager.default.copyItem(atPath: keys + "/server.public", toPath: strangerKeys + "/server.public")
                let endpoint = ipcEndpoint("coordinator.ipc", in: folder)
                let out = folder.path("records.jsonl")
                let run = try Isorun(
                    ["run", "--strategies", "no-clear", "--trials", "30", "--workers", "1",
                     "--bind", endpoint, "--curve", keys, "--out", out, "--quiet"], in: folder)
                defer { run.signal(SIGTERM) }
                // The run's worker stopped, the run cannot end before the stranger has knocked.
                try await waitUntil("the first record") { completeLineCount(out) >= 1 }
                let runWorker = try await onlyWorker(of: run)
                kill(runWorker, SIGSTOP)
                defer { kill(runWorker, SIGCONT) }
                let worker = try await runIsorun(
                    ["worker", "--connect", endpoint, "--id", "host2-a", "--curve", strangerKeys, "--connect-timeout", "15"],
                    in: folder, timeout: .seconds(30))
                #expect(worker.status == 1)
                #expect(worker.stderr.contains("authorized/"), "stderr:\n\(worker.stderr)")
            }
        }

        /// Without keys, a peer connected with routing id `w1` before the run binds
        /// takes that id from the worker launched under it, which is then killed
        /// and replaced after the hello timeout (60 s). With keys, the peer never
        /// completes a handshake, so the id stays the launched worker's.
        @Test func aPeerWithoutKeysCannotSquatALaunchedWorkersID() async throws {
            try await withTemporaryFolder { folder in
                let keys = folder.path("keys")
                #expect(try await runIsorun(["keys", "generate", "--out", keys], in: folder).status == 0)
                let context = try Context()
                let probe = try Socket(context, type: .router)
                try probe.bind("tcp://127.0.0.1:*")
                let endpoint = try #require(try probe.lastEndpoint)
                probe.close()
                let squatter = try Socket(context, type: .dealer)
                try squatter.setLinger(.zero)
                // Retrying every 2 ms, it knocks within milliseconds of the bind, before w1 starts.
                try squatter.setReconnectInterval(.milliseconds(2))
                try squatter.setRoutingID(Array("w1".utf8))
                try squatter.connect(endpoint)
                let out = folder.path("records.jsonl")
                let run = try await runIsorun(
                    ["run", "--strategies", "pool", "--trials", "5", "--workers", "1", "--bind", endpoint,
                     "--curve", keys, "--out", out, "--quiet"], in: folder, timeout: .seconds(120))
                #expect(run.status == 0, "stderr:\n\(run.stderr)")
                #expect(!run.stderr.contains("did not say hello"), "stderr:\n\(run.stderr)")
                let records = try readRecords(out)
                #expect(records.count == 5 && records.allSatisfy { $0.worker == "w1" && $0.outcome == .ok })
            }
        }

        /// A DEALER with routing id `id` that says hello and ready, with CURVE
        /// when `keys` (its pair and the server's public key) are given.
        private func intruder(
            _ context: Context, id: String, endpoint: String, keys: (pair: CurveKeyPair, server: String)?
        ) throws -> Socket {
            let socket = try Socket(context, type: .dealer)
            try socket.setLinger(.zero)
            try socket.setRoutingID(Array(id.utf8))
            if let keys {
                try socket.setCurveServerKey(keys.server)
                try socket.setCurvePublicKey(keys.pair.publicKey)
                try socket.setCurveSecretKey(keys.pair.secretKey)
            }
            try socket.connect(endpoint)
            let hello = #"{"worker":"\#(id)","pid":1,"host":"elsewhere","launch":"external","capabilities":["no-clear"]}"#
            try socket.send([Array("isorun/2".utf8), Array("hello".utf8), Array(hello.utf8)])
            try socket.send([Array("isorun/2".utf8), Array("ready".utf8), Array("{}".utf8)])
            return socket
        }
    }
}
