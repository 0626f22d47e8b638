import Testing
import Bench

@Suite struct FloorsResidentMemoryTests {
    @Test func readsAnIdleProgramWithoutAReadyLine() throws {
        let bytes = try Floors().idleResidentBytes(ofExecutable: "/bin/cat", arguments: [], readyLine: nil, settle: .milliseconds(50))
        #expect(bytes > 0)
    }

    @Test func waitsForTheReadyLine() throws {
        let script = "echo starting; echo ready; exec cat"
        let bytes = try Floors().idleResidentBytes(ofExecutable: "/bin/sh", arguments: ["-c", script], settle: .milliseconds(20))
        #expect(bytes > 0)
    }

    @Test func aProgramThatExitsFirstIsAnError() {
        // It says ready, so it is past its start-up (a loaded machine can take longer than
        // any fixed pause to exec a fresh process), then exits at once; the second allowed
        // for that is ample.
        let error = #expect(throws: BenchError.self) {
            try Floors().idleResidentBytes(ofExecutable: "/bin/sh", arguments: ["-c", "echo ready; exit 0"], settle: .seconds(1))
        }
        #expect(error?.message.contains("before it was idle") == true)
    }

    @Test func aProgramThatNeverSaysReadyIsAnError() {
        let error = #expect(throws: BenchError.self) {
            try Floors().idleResidentBytes(ofExecutable: "/bin/true", arguments: [], settle: .zero)
        }
        #expect(error?.message.contains("ready") == true)
    }
}
