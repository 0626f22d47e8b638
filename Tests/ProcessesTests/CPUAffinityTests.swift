import Processes
import Synchronization
import Testing

@Suite struct CPUAffinityTests {
    /// What a thread started inside the body sees, then the calling thread after it.
    @Test func aThreadIsRestrictedForTheBodyAndItsThreadsKeepTheCPU() throws {
        let before = try CPUAffinity.allowedCPUs()
        let cpu = try #require(before.last)
        let (inside, started) = try CPUAffinity.withCallingThread(on: cpu) {
            let started = Mutex<[Int32]>([])
            let thread = OSThread { started.withLock { $0 = (try? CPUAffinity.allowedCPUs()) ?? [] } }
            thread.join()
            return (try CPUAffinity.allowedCPUs(), started.withLock { $0 })
        }
        #expect(inside == [cpu])
        #expect(started == [cpu])
        #expect(try CPUAffinity.allowedCPUs() == before)
    }

    @Test func aCPUOutOfRangeIsRefusedAndTheThreadKeepsItsCPUs() throws {
        let before = try CPUAffinity.allowedCPUs()
        #expect(throws: CPUAffinity.Failure.self) {
            try CPUAffinity.withCallingThread(on: 1 << 20) { Issue.record("the body ran on a CPU out of range") }
        }
        #expect(try CPUAffinity.allowedCPUs() == before)
    }
}
