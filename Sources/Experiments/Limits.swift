/// The bounds of every count an experiment file or a flag may set: wide enough for
/// any real run, narrow enough that a slip of the keyboard (`--trials 1000000000000`)
/// is refused with a message instead of exhausting memory before the first trial. A
/// run's plan holds one small value per trial, so trials × repeats is bounded too.
public enum Limits {
    /// Trials (models) per strategy and repeat.
    public static let trials = 1...100_000
    /// Repeats of each strategy.
    public static let repeats = 1...100
    /// Trials × repeats: the trials of one strategy over the whole run.
    public static let trialsPerStrategy = 100_000
    /// Worker processes (0 in a file: one per core).
    public static let workers = 1...1024
    /// `pool`: trials before a worker is recycled.
    public static let maxTrialsPerWorker = 1...1_000_000
    /// Attempts after the first for a trial whose worker was lost.
    public static let retries = 0...10
    /// Seconds a trial may run (0: no limit): at most a week.
    public static let trialTimeoutSeconds = 0.0...604_800
    /// Seconds of silence before a worker is taken for lost.
    public static let heartbeatTimeoutSeconds = 0.001...86_400
    /// Seconds a worker waits for a coordinator at its endpoint before giving up.
    public static let connectTimeoutSeconds = 0.001...86_400
    /// Runs a standalone collector waits for (0: until interrupted).
    public static let collectorRuns = 0...1_000_000

    /// "must be between 1 and 100000" for a range, for messages.
    public static func phrase(_ range: ClosedRange<Int>) -> String {
        "must be between \(range.lowerBound) and \(range.upperBound)"
    }

    /// "must be between 0 and 604800 seconds" for a range, for messages.
    public static func phrase(_ range: ClosedRange<Double>, unit: String) -> String {
        "must be between \(number(range.lowerBound)) and \(number(range.upperBound)) \(unit)"
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
    }
}
