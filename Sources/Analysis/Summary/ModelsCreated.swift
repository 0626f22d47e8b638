import TrialRecords

/// The x of every growth fit and of the chart: how many models the trial's process had
/// created before it (the record's `models_before`, the classic chart's axis), or, when
/// every trial had a fresh process, the trial's index.
///
/// A process accumulates only its own models: with W workers, trial 57 may be the 10th
/// model of its process, so growth is what one more model *in the same process* costs,
/// and each process (run, host, pid, repeat) gets an intercept of its own.
///
/// A strategy whose every `ok` trial ran alone in a fresh process (`process`) has
/// `models_before` 0 everywhere: nothing can accumulate by construction, and a fit
/// against it is undefined. Its growth is taken against ``Axis/trialIndex`` instead,
/// which asks a different question: does the per-trial cost drift over the run (a
/// warming fork server, a busier machine)? Reports say which axis they used.
public enum ModelsCreated {
    /// What a strategy's growth is measured against.
    public enum Axis: String, Sendable, Codable {
        /// Models created before the trial in its own process (`models_before`).
        case modelsInProcess = "models-in-process"
        /// The trial's index in the run, for strategies that ran every trial in a fresh
        /// process: growth is then drift per trial over the run, not accumulation.
        case trialIndex = "trial-index"
    }

    /// The process that ran a record's trial, or the repeat of a run on the trial-index axis.
    public struct Sequence: Hashable, Sendable {
        var run: String
        var host: String
        var pid: Int32
        var `repeat`: Int
    }

    /// The axis of the growth fits of `records`, which belong to one strategy:
    /// ``Axis/trialIndex`` when there are at least two `ok` records and each of them
    /// ran first in a process of its own, ``Axis/modelsInProcess`` otherwise.
    public static func axis(of records: [TrialRecord]) -> Axis {
        var perProcess: [Sequence: Int] = [:]
        for record in records { perProcess[sequence(of: record, axis: .modelsInProcess), default: 0] += 1 }
        let ok = records.filter { $0.outcome == .ok }
        guard ok.count >= 2 else { return .modelsInProcess }
        let alone = ok.allSatisfy {
            $0.modelsBefore == 0 && perProcess[sequence(of: $0, axis: .modelsInProcess)] == 1
        }
        return alone ? .trialIndex : .modelsInProcess
    }

    /// The x of `record` on `axis`.
    public static func x(of record: TrialRecord, axis: Axis) -> Double {
        Double(axis == .trialIndex ? record.trial : record.modelsBefore)
    }

    /// What accumulates on `axis`: the record's process, or its run's repeat when every
    /// trial had a process of its own.
    public static func sequence(of record: TrialRecord, axis: Axis) -> Sequence {
        axis == .trialIndex
            ? Sequence(run: record.runID, host: "", pid: 0, repeat: record.repeat)
            : Sequence(run: record.runID, host: record.host, pid: record.pid, repeat: record.repeat)
    }
}
