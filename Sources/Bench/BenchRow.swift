/// One line of `isorun bench`: a measured figure beside the floor it is
/// judged against, both measured in the same run.
///
/// Encodes to JSON with exactly the keys `figure`, `value`, `unit`, `floor`,
/// `ratio`, `goal`, `better` and `met`; `floor`, `ratio` and `met` are `null`
/// for a figure with no floor.
///
/// ```swift
/// let row = BenchRow(figure: "pool dispatch overhead per trial", value: 61.2, unit: "µs",
///                    floor: 48.9, goal: .atMost(1.5))
/// row.ratio   // 1.25
/// row.met     // true
/// ```
public struct BenchRow: Codable, Sendable, Hashable {
    /// Which way a figure improves.
    public enum Better: String, Codable, Sendable, Hashable {
        /// Smaller values are better: times, bytes.
        case lower
        /// Larger values are better: throughput, efficiency.
        case higher
    }

    /// What the figure is, such as `pool dispatch overhead per trial`.
    public let figure: String
    /// The measured value, in ``unit``.
    public let value: Double
    /// The unit of ``value`` and ``floor``, such as `µs` or `records/s`.
    public let unit: String
    /// The floor measured in the same run, in ``unit``; `nil` when the figure has none.
    public let floor: Double?
    /// ``value`` divided by ``floor``; `nil` when there is no floor or it is zero.
    public let ratio: Double?
    /// The goal as text, such as `≤ 1.5×`; `—` when there is none.
    public let goal: String
    /// Which way the figure improves.
    public let better: Better
    /// Whether ``ratio`` reaches the goal; `nil` when there is no ratio or no goal.
    public let met: Bool?

    /// Creates a row, computing ``ratio`` and ``met`` from the floor and the goal.
    ///
    /// - Parameters:
    ///   - figure: What was measured.
    ///   - value: The measured value, finite.
    ///   - unit: The unit of `value` and `floor`.
    ///   - floor: The floor in the same unit, finite, or `nil` for a figure without one.
    ///   - goal: The ratio the figure must reach.
    /// - Precondition: `value` and `floor` are finite.
    public init(figure: String, value: Double, unit: String, floor: Double? = nil, goal: Goal) {
        precondition(value.isFinite, "BenchRow \(figure): value must be finite; got \(value)")
        precondition(floor?.isFinite ?? true, "BenchRow \(figure): floor must be finite; got \(String(describing: floor))")
        self.figure = figure
        self.value = value
        self.unit = unit
        self.floor = floor
        self.ratio = floor.flatMap { $0 == 0 ? nil : value / $0 }
        self.goal = goal.text
        self.better = goal.better
        self.met = ratio.flatMap(goal.isMet)
    }

    private enum CodingKeys: String, CodingKey {
        case figure, value, unit, floor, ratio, goal, better, met
    }

    /// Encodes every key, writing `null` for a missing floor, ratio or verdict.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(figure, forKey: .figure)
        try container.encode(value, forKey: .value)
        try container.encode(unit, forKey: .unit)
        try container.encode(floor, forKey: .floor)
        try container.encode(ratio, forKey: .ratio)
        try container.encode(goal, forKey: .goal)
        try container.encode(better, forKey: .better)
        try container.encode(met, forKey: .met)
    }
}
