import Analysis
import Foundation

/// A y axis of the chart: linear with 1-2-5 ticks, or logarithmic with 1-2-5 ticks per
/// decade; every constructor accepts any values, however large or not finite.
struct ChartAxis {
    var lower: Double
    var upper: Double
    var ticks: [Double]
    var isLogarithmic: Bool
    var label: (Double) -> String

    /// How far apart the lines' medians must be for a time panel to switch to a log axis.
    static let logarithmicSpread = 20.0

    /// Where `value` falls, from 0 at ``lower`` to 1 at ``upper`` (clamped a little
    /// beyond, so a wild value stays near the plot).
    func fraction(_ value: Double) -> Double {
        let raw = isLogarithmic
            ? (log10(max(value, lower)) - log10(lower)) / (log10(upper) - log10(lower))
            : (value - lower) / (upper - lower)
        return raw.clamped(to: -0.1...1.1)
    }

    static func linear(minimum: Double, maximum: Double) -> ChartAxis {
        let scale = NiceScale(minimum: minimum, maximum: maximum, ticks: 5)
        return ChartAxis(lower: scale.lower, upper: scale.upper, ticks: scale.ticks, isLogarithmic: false,
                         label: scale.label)
    }

    /// From the 1-2-5 value at or below `minimum` to the one at or above `maximum`
    /// (both positive), ticked at 1, 2 and 5 per decade when it spans at most two
    /// decades, at the powers of ten otherwise.
    static func logarithmic(minimum: Double, maximum: Double) -> ChartAxis {
        let candidates = (-12...12).flatMap { exponent in
            [1.0, 2, 5].map { $0 * pow(10, Double(exponent)) }
        }
        let lower = candidates.last { $0 <= minimum * 1.0001 } ?? candidates[0]
        let upper = max(candidates.first { $0 >= maximum / 1.0001 } ?? candidates[candidates.count - 1], lower * 2)
        let dense = log10(upper / lower) <= 2.0001
        let ticks = candidates.filter {
            $0 >= lower / 1.0001 && $0 <= upper * 1.0001
                && (dense || abs(log10($0) - log10($0).rounded()) < 1e-9)
        }
        return ChartAxis(lower: lower, upper: upper, ticks: ticks, isLogarithmic: true, label: compact)
    }

    /// `value` with at most three significant digits and no trailing zeros: `0.05`, `2`, `10`.
    static func compact(_ value: Double) -> String {
        var text = String(format: "%.3g", value)
        if text.contains("e") { text = Units.number(value) }
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// The y axis of a time panel whose values (in the panel's unit) are `ys` and whose
    /// lines have the medians `medians`, with the cap above which points are clipped.
    ///
    /// The log axis is kept for lines whose *levels* differ by more than
    /// ``logarithmicSpread`` (20×), not for one line that grows: a linear axis shows linear
    /// growth as a straight line, which is what a reader of no-clear's panel looks for.
    /// One line far above the others (a `process` run whose models cost milliseconds
    /// beside in-process microseconds) flattens every other line into the floor; then the
    /// axis is logarithmic and its title says "log scale". A few single-trial spikes do the
    /// same with less excuse; then the linear axis stops at 1.15 × the 98th percentile and
    /// the clipped points sit on the top edge, marked and counted in a note.
    static func time(ys: [Double], medians: [Double]) -> (axis: ChartAxis, cap: Double?) {
        let ys = ys.filter(\.isFinite)
        let positive = medians.filter { $0 > 0 && $0.isFinite }
        if let low = positive.min(), let high = positive.max(), high / low > logarithmicSpread,
           let minimum = ys.filter({ $0 > 0 }).min(), let maximum = ys.max() {
            return (.logarithmic(minimum: minimum, maximum: maximum), nil)
        }
        let sorted = ys.sorted()
        let maximum = sorted.last ?? 0
        let minimum = min(0, sorted.first ?? 0)
        if sorted.count >= 20, let high = Statistics.quantile(sorted: sorted, 0.98), high > 0, maximum > 1.15 * high {
            // Clip at the axis' own top tick, so no tick lies above the clipped points.
            let axis = ChartAxis.linear(minimum: minimum, maximum: 1.15 * high)
            return (axis, axis.upper)
        }
        return (.linear(minimum: minimum, maximum: maximum), nil)
    }
}
