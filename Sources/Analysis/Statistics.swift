import Foundation

/// Descriptive statistics of one sample: where it sits, how it spreads, which values
/// stand out.
///
/// Quantiles use linear interpolation between order statistics, Hyndman & Fan's
/// type 7 (numpy's and R's default): for `p` in 0...1 and `n` sorted values, with
/// `h = (n - 1) p`, the quantile is `x[⌊h⌋] + (h - ⌊h⌋)(x[⌊h⌋+1] - x[⌊h⌋])`.
public struct Statistics: Sendable, Equatable {
    /// How many values.
    public var count: Int
    /// The median (type 7 quantile at 0.5); `nil` for an empty sample.
    public var median: Double?
    /// The first quartile (type 7 at 0.25); `nil` for an empty sample.
    public var firstQuartile: Double?
    /// The third quartile (type 7 at 0.75); `nil` for an empty sample.
    public var thirdQuartile: Double?
    /// The arithmetic mean; `nil` for an empty sample.
    public var mean: Double?
    /// The sample standard deviation (divisor n - 1); `nil` below two values.
    public var standardDeviation: Double?
    /// The 95% confidence interval of the mean, `mean ± t(0.975, n-1) · s/√n`;
    /// `nil` (undefined) below two values.
    public var meanInterval: Interval?
    /// Indices (into the sample as given) of outliers: values whose modified z-score
    /// `0.6745 (x - median) / MAD` exceeds 3.5 in magnitude (Iglewicz & Hoaglin).
    /// Empty when the median absolute deviation is zero, where the score is undefined.
    public var outliers: [Int]

    /// The interquartile range, `Q3 - Q1`; `nil` for an empty sample.
    public var interquartileRange: Double? {
        guard let firstQuartile, let thirdQuartile else { return nil }
        return thirdQuartile - firstQuartile
    }

    /// Summarises `values`; any count, including zero, is accepted.
    public init(_ values: [Double]) {
        count = values.count
        let sorted = values.sorted()
        median = Self.quantile(sorted: sorted, 0.5)
        firstQuartile = Self.quantile(sorted: sorted, 0.25)
        thirdQuartile = Self.quantile(sorted: sorted, 0.75)
        outliers = Self.outlierIndices(values, median: median)
        guard !values.isEmpty else {
            mean = nil
            standardDeviation = nil
            meanInterval = nil
            return
        }
        let mean = values.reduce(0, +) / Double(values.count)
        self.mean = mean
        guard values.count >= 2 else {
            standardDeviation = nil
            meanInterval = nil
            return
        }
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
        let deviation = variance.squareRoot()
        standardDeviation = deviation
        let halfWidth = StudentT.quantile975(degreesOfFreedom: values.count - 1)
            * deviation / Double(values.count).squareRoot()
        // A sample whose sums overflow (1e308 in a file) has no interval to give.
        meanInterval = mean.isFinite && halfWidth.isFinite ? Interval(center: mean, halfWidth: halfWidth) : nil
    }

    /// The type 7 quantile of already sorted values; `nil` when there are none.
    ///
    /// - Parameters:
    ///   - sorted: values in ascending order.
    ///   - p: the probability, in 0...1.
    public static func quantile(sorted: [Double], _ p: Double) -> Double? {
        precondition((0...1).contains(p), "quantile probability \(p) is outside 0...1")
        guard !sorted.isEmpty else { return nil }
        let h = Double(sorted.count - 1) * p
        let low = Int(h.rounded(.down))
        let high = min(low + 1, sorted.count - 1)
        return sorted[low] + (h - Double(low)) * (sorted[high] - sorted[low])
    }

    /// The median of `values` in any order; `nil` when there are none.
    public static func median(_ values: [Double]) -> Double? {
        quantile(sorted: values.sorted(), 0.5)
    }

    private static func outlierIndices(_ values: [Double], median: Double?) -> [Int] {
        guard let median,
              let mad = Self.median(values.map { abs($0 - median) }), mad > 0
        else { return [] }
        return values.indices.filter { abs(0.6745 * (values[$0] - median) / mad) > 3.5 }
    }
}
