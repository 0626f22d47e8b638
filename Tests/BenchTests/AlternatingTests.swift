import Testing
@testable import Bench

@Suite struct AlternatingTests {
    @Test func aFloorAndItsFigureTakeTurnsBlockByBlock() throws {
        var calls: [String] = []
        let (floors, figures) = try BenchSuite.alternating(
            floor: { calls.append("floor"); return calls.count },
            figure: { calls.append("figure"); return calls.count })
        #expect(calls == Array(repeating: ["floor", "figure"], count: BenchSuite.blocks).flatMap { $0 })
        #expect(floors == [1, 3, 5, 7, 9] && figures == [2, 4, 6, 8, 10])
    }

    @Test func aFigureOfBlocksIsTheMedianOfTheirMediansOverAllTheirSamples() {
        let blocks = [3, 1, 40, 2, 5].map { DurationFigure(median: .microseconds($0), samples: 10) }
        let figure = DurationFigure(medianOf: blocks)
        #expect(figure.median == .microseconds(3))
        #expect(figure.samples == 50)
    }
}
