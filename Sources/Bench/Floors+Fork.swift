extension Floors {
    /// The floor for the `process` strategy served by forking: `fork`, then
    /// `_exit(0)` in the child, then `waitpid`, timed inside `isorun-floor`
    /// (`--fork-wait`), a minimal Swift program without libzmq, as the
    /// zygote of `isorun-trial` is.
    ///
    /// A fork-server trial is forked by the zygote, a small process, so the
    /// floor is timed in one: a fork costs more the larger the caller's address
    /// space, and timed in the bench itself (which holds 10^5 records after
    /// the report row) it took up to 5 ms against 0.3 ms here.
    ///
    /// - Parameters:
    ///   - samples: How many forks to time, 1 or more.
    ///   - executable: The program to run with `--fork-wait`; `nil` for
    ///     `isorun-floor` beside the running executable (see ``floorExecutable()``).
    /// - Returns: The median time from `fork` to `waitpid` returning.
    /// - Throws: ``BenchError`` if the program is missing or fails, or prints
    ///   no `median_ns=`.
    public func forkExitWait(samples: Int, executable: String? = nil) throws(BenchError) -> DurationFigure {
        precondition(samples >= 1, "forkExitWait needs 1 sample or more; got \(samples)")
        let path = try Self.floorExecutable(or: executable)
        let output = try CProgram.run(path, ["--fork-wait", String(samples)], failure: "the fork floor failed")
        guard let median = CProgram.pairs(in: output)["median_ns"].flatMap(Int.init) else {
            throw BenchError("the fork floor printed no median_ns=: \(output)")
        }
        return DurationFigure(median: .nanoseconds(median), samples: samples)
    }
}
