/// What a figure's ratio to its floor must reach, and which way is better.
///
/// ```swift
/// Goal.atMost(1.5)     // "≤ 1.5×": overhead at most one and a half times the floor
/// Goal.atLeast(0.9)    // "≥ 0.9×": throughput at least 90 % of the floor
/// Goal.none(.lower)    // "—": reported for information, lower is better
/// ```
public struct Goal: Sendable, Hashable {
    /// Which way the figure improves.
    public let better: BenchRow.Better
    /// The ratio to reach: at most this for ``BenchRow/Better/lower``, at least
    /// this for ``BenchRow/Better/higher``; `nil` for no goal.
    public let limit: Double?

    /// A goal for a figure where lower is better: `value / floor ≤ limit`.
    ///
    /// - Precondition: `limit` is positive and finite.
    public static func atMost(_ limit: Double) -> Goal {
        precondition(limit > 0 && limit.isFinite, "Goal.atMost needs a positive, finite limit; got \(limit)")
        return Goal(better: .lower, limit: limit)
    }

    /// A goal for a figure where higher is better: `value / floor ≥ limit`.
    ///
    /// - Precondition: `limit` is positive and finite.
    public static func atLeast(_ limit: Double) -> Goal {
        precondition(limit > 0 && limit.isFinite, "Goal.atLeast needs a positive, finite limit; got \(limit)")
        return Goal(better: .higher, limit: limit)
    }

    /// No goal: the figure is reported for information.
    public static func none(_ better: BenchRow.Better) -> Goal {
        Goal(better: better, limit: nil)
    }

    /// The goal as text: `≤ 1.5×`, `≥ 0.9×`, or `—` for none.
    public var text: String {
        guard let limit else { return "—" }
        return "\(better == .lower ? "≤" : "≥") \(BenchNumber.format(limit))×"
    }

    /// Whether `ratio` reaches this goal; `nil` when there is no goal.
    public func isMet(_ ratio: Double) -> Bool? {
        guard let limit else { return nil }
        return better == .lower ? ratio <= limit : ratio >= limit
    }
}
