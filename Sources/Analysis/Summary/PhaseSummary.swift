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
    /// each process's warm-up (see ``WarmUp``) and without outlying trials (see
    /// ``LinearFit/robust(xs:ys:groups:)``); its slope is seconds (or bytes) per model,
    /// or per trial on ``ModelsCreated/Axis/trialIndex``. `nil` when undefined.
    public var growth: LinearFit?
    /// The same fit over every `ok` trial, warm-up included; equal to ``growth`` when no
    /// trial was left out.
    public var allTrialsGrowth: LinearFit?
    /// The `trial` of each outlying record (see ``Statistics/outliers``), ascending.
    public var outlierTrials: [Int]
    /// The most models (or trials) one process's fitted points spanned: what "over the
    /// run" means for ``call``.
    public var span: Double
    /// What ``span`` counts: `models` (created before, in a process) or `trials` (of a
    /// run whose every trial had a fresh process).
    public var spanUnit = "models"

    /// What the growth's interval says; `.undetermined` without a fit.
    public var growthKind: LinearFit.Growth { growth?.growth ?? .undetermined }

    /// Whether the growth matters (see ``PracticalGrowth``): significant and more than
    /// the stated share of the median over the run.
    public var call: PracticalGrowth.Call {
        PracticalGrowth.call(growth, span: span, median: statistics.median, phase: phase)
    }

    /// What the growth adds over the run, as a share of the median; nil when undefined.
    public var shareOverRun: Double? {
        PracticalGrowth.shareOverRun(growth, span: span, median: statistics.median)
    }

    /// `adds 780 µs over 19 models, 38% of a median trial`, or nil without a fit.
    public var formattedOverRun: String? {
        guard let growth, let share = shareOverRun else { return nil }
        let amount = phase.format(abs(growth.slope) * span)
        let what = phase.isMemory ? "the median resident memory" : "a median trial"
        let percent = share * 100 < 0.1 ? "<0.1" : Units.number(share * 100)
        let count = span == span.rounded() && span < 1e15 ? String(Int(span)) : Units.number(span)
        return "\(growth.slope < 0 ? "removes" : "adds") \(amount) over \(count) \(spanUnit), "
            + "\(percent)% of \(what)"
    }

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
