import Foundation
import Testing
import TrialRecords
import ZeroMQ

#if canImport(Glibc)
import Glibc
#endif

extension EndToEnd {
    /// The Kubernetes recipe of docs/clusters.md, as far as it can be tried
    /// without a cluster: the manifest decodes as a `batch/v1` Job with
    /// kubectl's own types (when kubectl is installed), and its container's
    /// command, with its `$(POD_NAME)` expanded and the keys laid out as
    /// kubelet lays out a Secret volume, serves trials from another network
    /// namespace. What it cannot try: scheduling, the image, cluster DNS.
    @Suite(.enabled(if: CurveKeyPair.isSupported, "libzmq was built without CURVE"))
    struct KubernetesJobTests {
        static let manifest = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/kubernetes/isorun-workers.yaml").path

        @Test func theManifestDecodesAsAJob() async throws {
            guard let kubectl = ["/usr/bin/kubectl", "/usr/local/bin/kubectl"]
                .first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
                print("skipped: kubectl is not installed, so the manifest's types are not checked")
                return
            }
            // `set env --local` decodes the file with Kubernetes' types and needs no cluster.
            let decoded = try runTool(kubectl, ["set", "env", "--local", "-f", Self.manifest, "ISORUN_CHECK=1", "-o", "json"])
            #expect(decoded.status == 0, "\(decoded.stderr)")
            let job = try #require(try JSONSerialization.jsonObject(with: Data(decoded.stdout.utf8)) as? [String: Any])
            #expect(job["kind"] as? String == "Job" && job["apiVersion"] as? String == "batch/v1")
        }

        @Test func thePodCommandServesTrialsFromAnotherNamespace() async throws {
            let pod = try PodSpec(manifest: String(contentsOfFile: Self.manifest, encoding: .utf8))
            guard let namespaces = NetworkNamespaces() else { return }
            defer { namespaces.remove() }
            try await withTemporaryFolder { folder in
                let keys = folder.path("keys")
                #expect(try await runIsorun(["keys", "generate", "--out", keys], in: folder).status == 0)
                let mounted = try SecretVolume.mount(
                    ["server.public", "client.public", "client.secret"], from: keys, at: folder.path("secret"))
                let podName = "isorun-workers-x7k2p"
                let arguments = pod.arguments
                    .map { $0 == "$(POD_NAME)" ? podName : $0 }
                    .map { $0 == pod.keysMountPath ? mounted : $0 }
                    .map { $0.replacingOccurrences(of: "coordinator.example.com", with: namespaces.coordinatorAddress) }
                let worker = try Isorun(arguments, in: folder, launcher: namespaces.exec(in: namespaces.worker))
                try await namespaces.expectPoolStageServed(
                    by: podName, worker: worker, endpoint: "tcp://\(namespaces.coordinatorAddress):5555",
                    keys: keys, in: folder)
            }
        }
    }
}

/// The container of the manifest: `command` and `args`, each a one-line flow
/// sequence of quoted strings (which is JSON), and where the keys are mounted
/// (its only `mountPath`).
private struct PodSpec {
    var arguments: [String]
    var keysMountPath: String

    init(manifest: String) throws {
        func field(_ name: String) throws -> String {
            let line = try #require(
                manifest.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(name + ":") },
                "the manifest has no \(name): line")
            return String(line.drop { $0 != ":" }.dropFirst()).trimmingCharacters(in: .whitespaces)
        }
        let command = try JSONDecoder().decode([String].self, from: Data(try field("command").utf8))
        #expect(command.first == "isorun", "the recipe's image runs isorun from PATH")
        arguments = Array(command.dropFirst()) + (try JSONDecoder().decode([String].self, from: Data(try field("args").utf8)))
        keysMountPath = try #require(manifest.firstMatch(of: /mountPath: ([^,}\s]+)/), "no mountPath").1.description
    }
}

/// A Secret volume as kubelet writes it: the files in a timestamped folder,
/// `..data` pointing at it, and each key a link through `..data`, with the
/// Secret's `defaultMode` (0400).
private enum SecretVolume {
    static func mount(_ names: [String], from source: String, at path: String) throws -> String {
        let fileManager = FileManager.default
        let version = "..2026_12_03_12_00_00.000000001"
        try fileManager.createDirectory(atPath: path + "/" + version, withIntermediateDirectories: true)
        for name in names {
            let target = path + "/" + version + "/" + name
            try fileManager.copyItem(atPath: source + "/" + name, toPath: target)
            #expect(chmod(target, 0o400) == 0)
        }
        try fileManager.createSymbolicLink(atPath: path + "/..data", withDestinationPath: version)
        for name in names {
            try fileManager.createSymbolicLink(atPath: path + "/" + name, withDestinationPath: "..data/" + name)
        }
        return path
    }
}
