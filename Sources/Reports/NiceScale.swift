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
        var low = minimum.isFinite ? minimum : 0
        var high = maximum.isFinite ? maximum : 1
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
        step = factor * magnitude
        lower = (low / step).rounded(.down) * step
        upper = (high / step).rounded(.up) * step
    }

    /// The tick values from ``lower`` to ``upper``.
    public var ticks: [Double] {
        let count = Int(((upper - lower) / step).rounded())
        return (0...count).map { lower + Double($0) * step }
    }

    /// `value`, a tick, with as many decimals as the step needs.
    public func label(_ value: Double) -> String {
        let decimals = max(0, -Int(log10(step).rounded(.down)))
        let text = String(format: "%.\(decimals)f", value)
        return text.hasPrefix("-") && Double(text) == 0 ? String(text.dropFirst()) : text
    }
}
