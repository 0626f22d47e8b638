import Testing
import Bench

@Suite struct FloorsPushPullTests {
    @Test(.enabled(if: ccAvailable, "cc not found on PATH: apt-get install gcc"))
    func compilesAndLosesNothing() throws {
        let figure = try Floors().rawPushPull(messages: 2_000, size: 500)
        #expect(figure.sent == 2_000)
        #expect(figure.received == 2_000)
        #expect(figure.lost == 0)
        #expect(figure.messagesPerSecond > 0)
    }
}
