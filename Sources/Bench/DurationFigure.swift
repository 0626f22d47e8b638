/// A time measured many times: the median and how many samples it is the median of.
public struct DurationFigure: Sendable, Hashable {
    /// The median sample.
    public let median: Duration
    /// How many samples were taken.
    public let samples: Int

    /// Creates a figure from a median and its sample count.
    public init(median: Duration, samples: Int) {
        self.median = median
        self.samples = samples
    }

    /// The median of `samples`, which must not be empty.
    init(of samples: [Duration]) {
        precondition(!samples.isEmpty, "A median needs at least one sample")
        let sorted = samples.sorted()
        self.init(median: sorted[sorted.count / 2], samples: sorted.count)
    }

    /// The median in microseconds, as the bench table prints times.
    public var microseconds: Double {
        let (seconds, attoseconds) = median.components
        return Double(seconds) * 1e6 + Double(attoseconds) / 1e12
    }
}
