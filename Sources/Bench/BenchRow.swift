/// One line of `isorun bench`: a measured figure beside the floor it is
/// judged against, both measured in the same run; with `--repeat N`, the
/// median of N runs with the smallest and largest of each.
///
/// Encodes to JSON with exactly the keys `figure`, `value`, `value_min`,
/// `value_max`, `unit`, `floor`, `ratio`, `ratio_min`, `ratio_max`, `goal`,
/// `better`, `met` and `runs`; `floor`, `ratio`, `ratio_min`, `ratio_max` and
/// `met` are `null` for a figure with no floor, `goal` and `met` for a figure
/// with no goal.
///
/// ```swift
/// let row = BenchRow(figure: "pool dispatch overhead per trial", value: 61.2, unit: "µs",
///                    floor: 48.9, goal: .atMost(1.5))
/// row.ratio   // 1.25
/// row.met     // true
/// row.goal    // 1.5
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
    /// The measured value, in ``unit``: the median over ``runs``.
    public let value: Double
    /// The smallest and the largest ``value`` over the runs.
    public let valueMin, valueMax: Double
    /// The unit of ``value`` and ``floor``, such as `µs` or `records/s`.
    public let unit: String
    /// The floor measured in the same run, in ``unit`` (the median over the
    /// runs); `nil` when the figure has none.
    public let floor: Double?
    /// ``value`` divided by ``floor`` in each run, the median over the runs;
    /// `nil` when there is no floor or it is zero.
    public let ratio: Double?
    /// The smallest and the largest ratio over the runs.
    public let ratioMin, ratioMax: Double?
    /// The ratio to reach: at most this when ``better`` is `lower`, at least
    /// this when it is `higher`; `nil` when the figure has no goal.
    public let goal: Double?
    /// Which way the figure improves.
    public let better: Better
    /// Whether ``ratio`` reaches ``goal``; `nil` when there is no ratio or no goal.
    public let met: Bool?
    /// How many runs of the suite the row summarises.
    public let runs: Int

    /// Creates the row of one run, computing ``ratio`` and ``met`` from the floor and the goal.
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
        let ratio = floor.flatMap { $0 == 0 ? nil : value / $0 }
        self.init(
            figure: figure, value: value, valueRange: (value, value), unit: unit, floor: floor,
            ratio: ratio, ratioRange: ratio.map { ($0, $0) }, goal: goal, runs: 1)
    }

    init(
        figure: String, value: Double, valueRange: (Double, Double), unit: String, floor: Double?,
        ratio: Double?, ratioRange: (Double, Double)?, goal: Goal, runs: Int
    ) {
        self.figure = figure
        self.value = value
        (valueMin, valueMax) = valueRange
        self.unit = unit
        self.floor = floor
        self.ratio = ratio
        ratioMin = ratioRange?.0
        ratioMax = ratioRange?.1
        self.goal = goal.limit
        better = goal.better
        met = ratio.flatMap(goal.isMet)
        self.runs = runs
    }

    /// The goal as ``Goal``, for its text and verdict.
    public var target: Goal { Goal(better: better, limit: goal) }

    private enum CodingKeys: String, CodingKey {
        case figure, value, valueMin = "value_min", valueMax = "value_max", unit, floor, ratio
        case ratioMin = "ratio_min", ratioMax = "ratio_max", goal, better, met, runs
    }

    /// Encodes every key, writing `null` for what is missing.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(figure, forKey: .figure)
        try container.encode(value, forKey: .value)
        try container.encode(valueMin, forKey: .valueMin)
        try container.encode(valueMax, forKey: .valueMax)
        try container.encode(unit, forKey: .unit)
        try container.encode(floor, forKey: .floor)
        try container.encode(ratio, forKey: .ratio)
        try container.encode(ratioMin, forKey: .ratioMin)
        try container.encode(ratioMax, forKey: .ratioMax)
        try container.encode(goal, forKey: .goal)
        try container.encode(better, forKey: .better)
        try container.encode(met, forKey: .met)
        try container.encode(runs, forKey: .runs)
    }
}
