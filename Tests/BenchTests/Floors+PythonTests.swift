import Foundation
import Testing
import Bench

/// Whether `python3` is on PATH; the Python floor's test is skipped without it.
let pythonAvailable = (ProcessInfo.processInfo.environment["PATH"] ?? "")
    .split(separator: ":")
    .contains { FileManager.default.isExecutableFile(atPath: "\($0)/python3") }

@Suite struct FloorsPythonTests {
    @Test(.enabled(if: pythonAvailable, "python3 is not on PATH"))
    func measuresPoolApplyAndAProcessPerTaskWithForkAndSpawn() throws {
        // 21 applies (about 5 ms in all): their median holds through a few slow
        // calls on a busy machine, where a median of 3 is two slow calls from failing.
        let python = try #require(try Floors().pythonMultiprocessing(applies: 21, freshTasks: 1))
        #expect(python.poolApply.samples == 21)
        #expect(python.freshFork.samples == 1)
        #expect(python.freshSpawn.samples == 1)
        // A new process per task costs more than a call to a live one, in the same run.
        #expect(python.poolApply.median > .zero)
        #expect(python.freshFork.median > python.poolApply.median)
        #expect(python.freshSpawn.median > python.poolApply.median)
    }

    /// The apply pool placed as the bench's first pool row; a CPU the kernel refuses fails the floor.
    @Test(.enabled(if: pythonAvailable, "python3 is not on PATH"))
    func placesTheApplyPoolAndFailsOnACPUThatIsNotThere() throws {
        let placement = try #require(try DispatchPlacement.available().first)
        let python = try #require(try Floors().pythonMultiprocessing(applies: 21, freshTasks: 1, placement: placement))
        #expect(python.poolApply.samples == 21)
        let absent = DispatchPlacement(coordinatorCPU: placement.coordinatorCPU, workerCPU: 1 << 20)
        #expect(throws: BenchError.self) { try Floors().pythonMultiprocessing(applies: 21, freshTasks: 1, placement: absent) }
    }
}
