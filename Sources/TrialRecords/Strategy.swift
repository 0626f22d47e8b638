/// What a trial shares with the trials before it.
///
/// The first four run inside one process and differ in which TensorFlow-1-style
/// global state they keep; the last two buy isolation with processes.
///
/// Open: a record from a worker in another language may name a strategy this
/// build does not know, and it still reads and reports. Configs and flags accept
/// only ``known`` names (see ``named(_:)``).
public struct Strategy: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    /// The name, as in `Config/` and in records (`no-clear`, `clear`, ...).
    public let rawValue: String

    /// Any name, known or not; use ``named(_:)`` to accept only known ones.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// Every model in the same default graph and Keras session: all state is shared.
    public static let noClear = Strategy(rawValue: "no-clear")
    /// `Backend.clearSession()` after each model: nothing but the process is shared.
    public static let clear = Strategy(rawValue: "clear")
    /// Each model inside a fresh session made default for its scope, as
    /// `with tf.Session().as_default():` — the default graph is still shared.
    public static let scopedSession = Strategy(rawValue: "scoped-session")
    /// Each model inside a fresh graph and session: nothing but the process is shared.
    public static let scopedGraph = Strategy(rawValue: "scoped-graph")
    /// A fresh worker process for each trial: nothing is shared.
    public static let process = Strategy(rawValue: "process")
    /// Long-lived workers that clear between trials and are recycled after N
    /// trials or past a memory limit.
    public static let pool = Strategy(rawValue: "pool")

    /// The strategies this build runs, in canonical order.
    public static let known: [Strategy] = [.noClear, .clear, .scopedSession, .scopedGraph, .process, .pool]

    /// The names of ``known``, as configs and the command line accept them.
    public static let allNames = known.map(\.rawValue)

    /// The known strategy called `name`, nil for any other name.
    public static func named(_ name: String) -> Strategy? {
        known.first { $0.rawValue == name }
    }

    /// Whether this build knows (and can run) the strategy.
    public var isKnown: Bool { Self.known.contains(self) }

    /// Whether the strategy's isolation is a process of its own.
    public var isolatesProcesses: Bool { self == .process || self == .pool }

    /// The in-process discipline a worker applies around a trial of this strategy:
    /// a fresh process has nothing to clean up (it exits after the trial), and a
    /// pool worker clears after each trial. Any other strategy is its own.
    public var inProcessDiscipline: Strategy {
        switch self {
        case .process: .noClear
        case .pool: .clear
        default: self
        }
    }

    /// A strategy written by name, as tests and examples do: `let strategy: Strategy = "clear"`.
    public init(stringLiteral name: String) {
        self.init(rawValue: name)
    }

    public var description: String { rawValue }
}
