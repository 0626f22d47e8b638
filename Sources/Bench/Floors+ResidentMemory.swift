import Foundation
import IsoRun
import Processes
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

extension Floors {
    /// The resident memory of a program once it is idle: spawns it, waits for
    /// it to settle, reads `/proc/PID/statm`, then kills and reaps it.
    ///
    /// The program's standard input is a pipe kept open, so a program that
    /// idles by reading stdin blocks there; its standard output is a pipe read
    /// for `readyLine`; standard error is inherited.
    ///
    /// ```swift
    /// let floor = try Floors().idleResidentBytes(ofExecutable: Floors.floorExecutable("isorun-floor-zmq"), arguments: [])
    /// let worker = try Floors().idleResidentBytes(ofExecutable: isorun, arguments: ["worker", …], readyLine: nil)
    /// ```
    ///
    /// - Parameters:
    ///   - executable: The program's absolute path.
    ///   - arguments: Its arguments.
    ///   - readyLine: A line the program prints on stdout once it is set up;
    ///     `nil` to rely on `settle` alone.
    ///   - readyTimeout: How long to wait for `readyLine`.
    ///   - settle: How long to wait after `readyLine` (or after the start).
    ///   - descriptor3: A descriptor the program inherits as its descriptor 3
    ///     (a worker's local link), or nil.
    /// - Returns: Resident pages × the page size, in bytes.
    /// - Throws: ``BenchError`` if the program cannot start, exits early,
    ///   never prints `readyLine`, or its statm cannot be read.
    ///
    /// The corresponding C functions are `posix_spawn`, `kill` and `waitpid`.
    public func idleResidentBytes(
        ofExecutable executable: String,
        arguments: [String],
        readyLine: String? = "ready",
        readyTimeout: Duration = .seconds(10),
        settle: Duration = .milliseconds(200),
        descriptor3: Int32? = nil
    ) throws(BenchError) -> Int {
        var stdinPipe: [Int32] = [-1, -1]
        var stdoutPipe: [Int32] = [-1, -1]
        guard pipe(&stdinPipe) == 0, pipe(&stdoutPipe) == 0 else {
            let reason = String(cString: strerror(errno))
            for descriptor in stdinPipe + stdoutPipe where descriptor >= 0 { close(descriptor) }
            throw BenchError("pipe failed: \(reason); too many open files?")
        }
        defer { for descriptor in stdinPipe + stdoutPipe where descriptor >= 0 { close(descriptor) } }
        for descriptor in stdinPipe + stdoutPipe { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // dup2 clears close-on-exec on 0 and 1; every pipe end closes on exec.
        posix_spawn_file_actions_adddup2(&actions, stdinPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, stdoutPipe[1], 1)
        if let descriptor3 { posix_spawn_file_actions_adddup2(&actions, descriptor3, 3) }

        let command = SpawnCommand(path: executable, arguments: arguments)
        let pid = try command.spawn(fileActions: &actions)
        var reaped = false
        defer {
            if !reaped {
                kill(pid, SIGKILL)
                _ = ChildProcess.wait(pid)
            }
        }
        close(stdoutPipe[1])
        stdoutPipe[1] = -1

        if let readyLine {
            try waitForLine(readyLine, on: stdoutPipe[0], within: readyTimeout, from: command.path)
        }
        try sleep(settle)

        if let status = ChildProcess.reapIfEnded(pid) {
            reaped = true
            throw BenchError("\(command.path) ended with \(status) before it was idle; it must keep running until its stdin closes")
        }
        guard let bytes = ProcessMetrics.residentBytes(of: pid) else {
            throw BenchError("cannot read /proc/\(pid)/statm: is /proc mounted?")
        }
        return bytes
    }

    /// Reads `descriptor` until a line equal to `line` arrives.
    private func waitForLine(_ line: String, on descriptor: Int32, within timeout: Duration, from program: String) throws(BenchError) {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            if received.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast().contains(where: { $0.elementsEqual(line.utf8) }) {
                return
            }
            let remaining = deadline - clock.now
            guard remaining > .zero else {
                throw BenchError("\(program) did not print \"\(line)\" within \(timeout); pass readyLine: nil for a program that prints no ready line")
            }
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, remaining.pollTimeout)
            if ready < 0 && errno != EINTR {
                throw BenchError("poll on \(program)'s stdout failed: \(String(cString: strerror(errno)))")
            }
            guard ready > 0 else { continue }
            let count = read(descriptor, &buffer, buffer.count)
            if count == 0 {
                throw BenchError("\(program) closed its stdout before printing \"\(line)\"; did it exit?")
            }
            if count > 0 { received += buffer[0..<count] }
        }
    }

    private func sleep(_ duration: Duration) throws(BenchError) {
        let (seconds, attoseconds) = duration.components
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 {
            guard errno == EINTR else { throw BenchError("nanosleep failed: \(String(cString: strerror(errno)))") }
            request = remaining
        }
    }
}
