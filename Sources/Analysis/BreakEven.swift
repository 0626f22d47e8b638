import TrialRecords

/// After how many models in one process no-clear's accumulated cost exceeds what
/// isolating every model in its own process would have cost.
///
/// No-clear's k-th model (k = 0, 1, ...) is modelled as costing `intercept + slope · k`
/// (its growth fit of `total_s`); an isolated model costs a constant `c` (the isolating
/// strategy's median `total_s + isolation_s`). The cumulative costs after n models are
/// `n · intercept + slope · n(n-1)/2` and `n · c`; the break-even is the smallest n where
/// the first exceeds the second, which happens exactly when `intercept + slope(n-1)/2 > c`.
public struct BreakEven: Sendable, Equatable {
    /// The isolating strategy compared against (`process` or `pool`).
    public var strategy: Strategy
    /// What one isolated model costs: its median `total_s + isolation_s`.
    public var isolatedCost: Double
    /// The break-even at no-clear's fitted slope; `nil` when it does not come within ``horizon``.
    public var models: Int?
    /// Whether the slope had a 95% interval, so ``earliest`` and ``latest`` are meaningful.
    public var hasInterval: Bool
    /// The break-even at the steeper end of the slope's interval; `nil` beyond ``horizon``.
    public var earliest: Int?
    /// The break-even at the shallower end of the slope's interval; `nil` beyond ``horizon``.
    public var latest: Int?
    /// The most models considered.
    public var horizon: Int

    /// Compares no-clear's cost line with `isolatedCost` per model.
    public init(strategy: Strategy, isolatedCost: Double, noClearTotal fit: LinearFit, horizon: Int) {
        self.strategy = strategy
        self.isolatedCost = isolatedCost
        self.horizon = horizon
        models = Self.models(intercept: fit.intercept, slope: fit.slope, isolatedCost: isolatedCost, horizon: horizon)
        hasInterval = fit.slopeInterval != nil
        earliest = fit.slopeInterval.flatMap {
            Self.models(intercept: fit.intercept, slope: $0.upper, isolatedCost: isolatedCost, horizon: horizon)
        }
        latest = fit.slopeInterval.flatMap {
            Self.models(intercept: fit.intercept, slope: $0.lower, isolatedCost: isolatedCost, horizon: horizon)
        }
    }

    /// The smallest n in 1...horizon with `n · intercept + slope · n(n-1)/2 > n · isolatedCost`,
    /// or `nil` when there is none.
    public static func models(intercept: Double, slope: Double, isolatedCost: Double, horizon: Int) -> Int? {
        guard horizon >= 1 else { return nil }
        if intercept > isolatedCost { return 1 }
        guard slope > 0 else { return nil }
        let models = (2 * (isolatedCost - intercept) / slope).rounded(.down) + 2
        guard models.isFinite, models <= Double(horizon) else { return nil }
        return Int(models)
    }
}
