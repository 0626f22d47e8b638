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
    /// The slope's 95% confidence interval; `nil` (undefined) with only two points,
    /// which leave no degree of freedom for the residuals.
    public var slopeInterval: Interval?

    /// Fits `ys` against `xs`.
    ///
    /// - Returns: `nil` when the slope is undefined: fewer than two points, or all
    ///   x equal.
    public init?(xs: [Double], ys: [Double]) {
        precondition(xs.count == ys.count, "fit needs as many x (\(xs.count)) as y (\(ys.count))")
        let n = xs.count
        guard n >= 2 else { return nil }
        let meanX = xs.reduce(0, +) / Double(n)
        let meanY = ys.reduce(0, +) / Double(n)
        var sxx = 0.0
        var sxy = 0.0
        for (x, y) in zip(xs, ys) {
            sxx += (x - meanX) * (x - meanX)
            sxy += (x - meanX) * (y - meanY)
        }
        guard sxx > 0 else { return nil }
        count = n
        slope = sxy / sxx
        intercept = meanY - slope * meanX
        guard n >= 3 else {
            slopeInterval = nil
            return
        }
        var residualSquares = 0.0
        for (x, y) in zip(xs, ys) {
            let residual = y - (intercept + slope * x)
            residualSquares += residual * residual
        }
        let standardError = (residualSquares / Double(n - 2) / sxx).squareRoot()
        slopeInterval = Interval(
            center: slope,
            halfWidth: StudentT.quantile975(degreesOfFreedom: n - 2) * standardError)
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
