import IsoRun

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

extension Floors {
    /// The floor for the `process` strategy served by forking: `fork`, then
    /// `_exit(0)` in the child, then `waitpid` in the parent, timed in the
    /// calling process.
    ///
    /// The child calls nothing but `_exit`, which is safe after `fork` in a
    /// multi-threaded process. The cost grows with the caller's address
    /// space, so call it from the process whose forks it stands for, the
    /// coordinator.
    ///
    /// - Parameter samples: How many forks to time, 1 or more.
    /// - Returns: The median time from `fork` to `waitpid` returning.
    /// - Throws: ``BenchError`` if `fork` fails or the child does not exit with 0.
    ///
    /// The corresponding C functions are `fork`, `_exit` and `waitpid`.
    public func forkExitWait(samples: Int) throws(BenchError) -> DurationFigure {
        precondition(samples >= 1, "forkExitWait needs 1 sample or more; got \(samples)")
        let clock = ContinuousClock()
        var durations: [Duration] = []
        durations.reserveCapacity(samples)
        for _ in 0..<samples {
            let start = clock.now
            let pid = fork()
            if pid == 0 { _exit(0) }
            guard pid > 0 else {
                throw BenchError("fork failed: \(String(cString: strerror(errno))); check the process limit (ulimit -u) and free memory")
            }
            let status = try Self.reap(pid)
            durations.append(clock.now - start)
            guard status == .exited(0) else {
                throw BenchError("the forked child ended with \(status) instead of _exit(0)")
            }
        }
        return DurationFigure(of: durations)
    }
}
