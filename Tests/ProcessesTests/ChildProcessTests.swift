import Processes
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite struct ChildProcessTests {
    @Test func aChildGetsTheAddedEnvironmentAndItsOutputGoesWhereAsked() throws {
        let folder = try PrivateFolder()
        defer { folder.remove() }
        let log = open("\(folder.path)/out.log", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        #expect(log >= 0)
        let pid = try ChildProcess.spawn(
            "sh", arguments: ["-c", "echo out:$ISORUN_WORKER_ID; echo err:$HOME >&2"],
            environment: ["ISORUN_WORKER_ID": "w7"], stdout: log, stderr: log)
        close(log)
        #expect(ChildProcess.wait(pid) == .exited(0))
        let text = try String(decoding: readAll("\(folder.path)/out.log"), as: UTF8.self)
        #expect(text.contains("out:w7\n"))
        #expect(text.contains("err:\(String(cString: getenv("HOME")))\n"))
    }

    @Test func aProgramThatCannotBeFoundIsASpawnError() {
        #expect(throws: ChildProcess.SpawnError.self) {
            _ = try ChildProcess.spawn("/nonexistent/isorun-worker", arguments: [])
        }
    }

    @Test func aKilledChildIsReapedWithItsSignal() throws {
        let pid = try ChildProcess.spawn("sleep", arguments: ["30"])
        #expect(ChildProcess.reapIfEnded(pid) == nil)
        ChildProcess.kill(pid)
        #expect(ChildProcess.wait(pid) == .signaled(SIGKILL))
    }

    @Test func aChildsEndDescriptorBecomesReadableWhenItEndsNotBefore() throws {
        let pid = try ChildProcess.spawn("sleep", arguments: ["30"])
        let ended = try #require(ChildProcess.endDescriptor(pid))
        defer { close(ended) }
        var watch = pollfd(fd: ended, events: Int16(POLLIN), revents: 0)
        #expect(poll(&watch, 1, 50) == 0)
        ChildProcess.kill(pid)
        // Bounded: a descriptor that never becomes readable fails the test rather than hanging it.
        #expect(poll(&watch, 1, 20_000) == 1)
        #expect(ChildProcess.reapIfEnded(pid) == .signaled(SIGKILL))
    }

    private func readAll(_ path: String) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { return bytes }
            bytes += buffer.prefix(count)
        }
    }
}
