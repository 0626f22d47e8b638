import Testing
@testable import TrialRuntime

@Suite struct LinkedTrialTests {
    @Test func onlyALocalEndpointOrDescriptor3NamesALink() {
        #expect(LinkedTrial.link(of: "local:///tmp/isorun-1/trials") == .listener(path: "/tmp/isorun-1/trials"))
        #expect(LinkedTrial.link(of: "fd://3") == .inherited)
        #expect(LinkedTrial.link(of: "local://") == nil)
        #expect(LinkedTrial.link(of: "fd://4") == nil)
        #expect(LinkedTrial.link(of: "ipc:///tmp/isorun-1/coordinator") == nil)
    }
}
