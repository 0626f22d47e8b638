import Foundation
import Testing
import ZeroMQ

#if canImport(Glibc)
import Glibc
#endif

extension EndToEnd {
    /// `isorun worker --connect` when no coordinator is there, or one is there with nothing to say.
    @Suite struct WorkerConnectTests {
        @Test func aWorkerWithNoCoordinatorGivesUpAfterItsConnectTimeout() async throws {
            try await withTemporaryFolder { folder in
                let endpoint = "tcp://127.0.0.1:\(try LoopbackPort.unused())"
                let finished = try await runIsorun(
                    ["worker", "--connect", endpoint, "--connect-timeout", "0.5"], in: folder, timeout: .seconds(30))
                #expect(finished.status == 1, "stderr:\n\(finished.stderr)")
                #expect(finished.stderr.contains("isorun: error: --connect \(endpoint): no coordinator answered at "
                    + "\(endpoint) within 0.5 s"), "stderr:\n\(finished.stderr)")
                #expect(finished.stderr.contains("--connect-timeout"), "the message says how to wait longer")
            }
        }

        /// An open port is not a coordinator: something listens, but no ZeroMQ handshake completes.
        @Test func aPortThatIsNotACoordinatorIsNotTakenForOne() async throws {
            try await withTemporaryFolder { folder in
                let listener = try LoopbackPort.listening()
                defer { close(listener.descriptor) }
                let endpoint = "tcp://127.0.0.1:\(listener.port)"
                let finished = try await runIsorun(
                    ["worker", "--connect", endpoint, "--connect-timeout", "0.5"], in: folder, timeout: .seconds(30))
                #expect(finished.status == 1, "stderr:\n\(finished.stderr)")
                #expect(finished.stderr.contains("no coordinator answered at \(endpoint)"), "stderr:\n\(finished.stderr)")
            }
        }

        /// A coordinator that has no task for the worker yet is there all the same.
        @Test func aSilentCoordinatorIsWaitedOnPastTheTimeout() async throws {
            try await withTemporaryFolder { folder in
                let context = try Context()
                let router = try Socket(context, type: .router)
                try router.setLinger(.zero)
                try router.bind("tcp://127.0.0.1:*")
                let endpoint = try #require(try router.lastEndpoint)
                let worker = try Isorun(
                    ["worker", "--connect", endpoint, "--id", "external-1", "--connect-timeout", "0.2"], in: folder)
                // Heartbeats start once the worker has found its coordinator, one a
                // second: two of them mean it outlived its 0.2 s timeout.
                var heartbeats = 0
                try await waitUntil("two heartbeats from the worker") {
                    while let frames = try router.receiveIfAvailable() {
                        if frames.first == Array("external-1#heartbeat".utf8) { heartbeats += 1 }
                    }
                    return heartbeats >= 2 || !worker.isRunning
                }
                #expect(worker.isRunning, "the worker gave up; stderr:\n\(worker.stderr)")
                try router.send([Array("external-1".utf8), Array("isorun/2".utf8), Array("shutdown".utf8), Array("{}".utf8)])
                let finished = try await worker.wait(timeout: .seconds(30))
                #expect(finished.status == 0, "stderr:\n\(finished.stderr)")
            }
        }

        @Test func aConnectTimeoutOutOfRangeIsAUsageError() async throws {
            try await withTemporaryFolder { folder in
                let finished = try await runIsorun(
                    ["worker", "--connect", "tcp://127.0.0.1:5573", "--connect-timeout", "0"], in: folder)
                #expect(finished.status == 2)
                #expect(finished.stderr.contains("--connect-timeout must be between 0.001 and 86400 seconds, got 0.0"),
                        "stderr:\n\(finished.stderr)")
            }
        }
    }
}

/// Loopback TCP ports for tests: one nobody listens on, or one held by a plain
/// (not ZeroMQ) listening socket.
enum LoopbackPort {
    /// A port that was free a moment ago: bound by the kernel's choice, then closed.
    static func unused() throws -> UInt16 {
        let bound = try listening()
        close(bound.descriptor)
        return bound.port
    }

    /// A listening TCP socket on 127.0.0.1 at a port of the kernel's choice; it
    /// never accepts, so a peer connects (into the backlog) and hears nothing.
    static func listening() throws -> (descriptor: Int32, port: UInt16) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(descriptor, pointer, length) == 0 && listen(descriptor, 16) == 0
                    && getsockname(descriptor, pointer, &length) == 0
            }
        }
        guard ok else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw LoopbackFailure(description: "cannot listen on a loopback port: \(reason)")
        }
        return (descriptor, UInt16(bigEndian: address.sin_port))
    }

    struct LoopbackFailure: Error, CustomStringConvertible {
        var description: String
    }
}
