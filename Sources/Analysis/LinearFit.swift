import Foundation

/// An ordinary least-squares line `y = intercept + slope · x`, with the 95% confidence
/// interval of its slope.
///
/// The slope's standard error is `√(SSR / (n - 2) / Sxx)`, where `SSR` is the sum of
/// squared residuals and `Sxx = Σ(x - x̄)²`; the interval is `slope ± t(0.975, n-2) · SE`.
public struct LinearFit: Sendable, Equatable {
    /// How many points were fitted.
    public var count: Int
    /// The fitted slope: change of y per unit of x.
    public var slope: Double
    /// The fitted value at x = 0.
    public var intercept: Double
    /// The slope's 95% confidence interval; `nil` (undefined) when no degree of freedom
    /// is left for the residuals (two points on one line).
    public var slopeInterval: Interval?

    /// Fits `ys` against `xs`.
    ///
    /// - Returns: `nil` when the slope is undefined: fewer than two points, or all
    ///   x equal.
    public init?(xs: [Double], ys: [Double]) {
        self.init(xs: xs, ys: ys, groups: Array(repeating: 0, count: xs.count))
    }

    /// Fits one slope to `ys` against `xs` with an intercept of its own per group (the
    /// "within" or fixed-effects estimator): each group's points are centred on their own
    /// means before the sums are taken.
    ///
    /// Growth is measured per process, and processes start from different baselines (two
    /// workers of one run can differ by 100 KiB of resident memory before their first
    /// model). One shared intercept would count that offset as noise and hide a steady
    /// rise inside every process; per-group intercepts compare each process only with
    /// itself. With one group this is the ordinary fit. The residual degrees of freedom
    /// are `n - groups - 1`; ``intercept`` is `ȳ - slope · x̄` over all points.
    ///
    /// - Parameter groups: a label per point; points with equal labels share an intercept.
    /// - Returns: `nil` when the slope is undefined: no group holds two different x.
    public init?(xs: [Double], ys: [Double], groups: [Int]) {
        precondition(xs.count == ys.count, "fit needs as many x (\(xs.count)) as y (\(ys.count))")
        precondition(xs.count == groups.count, "fit needs a group (\(groups.count)) per point (\(xs.count))")
        let n = xs.count
        guard n >= 2 else { return nil }
        var sums: [Int: (x: Double, y: Double, count: Double)] = [:]
        for (index, group) in groups.enumerated() {
            let sum = sums[group] ?? (0, 0, 0)
            sums[group] = (sum.x + xs[index], sum.y + ys[index], sum.count + 1)
        }
        var sxx = 0.0
        var sxy = 0.0
        for index in 0..<n {
            let sum = sums[groups[index]]!
            let dx = xs[index] - sum.x / sum.count
            sxx += dx * dx
            sxy += dx * (ys[index] - sum.y / sum.count)
        }
        // Values so large that the sums overflow (1e308 in a file) leave no line to fit.
        guard sxx > 0, sxx.isFinite, (sxy / sxx).isFinite else { return nil }
        count = n
        slope = sxy / sxx
        intercept = ys.reduce(0, +) / Double(n) - slope * xs.reduce(0, +) / Double(n)
        let degreesOfFreedom = n - sums.count - 1
        guard degreesOfFreedom >= 1 else {
            slopeInterval = nil
            return
        }
        var residualSquares = 0.0
        for index in 0..<n {
            let sum = sums[groups[index]]!
            let residual = (ys[index] - sum.y / sum.count) - slope * (xs[index] - sum.x / sum.count)
            residualSquares += residual * residual
        }
        let standardError = (residualSquares / Double(degreesOfFreedom) / sxx).squareRoot()
        guard standardError.isFinite, intercept.isFinite else {
            slopeInterval = nil
            return
        }
        slopeInterval = Interval(
            center: slope,
            halfWidth: StudentT.quantile975(degreesOfFreedom: degreesOfFreedom) * standardError)
    }

    /// What the slope says about growth.
    public var growth: Growth {
        guard let slopeInterval else { return .undetermined }
        if slopeInterval.lower > 0 { return .increasing }
        if slopeInterval.upper < 0 { return .decreasing }
        return .indistinguishableFromZero
    }

    /// Whether a slope is real: a growth is real only when its interval excludes zero.
    public enum Growth: String, Sendable, Codable {
        /// The interval lies above zero.
        case increasing
        /// The interval lies below zero.
        case decreasing
        /// The interval contains zero.
        case indistinguishableFromZero = "indistinguishable-from-zero"
        /// There is no interval: too few points.
        case undetermined

        /// Whether the interval excludes zero.
        public var isReal: Bool { self == .increasing || self == .decreasing }
    }
}
