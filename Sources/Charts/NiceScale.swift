import Analysis
import Foundation

/// An axis range with readable ticks: steps of 1, 2 or 5 times a power of ten, the
/// range widened to whole steps.
public struct NiceScale: Sendable, Equatable {
    /// The axis' lower end, a multiple of ``step``.
    public var lower: Double
    /// The axis' upper end, a multiple of ``step``.
    public var upper: Double
    /// The distance between ticks.
    public var step: Double

    /// A scale covering `minimum...maximum` with about `ticks` intervals.
    ///
    /// An empty or degenerate range (`minimum == maximum`) is widened around its value.
    public init(minimum: Double, maximum: Double, ticks: Int = 5) {
        precondition(ticks >= 1, "a scale needs at least one tick interval, got \(ticks)")
        // Beyond ±1e300 the span itself overflows; such a value is clamped to draw at all.
        var low = minimum.isFinite ? min(max(minimum, -1e300), 1e300) : 0
        var high = maximum.isFinite ? min(max(maximum, -1e300), 1e300) : 1
        if high < low { swap(&low, &high) }
        if high == low {
            let pad = low == 0 ? 1 : abs(low) * 0.1
            low -= low == 0 ? 0 : pad
            high += pad
        }
        let raw = (high - low) / Double(ticks)
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let normalised = raw / magnitude
        let factor: Double = normalised <= 1 ? 1 : normalised <= 2 ? 2 : normalised <= 5 ? 5 : 10
        let step = factor * magnitude
        guard step.isFinite, step > 0, (high / step).isFinite, (low / step).isFinite else {
            (lower, upper, self.step) = (0, 1, 0.2)
            return
        }
        self.step = step
        lower = (low / step).rounded(.down) * step
        upper = (high / step).rounded(.up) * step
    }

    /// The tick values from ``lower`` to ``upper``.
    public var ticks: [Double] {
        // At most a few dozen: a scale is built for about `ticks` intervals.
        let count = ((upper - lower) / step).rounded().clamped(to: 0...100)
        return (0...Int(count)).map { lower + Double($0) * step }
    }

    /// `value`, a tick, with as many decimals as the step needs.
    public func label(_ value: Double) -> String {
        let decimals = Int(max(0, -log10(step).rounded(.down)).clamped(to: 0...20))
        let text = String(format: "%.\(decimals)f", value)
        return text.hasPrefix("-") && Double(text) == 0 ? String(text.dropFirst()) : text
    }
}
