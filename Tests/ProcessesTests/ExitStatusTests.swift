import Processes
import Testing

@Suite struct ExitStatusTests {
    @Test func waitStatusesDecodeAsWaitpidDefinesThem() {
        #expect(ExitStatus(waitStatus: 0) == .exited(0))
        #expect(ExitStatus(waitStatus: 3 << 8) == .exited(3))
        #expect(ExitStatus(waitStatus: 9) == .signaled(9))
    }

    @Test func explanationsNameTheStatusOrTheSignal() {
        #expect(ExitStatus.exited(2).explanation == "worker exited with status 2")
        #expect(ExitStatus.signaled(9).explanation.hasPrefix("worker killed by signal 9"))
    }
}
