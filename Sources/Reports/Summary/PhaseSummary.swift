/// One phase of one strategy: its distribution over the strategy's `ok` trials and
/// its growth against models created before each trial in its process.
public struct PhaseSummary: Sendable, Equatable {
    /// The phase.
    public var phase: Phase
    /// Median, quartiles, mean with its interval and outliers of the phase's values.
    public var statistics: Statistics
    /// The least-squares line of the value against models created before (see
    /// ``ModelsCreated``); its slope is seconds (or bytes) per model. `nil` when undefined.
    public var growth: LinearFit?
    /// The `trial` of each outlying record (see ``Statistics/outliers``), ascending.
    public var outlierTrials: [Int]

    /// What the growth's interval says; `.undetermined` without a fit.
    public var growthKind: LinearFit.Growth { growth?.growth ?? .undetermined }

    /// The slope as `+41.2 µs ± 3.1 µs` (per model), or what is known of it.
    public var formattedSlope: String {
        guard let growth else { return "undefined" }
        let sign = growth.slope < 0 ? "-" : "+"
        guard let interval = growth.slopeInterval else { return sign + phase.format(abs(growth.slope)) }
        return sign + phase.format(abs(growth.slope), plusMinus: interval.halfWidth)
    }
}
