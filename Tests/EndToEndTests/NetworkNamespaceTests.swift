import Foundation
import Testing
import TrialRecords
import ZeroMQ

extension EndToEnd {
    /// A worker on "another host": a network namespace joined to the
    /// coordinator's by a veth pair, over tcp with CURVE.
    @Suite(.enabled(if: CurveKeyPair.isSupported, "libzmq was built without CURVE"))
    struct NetworkNamespaceTests {
        @Test func anAuthorizedWorkerInAnotherNamespaceServesTrials() async throws {
            guard let namespaces = NetworkNamespaces() else { return }
            defer { namespaces.remove() }
            try await withTemporaryFolder { folder in
                let keys = folder.path("keys")
                #expect(try await runIsorun(["keys", "generate", "--out", keys], in: folder).status == 0)
                // What the other host is given: its client pair and the coordinator's public key.
                let workerKeys = folder.path("worker-keys")
                try FileManager.default.createDirectory(atPath: workerKeys, withIntermediateDirectories: false)
                for name in ["client.public", "client.secret", "server.public"] {
                    try FileManager.default.copyItem(atPath: keys + "/" + name, toPath: workerKeys + "/" + name)
                }
                let endpoint = "tcp://\(namespaces.coordinatorAddress):5555"
                // Started first: it waits for the coordinator, and joins as soon as it binds.
                let external = try Isorun(
                    ["worker", "--connect", endpoint, "--id", "host2-a", "--curve", workerKeys, "--connect-timeout", "60"],
                    in: folder, launcher: namespaces.exec(in: namespaces.worker))
                try await namespaces.expectPoolStageServed(
                    by: "host2-a", worker: external, endpoint: endpoint, keys: keys, in: folder)
            }
        }
    }
}

extension NetworkNamespaces {
    /// Runs a pool stage of 60 trials in the coordinator's namespace, bound to
    /// `endpoint` with the CURVE keys in `keys` and one worker of its own, and
    /// checks that it and the external `worker` (already started, with id `id`)
    /// both exit 0, that every trial has one ok record, and that the external
    /// worker served some of them. Each trial fits 300 epochs (tens of ms in a
    /// debug build), so that the stage outlasts the external worker's reconnect
    /// and handshake many times over: of seed trials, the run's own worker on
    /// its local link served all 60 before the other one had joined.
    func expectPoolStageServed(
        by id: String, worker: Isorun, endpoint: String, keys: String, in folder: TemporaryFolder
    ) async throws {
        let out = folder.path("records.jsonl")
        let trials = 60
        let config = folder.path("slow.toml")
        try "[experiment]\nname = \"slow\"\n[fit]\nepochs = 300\n".write(toFile: config, atomically: true, encoding: .utf8)
        let run = try await Isorun(
            ["run", config, "--strategies", "pool", "--trials", "\(trials)", "--workers", "1",
             "--bind", endpoint, "--curve", keys, "--out", out, "--quiet"],
            in: folder, launcher: exec(in: coordinator)).wait(timeout: .seconds(120))
        #expect(run.status == 0, "stderr:\n\(run.stderr)")
        let external = try await worker.wait(timeout: .seconds(30))
        #expect(external.status == 0, "worker stderr:\n\(external.stderr)")

        let records = try readRecords(out)
        var okPerTrial: [Int: Int] = [:]
        for record in records where record.outcome == .ok { okPerTrial[record.trial, default: 0] += 1 }
        #expect(okPerTrial.count == trials && okPerTrial.values.allSatisfy { $0 == 1 }, "\(okPerTrial)")
        let fromOtherHost = records.filter { $0.worker == id }
        #expect(!fromOtherHost.isEmpty, "the external worker \(id) served no trial")
        #expect(fromOtherHost.allSatisfy { $0.launch == .external && $0.outcome == .ok })
    }
}
