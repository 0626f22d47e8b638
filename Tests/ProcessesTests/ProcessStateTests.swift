import Testing
@testable import Processes

#if canImport(Glibc)
import Glibc
#endif

@Suite struct ProcessStateTests {
    @Test func theLetterAfterTheLastParenthesisIsTheState() {
        #expect(ProcessState.parse(Array("42 (sleep) S 1 42 42 0".utf8)) == .running)
        #expect(ProcessState.parse(Array("42 (isorun-trial) R 1".utf8)) == .running)
        #expect(ProcessState.parse(Array("42 (a) b) (c) T 1".utf8)) == .stopped, "a name holding parentheses")
        #expect(ProcessState.parse(Array("42 (strace'd) t 1".utf8)) == .stopped)
        #expect(ProcessState.parse(Array("42 (gone) Z 1".utf8)) == .ended)
        #expect(ProcessState.parse(Array("".utf8)) == .ended)
        #expect(ProcessState.parse(Array("42 (cut".utf8)) == .ended)
    }

    /// A real child: running, stopped by SIGSTOP, running again after SIGCONT,
    /// a zombie once killed and not yet reaped, and no process once reaped.
    @Test func aChildIsSeenRunningStoppedAndEnded() throws {
        let pid = try ChildProcess.spawn("sleep", arguments: ["30"])
        #expect(ProcessState.of(pid) == .running)
        kill(pid, SIGSTOP)
        #expect(awaitState(of: pid, .stopped))
        kill(pid, SIGCONT)
        #expect(awaitState(of: pid, .running))
        kill(pid, SIGKILL)
        #expect(awaitState(of: pid, .ended), "a zombie")
        _ = ChildProcess.wait(pid)
        #expect(ProcessState.of(pid) == .ended)
    }

    /// Whether `pid` reaches `state` within ten seconds: a signal's effect is not instant.
    private func awaitState(of pid: pid_t, _ state: ProcessState) -> Bool {
        for _ in 0..<1000 {
            if ProcessState.of(pid) == state { return true }
            usleep(10_000)
        }
        return false
    }
}
