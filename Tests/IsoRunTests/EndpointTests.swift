import Testing
@testable import IsoRun

@Suite struct EndpointTests {
    @Test func tcpAndIpcEndpointsPass() throws {
        for endpoint in ["tcp://127.0.0.1:5555", "tcp://[::1]:1", "tcp://host.example:65535", "ipc:///tmp/x"] {
            #expect(try Endpoint.check(endpoint, binding: false) == endpoint)
        }
        #expect(try Endpoint.check("tcp://0.0.0.0:*", binding: true) == "tcp://0.0.0.0:*")
    }

    @Test func eachMistakeIsNamed() {
        let cases: [(String, Bool, String)] = [
            ("", false, "no transport"),
            ("localhost:5555", false, "no transport"),
            ("udp://1.2.3.4:5", false, "unsupported transport 'udp'"),
            ("tcp://127.0.0.1:99999", true, "port 99999 is out of range"),
            ("tcp://127.0.0.1:0", true, "port 0 is out of range"),
            ("tcp://127.0.0.1:http", true, "port 'http' is not a number"),
            ("tcp://127.0.0.1", true, "no port"),
            ("tcp://:5555", true, "no host"),
            ("tcp://127.0.0.1:*", false, "only be bound"),
            ("ipc://", true, "empty"),
            ("ipc://" + String(repeating: "x", count: 200), true, "longer than 107 bytes"),
        ]
        for (endpoint, binding, reason) in cases {
            #expect(throws: Endpoint.Problem.self, "\(endpoint)") { try Endpoint.check(endpoint, binding: binding) }
            do {
                try Endpoint.check(endpoint, binding: binding)
            } catch {
                #expect(error.reason.contains(reason), "\(endpoint): \(error.reason)")
                #expect(error.description.contains("allowed: tcp://HOST:PORT"))
            }
        }
    }
}
