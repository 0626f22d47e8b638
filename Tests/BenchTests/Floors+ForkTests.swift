import Testing
import Bench

@Suite struct FloorsForkTests {
    @Test func oneSample() throws {
        let figure = try Floors().forkExitWait(samples: 1)
        #expect(figure.samples == 1)
        #expect(figure.median > .zero)
    }

    @Test func manySamples() throws {
        let figure = try Floors().forkExitWait(samples: 20)
        #expect(figure.samples == 20)
        #expect(figure.median > .zero)
        #expect(figure.microseconds > 0)
    }
}
