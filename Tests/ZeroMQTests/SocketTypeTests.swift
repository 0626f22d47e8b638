import Testing
import ZeroMQ

@Suite struct SocketTypeTests {
    @Test(arguments: SocketType.allCases)
    func everyTypeCreatesASocket(_ type: SocketType) throws {
        let socket = try Socket(Context(), type: type)
        #expect(socket.type == type)
    }
}
