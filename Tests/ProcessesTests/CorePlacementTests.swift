import Processes
import Testing

@Suite struct CorePlacementTests {
    @Test func workersSpreadOneToACPUThenDoubleUpFromTheLowest() {
        var placement = CorePlacement(cpus: [5, 2, 9])
        #expect(placement.cpus == [2, 5, 9])
        #expect((0..<5).map { _ in placement.take() } == [2, 5, 9, 2, 5])
    }

    @Test func aReleasedCPUIsTheNextOneTaken() {
        var placement = CorePlacement(cpus: [0, 1, 2])
        _ = (placement.take(), placement.take(), placement.take())
        placement.release(1)
        #expect(placement.take() == 1)
        placement.release(2)
        placement.release(0)
        #expect(placement.take() == 0)
        #expect(placement.take() == 2)
        #expect(placement.take() == 0)
    }

    @Test func oneCPUTakesEveryWorker() {
        var placement = CorePlacement(cpus: [3])
        #expect((0..<3).map { _ in placement.take() } == [3, 3, 3])
    }
}
