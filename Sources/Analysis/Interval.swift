/// A closed interval of real numbers, such as a 95% confidence interval.
public struct Interval: Sendable, Equatable, Codable {
    /// The lower bound.
    public var lower: Double
    /// The upper bound.
    public var upper: Double

    /// Creates `[lower, upper]`; `lower` must not exceed `upper` (nor be NaN).
    public init(lower: Double, upper: Double) {
        precondition(lower <= upper, "interval lower bound \(lower) exceeds upper bound \(upper)")
        self.lower = lower
        self.upper = upper
    }

    /// Creates `center ± halfWidth`.
    public init(center: Double, halfWidth: Double) {
        self.init(lower: center - abs(halfWidth), upper: center + abs(halfWidth))
    }

    /// Half the interval's width: the `±` part of `center ± halfWidth`.
    public var halfWidth: Double { (upper - lower) / 2 }

    /// Whether `value` lies inside the interval, bounds included.
    public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }
}
