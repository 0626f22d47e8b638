import Testing
import Bench

@Suite struct FloorsRoundTripTests {
    @Test(.enabled(if: ccAvailable, "cc not found on PATH: apt-get install gcc"))
    func compilesAndMeasures() throws {
        let figure = try Floors().rawRoundTrip(samples: 50)
        #expect(figure.samples == 50)
        #expect(figure.median > .zero)
    }

    @Test(.enabled(if: ccAvailable, "cc not found on PATH: apt-get install gcc"))
    func measuresTheSocketPairOfTheLocalLink() throws {
        let figure = try Floors().rawLinkRoundTrip(samples: 50)
        #expect(figure.samples == 50)
        #expect(figure.median > .zero)
    }
}
