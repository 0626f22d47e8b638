extension Floors {
    /// The floor for collector ingest: raw libzmq PUSH/PULL over ipc from one
    /// producer process.
    ///
    /// Runs `Benchmarks/Floors/pushpull.c`, which binds a PULL, forks a PUSH
    /// that sends every message, and counts what arrives.
    ///
    /// - Parameters:
    ///   - messages: How many messages to send, 2 or more.
    ///   - size: The bytes in each message; a record is about 500.
    /// - Returns: Messages per second, and how many were sent and received.
    /// - Throws: ``BenchError`` if the program cannot be built or fails.
    public func rawPushPull(messages: Int, size: Int = 500) throws(BenchError) -> PushPullFigure {
        precondition(messages >= 2 && size >= 1, "rawPushPull needs messages ≥ 2 and size ≥ 1; got \(messages), \(size)")
        let sources = try resolvedSourceDirectory()
        let program = CProgram(name: "pushpull", sources: sources, cache: resolvedCacheDirectory(sources: sources))
        let values = try program.run([String(messages), String(size)])
        guard let sent = values["sent"].flatMap(Int.init),
              let received = values["received"].flatMap(Int.init),
              let rate = values["messages_per_second"].flatMap(Double.init)
        else {
            throw BenchError("the pushpull floor printed no sent=, received= and messages_per_second=: \(values)")
        }
        return PushPullFigure(messagesPerSecond: rate, sent: sent, received: received)
    }
}
