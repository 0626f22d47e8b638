extension LinearFit {
    /// The modified z-score past which a point's residual marks it an outlier, as
    /// ``Statistics/outliers`` uses (Iglewicz & Hoaglin).
    public static let outlierScore = 3.5

    /// The per-group fit of `ys` against `xs` (see ``init(xs:ys:groups:)``) after one
    /// pass that leaves out points whose residual is an outlier: a scheduler hiccup of
    /// 5 ms among 20 models of 1 ms would otherwise swing a slope and widen its
    /// interval until real growth reads as noise. Residuals are scored by their modified
    /// z-score, `0.6745 (r - median) / MAD`; nothing is left out when the MAD is zero or
    /// fewer than four points would remain.
    ///
    /// - Returns: the fit (nil when undefined) and the indices left out.
    public static func robust(xs: [Double], ys: [Double], groups: [Int]) -> (fit: LinearFit?, excluded: [Int]) {
        guard let first = LinearFit(xs: xs, ys: ys, groups: groups) else { return (nil, []) }
        var sums: [Int: (x: Double, y: Double, count: Double)] = [:]
        for (index, group) in groups.enumerated() {
            let sum = sums[group] ?? (0, 0, 0)
            sums[group] = (sum.x + xs[index], sum.y + ys[index], sum.count + 1)
        }
        let residuals = xs.indices.map { index -> Double in
            let sum = sums[groups[index]]!
            return (ys[index] - sum.y / sum.count) - first.slope * (xs[index] - sum.x / sum.count)
        }
        guard let median = Statistics.median(residuals),
              let mad = Statistics.median(residuals.map { abs($0 - median) }), mad > 0, mad.isFinite
        else { return (first, []) }
        let excluded = residuals.indices.filter { abs(0.6745 * (residuals[$0] - median) / mad) > outlierScore }
        let kept = residuals.indices.filter { !excluded.contains($0) }
        guard !excluded.isEmpty, kept.count >= 4,
              let refit = LinearFit(xs: kept.map { xs[$0] }, ys: kept.map { ys[$0] }, groups: kept.map { groups[$0] })
        else { return (first, []) }
        return (refit, excluded)
    }
}
