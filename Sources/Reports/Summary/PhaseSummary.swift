/// One phase of one strategy: its distribution over the strategy's `ok` trials and
/// its growth against models created before each trial in its process (or against the
/// trial index, see ``ModelsCreated/Axis``).
public struct PhaseSummary: Sendable, Equatable {
    /// The phase.
    public var phase: Phase
    /// Median, quartiles, mean with its interval and outliers of the phase's values.
    public var statistics: Statistics
    /// The steady-state growth: the least-squares line of the value against models
    /// created before (see ``ModelsCreated``), one intercept per process, fitted after
    /// each process's warm-up (see ``WarmUp``); its slope is seconds (or bytes) per model,
    /// or per trial on ``ModelsCreated/Axis/trialIndex``. `nil` when undefined.
    public var growth: LinearFit?
    /// The same fit over every `ok` trial, warm-up included; equal to ``growth`` when no
    /// trial was left out.
    public var allTrialsGrowth: LinearFit?
    /// The `trial` of each outlying record (see ``Statistics/outliers``), ascending.
    public var outlierTrials: [Int]

    /// What the growth's interval says; `.undetermined` without a fit.
    public var growthKind: LinearFit.Growth { growth?.growth ?? .undetermined }

    /// The slope as `+41.2 µs ± 3.1 µs` (per model), or what is known of it.
    public var formattedSlope: String { Self.format(growth, phase: phase) }

    /// The all-trials slope, formatted like ``formattedSlope``.
    public var formattedAllTrialsSlope: String { Self.format(allTrialsGrowth, phase: phase) }

    private static func format(_ growth: LinearFit?, phase: Phase) -> String {
        guard let growth else { return "undefined" }
        let sign = growth.slope < 0 ? "-" : "+"
        guard let interval = growth.slopeInterval else { return sign + phase.format(abs(growth.slope)) }
        return sign + phase.format(abs(growth.slope), plusMinus: interval.halfWidth)
    }
}
