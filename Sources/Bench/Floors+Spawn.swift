import IsoRun
import Processes

#if canImport(Glibc)
import Glibc
#endif

extension Floors {
    /// The floor for the `process` strategy started by exec: `posix_spawn` and
    /// `waitpid` of a minimal Swift executable built the same way as `isorun`.
    ///
    /// - Parameters:
    ///   - samples: How many times to spawn and reap it, 1 or more.
    ///   - executable: The program to spawn with no arguments; `nil` for
    ///     `isorun-floor` beside the running executable (see ``floorExecutable()``).
    /// - Returns: The median time from `posix_spawn` to `waitpid` returning.
    /// - Throws: ``BenchError`` if the program is missing, cannot be spawned,
    ///   or does not exit with status 0.
    ///
    /// The corresponding C functions are `posix_spawn` and `waitpid`.
    public func spawnMinimalSwift(samples: Int, executable: String? = nil) throws(BenchError) -> DurationFigure {
        precondition(samples >= 1, "spawnMinimalSwift needs 1 sample or more; got \(samples)")
        let path = try Self.floorExecutable(or: executable)
        let command = SpawnCommand(path: path, arguments: [])
        let clock = ContinuousClock()
        var durations: [Duration] = []
        durations.reserveCapacity(samples)
        for _ in 0..<samples {
            let start = clock.now
            let pid = try command.spawn()
            let status = try Self.reap(pid)
            durations.append(clock.now - start)
            guard status == .exited(0) else {
                throw BenchError("\(command.path) ended with \(status); with no arguments it must exit 0 at once")
            }
        }
        return DurationFigure(of: durations)
    }
}

extension Floors {
    /// Waits for the child `pid` and reaps it.
    ///
    /// - Throws: ``BenchError`` when `waitpid` fails.
    static func reap(_ pid: pid_t) throws(BenchError) -> ExitStatus {
        guard let status = ChildProcess.wait(pid) else {
            throw BenchError("waitpid(\(pid)) failed: \(String(cString: strerror(errno)))")
        }
        return status
    }
}
