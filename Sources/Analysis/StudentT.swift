import Foundation

/// Two-sided 95% critical values of Student's t distribution.
public enum StudentT {
    /// `t(0.975, df)` for df = 1...30, to nine digits (as `scipy.stats.t.ppf(0.975, df)`).
    private static let table: [Double] = [
        12.706204736, 4.302652730, 3.182446305, 2.776445105, 2.570581836,
        2.446911851, 2.364624252, 2.306004135, 2.262157163, 2.228138852,
        2.200985160, 2.178812830, 2.160368656, 2.144786688, 2.131449546,
        2.119905299, 2.109815578, 2.100922040, 2.093024054, 2.085963447,
        2.079613845, 2.073873068, 2.068657610, 2.063898562, 2.059538553,
        2.055529439, 2.051830516, 2.048407142, 2.045229642, 2.042272456,
    ]

    /// The normal distribution's 0.975 quantile.
    private static let z = 1.959963984540054

    /// The 0.975 quantile of Student's t with `degreesOfFreedom` degrees of freedom:
    /// the multiplier of the standard error in a two-sided 95% confidence interval.
    ///
    /// Exact (to nine digits) from a table for 1...30 degrees of freedom; above that the
    /// Cornish–Fisher expansion in powers of 1/df, whose error is below 1e-6 from df = 31 on.
    ///
    /// - Parameter degreesOfFreedom: at least 1.
    public static func quantile975(degreesOfFreedom df: Int) -> Double {
        precondition(df >= 1, "Student t needs at least 1 degree of freedom, got \(df)")
        if df <= table.count { return table[df - 1] }
        let n = Double(df)
        let z2 = z * z
        let g1 = (z2 + 1) * z / 4
        let g2 = ((5 * z2 + 16) * z2 + 3) * z / 96
        let g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384
        let g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z / 92160
        return z + g1 / n + g2 / (n * n) + g3 / (n * n * n) + g4 / (n * n * n * n)
    }
}
