import Bench
import Testing

/// The floor programs `make bench` builds beside `isorun`, run as the bench runs
/// them. BenchTests depends on both, so SwiftPM builds them beside the test bundle,
/// where ``Floors/floorExecutable(_:)`` finds them.
@Suite struct FloorProgramsTests {
    @Test func theSpawnFloorExitsAtOnce() throws {
        let figure = try Floors().spawnMinimalSwift(samples: 3, executable: Floors.floorExecutable())
        #expect(figure.samples == 3)
    }

    /// Each says "ready" and stays until its standard input closes: one that
    /// exited first, or never said it, would be an error here.
    @Test(arguments: [("isorun-floor", ["--idle"]), ("isorun-floor-zmq", [])])
    func eachIdleFloorSaysReadyAndWaits(program: String, arguments: [String]) throws {
        let bytes = try Floors().idleResidentBytes(
            ofExecutable: Floors.floorExecutable(program), arguments: arguments, settle: .milliseconds(50))
        #expect(bytes > 0)
    }

    @Test func aMissingFloorProgramIsNamed() {
        let error = #expect(throws: BenchError.self) { try Floors.floorExecutable("isorun-floor-nonexistent") }
        #expect(error?.message.contains("isorun-floor-nonexistent not found") == true)
    }
}
