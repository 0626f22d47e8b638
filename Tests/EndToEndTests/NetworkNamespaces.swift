import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Two network namespaces joined by a veth pair with private addresses, as two
/// hosts on one link: `coordinator` has `coordinatorAddress`, `worker` the other
/// end of a /30. Nothing else is routed to or from them, so their traffic stays
/// inside. Removed, with the pair, by ``remove()``.
struct NetworkNamespaces {
    let coordinator: String
    let worker: String
    let coordinatorAddress = "10.231.0.1"
    let workerAddress = "10.231.0.2"

    /// Creates them; nil, with the reason printed, where that is not possible
    /// (not root, no `ip`, no permission for namespaces): the test is then skipped.
    init?() {
        guard getuid() == 0 else {
            print("skipped: network namespaces need root (uid is \(getuid()))")
            return nil
        }
        guard FileManager.default.isExecutableFile(atPath: Self.ip) else {
            print("skipped: \(Self.ip) (iproute2) is not installed")
            return nil
        }
        let tag = "\(getpid() % 100_000)"
        coordinator = "isorun-c\(tag)"
        worker = "isorun-w\(tag)"
        let (coordinatorEnd, workerEnd) = ("isc\(tag)", "isw\(tag)")
        let steps: [[String]] = [
            ["netns", "add", coordinator],
            ["netns", "add", worker],
            ["link", "add", coordinatorEnd, "type", "veth", "peer", "name", workerEnd],
            ["link", "set", coordinatorEnd, "netns", coordinator],
            ["link", "set", workerEnd, "netns", worker],
            ["-n", coordinator, "addr", "add", "\(coordinatorAddress)/30", "dev", coordinatorEnd],
            ["-n", worker, "addr", "add", "\(workerAddress)/30", "dev", workerEnd],
            ["-n", coordinator, "link", "set", coordinatorEnd, "up"],
            ["-n", worker, "link", "set", workerEnd, "up"],
            ["-n", coordinator, "link", "set", "lo", "up"],
            ["-n", worker, "link", "set", "lo", "up"],
        ]
        for step in steps {
            let (status, errors) = Self.run(step)
            guard status == 0 else {
                print("skipped: ip \(step.joined(separator: " ")) failed (\(errors)); network namespaces are not available here")
                remove()
                return nil
            }
        }
    }

    /// How to run a program inside `namespace`: `ip netns exec NAMESPACE`.
    func exec(in namespace: String) -> [String] { [Self.ip, "netns", "exec", namespace] }

    /// Deletes both namespaces (which deletes the veth pair); harmless for ones not made.
    func remove() {
        for namespace in [coordinator, worker] where FileManager.default.fileExists(atPath: "/run/netns/\(namespace)") {
            let (status, errors) = Self.run(["netns", "del", namespace])
            if status != 0 { Issue.record("ip netns del \(namespace) failed: \(errors)") }
        }
    }

    private static let ip = ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"]
        .first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/sbin/ip"

    /// Runs `ip ARGUMENTS`; its status (-1 if it cannot start) and standard error.
    private static func run(_ arguments: [String]) -> (Int32, String) {
        do {
            let finished = try runTool(ip, arguments)
            return (finished.status, finished.stderr)
        } catch {
            return (-1, "\(error)")
        }
    }
}
