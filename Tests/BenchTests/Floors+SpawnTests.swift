import Testing
import Bench

@Suite struct FloorsSpawnTests {
    @Test func spawnsAnExplicitExecutable() throws {
        let figure = try Floors().spawnMinimalSwift(samples: 5, executable: "/bin/true")
        #expect(figure.samples == 5)
        #expect(figure.median > .zero)
    }

    @Test func aFailingExecutableIsAnError() {
        let error = #expect(throws: BenchError.self) {
            try Floors().spawnMinimalSwift(samples: 1, executable: "/bin/false")
        }
        #expect(error?.message.contains("exited 1") == true)
    }

    @Test func aMissingExecutableIsAnError() {
        let error = #expect(throws: BenchError.self) {
            try Floors().spawnMinimalSwift(samples: 1, executable: "/nonexistent/isorun-floor")
        }
        #expect(error?.message.contains("/nonexistent/isorun-floor") == true)
    }
}
