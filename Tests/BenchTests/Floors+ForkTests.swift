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

    @Test func aProgramThatPrintsNoMedianIsAnError() {
        let error = #expect(throws: BenchError.self) {
            try Floors().forkExitWait(samples: 1, executable: "/bin/true")
        }
        #expect(error?.message.contains("median_ns") == true)
    }

    @Test func aFailingProgramIsAnError() {
        let error = #expect(throws: BenchError.self) {
            try Floors().forkExitWait(samples: 1, executable: "/bin/false")
        }
        #expect(error?.message.contains("the fork floor failed") == true)
    }
}
