import Security
import Testing

struct BindPolicyTests {
    @Test(arguments: [
        "ipc:///tmp/run/coordinator", "inproc://records", "tcp://127.0.0.1:5555", "tcp://127.8.9.10:*",
        "tcp://localhost:5555", "tcp://[::1]:5555",
    ])
    func localEndpointsNeedNoKeys(endpoint: String) throws {
        #expect(BindPolicy.isLocal(endpoint))
        #expect(try BindPolicy.check(endpoint, flag: "--bind", secured: false, insecure: false, keysHint: "Give --curve DIR") == nil)
    }

    @Test(arguments: [
        "tcp://0.0.0.0:5555", "tcp://*:5555", "tcp://10.231.0.1:5555", "tcp://128.0.0.1:5555", "tcp://127.0.0.1.evil:1",
        "tcp://eth0:5555", "tcp://[::]:5555", "tcp://host.example:5555",
    ])
    func otherEndpointsNeedKeysOrInsecure(endpoint: String) throws {
        #expect(!BindPolicy.isLocal(endpoint))
        let refusal = #expect(throws: BindPolicy.Refusal.self) {
            try BindPolicy.check(endpoint, flag: "--bind", secured: false, insecure: false, keysHint: "Give --curve DIR")
        }
        #expect(refusal?.description.contains("--bind \(endpoint)") == true)
        #expect(refusal?.description.contains("--insecure") == true)
        #expect(refusal?.description.contains("--curve DIR") == true)
        #expect(try BindPolicy.check(endpoint, flag: "--bind", secured: true, insecure: false, keysHint: "") == nil)
        let warning = try BindPolicy.check(endpoint, flag: "--bind", secured: false, insecure: true, keysHint: "")
        #expect(warning?.contains("--insecure") == true)
    }
}
