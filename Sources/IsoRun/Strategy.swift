/// What a trial shares with the trials before it.
///
/// The first four run inside one process and differ in which TensorFlow-1-style
/// global state they keep; the last two buy isolation with processes.
public enum Strategy: String, CaseIterable, Codable, Sendable {
    /// Every model in the same default graph and Keras session: all state is shared.
    case noClear = "no-clear"
    /// `Backend.clearSession()` after each model: nothing but the process is shared.
    case clear
    /// Each model inside a fresh session made default for its scope, as
    /// `with tf.Session().as_default():` — the default graph is still shared.
    case scopedSession = "scoped-session"
    /// Each model inside a fresh graph and session: nothing but the process is shared.
    case scopedGraph = "scoped-graph"
    /// A fresh worker process for each trial: nothing is shared.
    case process
    /// Long-lived workers that clear between trials and are recycled after N
    /// trials or past a memory limit.
    case pool

    /// The names accepted in configs and on the command line, in canonical order.
    public static let allNames = allCases.map(\.rawValue)

    /// Whether the strategy's isolation is a process of its own.
    public var isolatesProcesses: Bool { self == .process || self == .pool }

    /// The in-process discipline a worker applies around a trial of this strategy:
    /// a fresh process has nothing to clean up (it exits after the trial), and a
    /// pool worker clears after each trial.
    public var inProcessDiscipline: Strategy {
        switch self {
        case .process: .noClear
        case .pool: .clear
        default: self
        }
    }
}
