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
        let error = #expect(throws: BenchError.self) {
            try Floors().idleResidentBytes(ofExecutable: "/bin/true", arguments: [], readyLine: nil, settle: .milliseconds(100))
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
