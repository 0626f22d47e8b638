/// Whether a growth matters: a slope is called growth only when it is statistically
/// non-zero (its 95% interval excludes zero) *and* large enough to matter over the run.
///
/// A long run makes tiny slopes significant: 0.2 µs per model is "real" over 100 models
/// of 300 µs, and also irrelevant. So a significant slope must also add, over the models
/// its longest process created (`|slope| × span`), more than ``shareOfMedianTime`` (50%)
/// of the median value of a trial, for times, or more than ``shareOfMedianMemory`` (1%)
/// of the median resident memory, for memory (a process's memory is large and mostly
/// shared libraries, so 1% of it is already a leak worth naming). Otherwise it is
/// ``Call/flat``. The thresholds are stated in every report, with each slope's share.
///
/// Why half a trial: in ten runs of `Config/quick.toml` (20 models per process) the
/// strategies that accumulate (no-clear, scoped-session) added 62-167% of a median
/// trial over the run, while warm-up and the drift of a busy machine moved the others
/// by up to 40%, now and then with an interval that excluded zero. Half a trial
/// separates the two with room on both sides; over longer runs real growth only adds
/// more, and a slope like scoped-graph's 0.23 µs over 100 models of 300 µs (8%) stays flat.
public enum PracticalGrowth {
    /// The share of a trial's median time a slope must add over the run to count.
    public static let shareOfMedianTime = 0.50
    /// The share of the median resident memory a slope must add over the run to count.
    public static let shareOfMedianMemory = 0.01
    /// The fewest fitted trials (after warm-up and outliers) for any call but
    /// ``Call/undetermined``: over fewer, warm-up and noise pass for growth (ten trials of
    /// `clear` in a fresh process fall by a quarter as caches warm).
    public static let minimumTrials = 10

    /// What a growth fit is called.
    public enum Call: String, Sendable, Codable {
        /// Significant and adds more than the threshold over the run.
        case grows
        /// Significant, negative, and removes more than the threshold over the run.
        case shrinks
        /// Indistinguishable from zero, or too small to matter.
        case flat
        /// No interval: too few trials.
        case undetermined
    }

    /// The threshold share for `phase`.
    public static func share(for phase: Phase) -> Double {
        phase.isMemory ? shareOfMedianMemory : shareOfMedianTime
    }

    /// The call on a fit of `phase` whose processes spanned `span` models at most, against
    /// the phase's `median`.
    public static func call(_ fit: LinearFit?, span: Double, median: Double?, phase: Phase) -> Call {
        guard let fit, fit.slopeInterval != nil, fit.count >= minimumTrials else { return .undetermined }
        guard fit.growth.isReal else { return .flat }
        guard let share = shareOverRun(fit, span: span, median: median), share > Self.share(for: phase) else {
            return .flat
        }
        return fit.slope > 0 ? .grows : .shrinks
    }

    /// What the slope adds over the run as a share of `median`: `|slope| × span / median`;
    /// nil when the median is not positive or the result is not finite.
    public static func shareOverRun(_ fit: LinearFit?, span: Double, median: Double?) -> Double? {
        guard let fit, let median, median > 0 else { return nil }
        let share = abs(fit.slope) * span / median
        return share.isFinite ? share : nil
    }
}
