extension Floors {
    /// The floor for pool dispatch overhead: one DEALER↔ROUTER round trip
    /// through libzmq's C API over ipc, between two processes.
    ///
    /// Runs `Benchmarks/Floors/roundtrip.c`, which binds a ROUTER, forks a
    /// DEALER that echoes, and times each round trip with `CLOCK_MONOTONIC`
    /// after a warm-up.
    ///
    /// - Parameters:
    ///   - samples: How many round trips to time, 1 or more.
    ///   - messageSize: The bytes in each message, about a task or a record.
    ///   - placement: the CPUs of the ROUTER's process (and its I/O thread)
    ///     and of the DEALER's; nil leaves them to the kernel.
    /// - Returns: The median round trip.
    /// - Throws: ``BenchError`` if the program cannot be built or fails.
    public func rawRoundTrip(
        samples: Int, messageSize: Int = 300, placement: DispatchPlacement? = nil
    ) throws(BenchError) -> DurationFigure {
        precondition(samples >= 1 && messageSize >= 1, "rawRoundTrip needs samples and messageSize of 1 or more; got \(samples), \(messageSize)")
        return try medianRoundTrip(transport: "zmq", samples: samples, messageSize: messageSize, placement: placement)
    }

    /// Runs `roundtrip.c` over `transport` (`zmq`, `link` or `link-calls`); it prints `roundtrips=N median_ns=M`,
    /// and with `link-calls` `written_bytes=B`, which must cover every sample.
    private func medianRoundTrip(
        transport: String, samples: Int, messageSize: Int, placement: DispatchPlacement?
    ) throws(BenchError) -> DurationFigure {
        let sources = try resolvedSourceDirectory()
        let program = CProgram(name: "roundtrip", sources: sources, cache: resolvedCacheDirectory(sources: sources))
        let values = try program.run([String(samples), String(messageSize), transport] + (placement?.arguments ?? []))
        guard let count = values["roundtrips"].flatMap(Int.init), let nanoseconds = values["median_ns"].flatMap(Int64.init) else {
            throw BenchError("the \(transport) roundtrip floor printed no roundtrips= and median_ns=: \(values)")
        }
        // With the coordinator's calls, every timed reply (and the warm-up's) was written.
        if transport == "link-calls", (values["written_bytes"].flatMap(Int.init) ?? 0) < samples * messageSize {
            throw BenchError("the link-calls round trip wrote fewer than \(samples) replies of \(messageSize) bytes: \(values)")
        }
        return DurationFigure(median: .nanoseconds(nanoseconds), samples: count)
    }

    /// The floor for pool dispatch overhead on the local link: one round trip
    /// through a Unix `SOCK_SEQPACKET` socket pair, between two processes.
    ///
    /// Runs `Benchmarks/Floors/roundtrip.c` with `link`: it makes the pair,
    /// forks a child that echoes, and times each round trip with
    /// `CLOCK_MONOTONIC` after a warm-up.
    ///
    /// With `coordinatorCalls` (`link-calls`) it is not a floor but the same
    /// round trip with the system calls IsoRun's coordinator adds to each
    /// `pool` trial: a `poll(2)` of five descriptors before the receive and a
    /// `write(2)` of the reply (the record's line) to a file after it. Between
    /// that and the bare round trip lie the calls IsoRun's coordinator makes
    /// (its wait on its workers, and the write that keeps every record before
    /// it waits again); between it and pool dispatch, the work IsoRun does.
    ///
    /// - Parameters:
    ///   - samples: How many round trips to time, 1 or more.
    ///   - messageSize: The bytes in each packet, about a task or a record.
    ///   - placement: the CPUs of the parent and of the echoing child; nil
    ///     leaves them to the kernel.
    ///   - coordinatorCalls: Whether the parent also makes the coordinator's calls.
    /// - Returns: The median round trip.
    /// - Throws: ``BenchError`` if the program cannot be built or fails.
    public func rawLinkRoundTrip(
        samples: Int, messageSize: Int = 300, placement: DispatchPlacement? = nil, coordinatorCalls: Bool = false
    ) throws(BenchError) -> DurationFigure {
        precondition(samples >= 1 && messageSize >= 1, "rawLinkRoundTrip needs samples and messageSize of 1 or more; got \(samples), \(messageSize)")
        return try medianRoundTrip(
            transport: coordinatorCalls ? "link-calls" : "link", samples: samples, messageSize: messageSize, placement: placement)
    }
}
