import Testing
import ZeroMQ

@Suite struct VersionTests {
    @Test func theLinkedLibraryIsLibzmq4() {
        let version = libzmqVersion
        #expect(version.major == 4)
        #expect(version.minor >= 0 && version.patch >= 0)
    }
}
