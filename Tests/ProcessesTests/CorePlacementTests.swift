import Processes
import Testing

@Suite struct CorePlacementTests {
    @Test func workersSpreadOneToACPUThenDoubleUpFromTheLowest() {
        var placement = CorePlacement<String>(cpus: [5, 2, 9])
        #expect(placement.cpus == [2, 5, 9])
        #expect((0..<5).map { placement.take(for: "w\($0)") } == [2, 5, 9, 2, 5])
    }

    @Test func anEndedWorkersCPUIsTheNextOneTaken() {
        var placement = CorePlacement<String>(cpus: [0, 1, 2])
        _ = (placement.take(for: "a"), placement.take(for: "b"), placement.take(for: "c"))
        #expect(placement.release("b") == nil)
        #expect(placement.take(for: "d") == 1)
        #expect(placement.release("c") == nil)
        #expect(placement.release("a") == nil)
        #expect(placement.take(for: "e") == 0)
        #expect(placement.take(for: "f") == 2)
        #expect(placement.take(for: "g") == 0)
    }

    @Test func aSuccessorPlacedBeforeItsPredecessorEndedMovesToTheFreedCPU() {
        var placement = CorePlacement<String>(cpus: [0, 1])
        _ = (placement.take(for: "w0"), placement.take(for: "w1"))
        // w1 is recycled: w2 starts while w1 shuts down, and lands beside w0.
        #expect(placement.take(for: "w2") == 0)
        let move = placement.release("w1")
        #expect(move?.holder == "w2")
        #expect(move?.cpu == 1)
        // w2 now counts on CPU 1: when it ends, CPU 1 is the one taken next.
        #expect(placement.release("w2") == nil)
        #expect(placement.take(for: "w3") == 1)
    }

    @Test func nothingMovesWhenTheCPUsStayWithinOneOfEachOther() {
        var placement = CorePlacement<String>(cpus: [0, 1])
        for name in ["a", "b", "c"] { _ = placement.take(for: name) }  // 0, 1, 0
        #expect(placement.release("a") == nil)  // one each
        #expect(placement.release("b") == nil)  // one and none
        #expect(placement.take(for: "d") == 1)
    }

    @Test func oneCPUTakesEveryWorkerAndNothingMoves() {
        var placement = CorePlacement<String>(cpus: [3])
        #expect((0..<3).map { placement.take(for: "w\($0)") } == [3, 3, 3])
        #expect(placement.release("w0") == nil)
    }

    @Test func releasingAWorkerNeverPlacedChangesNothing() {
        var placement = CorePlacement<String>(cpus: [0, 1])
        _ = placement.take(for: "a")
        #expect(placement.release("stranger") == nil)
        #expect(placement.take(for: "b") == 1)
    }
}
