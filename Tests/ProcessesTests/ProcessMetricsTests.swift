import Testing
@testable import Processes

@Suite struct ProcessMetricsTests {
    @Test func anEmptyOrIncompleteStatusHasNoMemory() {
        #expect(ProcessMetrics.parseStatus([]) == nil)
        #expect(ProcessMetrics.parseStatus(ArraySlice("Name:\tx\nVmRSS:\t  12 kB\n".utf8)) == nil)
        #expect(ProcessMetrics.parseStatus(ArraySlice("VmRSS:\t kB\nVmHWM:\t  3 kB\n".utf8)) == nil)
        #expect(ProcessMetrics.parseStatus(ArraySlice("Name:\tVmRSS: 5\nVmHWM:\t  3 kB\n".utf8)) == nil, "only at a line's start")
    }

    @Test func bothFiguresComeFromOneStatusText() {
        let status = "Name:\tisorun\nVmPeak:\t  900 kB\nVmHWM:\t    20 kB\nVmRSS:\t    12 kB\nThreads:\t1\n"
        #expect(ProcessMetrics.parseStatus(ArraySlice(status.utf8)) == .init(residentBytes: 12 * 1024, peakResidentBytes: 20 * 1024))
    }

    @Test func thisProcessHasAPeakAtLeastItsCurrentMemory() throws {
        let memory = try #require(ProcessMetrics.memory())
        #expect(memory.residentBytes > 0)
        #expect(memory.peakResidentBytes >= memory.residentBytes)
        #expect(ProcessMetrics.residentBytes(of: ProcessMetrics.pid) != nil)
        #expect(ProcessMetrics.memory(of: -1) == nil)
    }
}
