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

    /// Runs `roundtrip.c` over `transport` (`zmq` or `link`); it prints `roundtrips=N median_ns=M`.
    private func medianRoundTrip(
        transport: String, samples: Int, messageSize: Int, placement: DispatchPlacement?
    ) throws(BenchError) -> DurationFigure {
        let sources = try resolvedSourceDirectory()
        let program = CProgram(name: "roundtrip", sources: sources, cache: resolvedCacheDirectory(sources: sources))
        let values = try program.run([String(samples), String(messageSize), transport] + (placement?.arguments ?? []))
        guard let count = values["roundtrips"].flatMap(Int.init), let nanoseconds = values["median_ns"].flatMap(Int64.init) else {
            throw BenchError("the \(transport) roundtrip floor printed no roundtrips= and median_ns=: \(values)")
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
    /// - Parameters:
    ///   - samples: How many round trips to time, 1 or more.
    ///   - messageSize: The bytes in each packet, about a task or a record.
    ///   - placement: the CPUs of the parent and of the echoing child; nil
    ///     leaves them to the kernel.
    /// - Returns: The median round trip.
    /// - Throws: ``BenchError`` if the program cannot be built or fails.
    public func rawLinkRoundTrip(
        samples: Int, messageSize: Int = 300, placement: DispatchPlacement? = nil
    ) throws(BenchError) -> DurationFigure {
        precondition(samples >= 1 && messageSize >= 1, "rawLinkRoundTrip needs samples and messageSize of 1 or more; got \(samples), \(messageSize)")
        return try medianRoundTrip(transport: "link", samples: samples, messageSize: messageSize, placement: placement)
    }
}
