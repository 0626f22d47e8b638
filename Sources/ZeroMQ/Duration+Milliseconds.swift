extension Duration {
    /// This duration in whole milliseconds, rounded up so that a short positive
    /// timeout never becomes a zero-length one, for the libzmq calls that take
    /// milliseconds.
    ///
    /// - Precondition: The duration is not negative and fits in `Int32` milliseconds.
    var zmqMilliseconds: Int32 {
        precondition(self >= .zero, "ZeroMQ durations must not be negative; got \(self)")
        let (seconds, attoseconds) = components
        let attosecondsPerMillisecond: Int64 = 1_000_000_000_000_000
        let roundedUp = (attoseconds + attosecondsPerMillisecond - 1) / attosecondsPerMillisecond
        let (scaled, overflowed) = seconds.multipliedReportingOverflow(by: 1000)
        precondition(
            !overflowed && scaled + roundedUp <= Int64(Int32.max),
            "ZeroMQ durations must be at most \(Int32.max) ms; got \(self)"
        )
        return Int32(scaled + roundedUp)
    }

    /// The `Duration` of a libzmq millisecond value, or `nil` for -1 ("forever").
    static func zmqMilliseconds(_ milliseconds: Int32) -> Duration? {
        milliseconds < 0 ? nil : .milliseconds(milliseconds)
    }
}
