/// How the process that ran a trial came to be.
///
/// Open, like ``Strategy``: a record may carry a launch this build does not know.
public struct Launch: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The name as records carry it.
    public let rawValue: String

    /// Any name, known or not; use ``named(_:)`` to accept only known ones.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// The trial ran in the `isorun` process itself (a run without workers).
    public static let inProcess = Launch(rawValue: "in-process")
    /// `posix_spawn` of the worker command: the whole start-up every time.
    public static let exec = Launch(rawValue: "exec")
    /// A single-threaded zygote, started once with the libraries loaded, forks
    /// a fresh child per trial.
    public static let forkServer = Launch(rawValue: "fork-server")
    /// A worker started by hand (or by another tool) that connected on its own.
    public static let external = Launch(rawValue: "external")
    /// A worker the coordinator started through Slurm's `srun`, on whichever
    /// node Slurm chose (`isorun run --launcher slurm`).
    public static let srun = Launch(rawValue: "srun")

    /// The launches this build knows, in canonical order.
    public static let known: [Launch] = [.inProcess, .exec, .forkServer, .external, .srun]

    /// The known launch called `name`, nil for any other name.
    public static func named(_ name: String) -> Launch? {
        known.first { $0.rawValue == name }
    }

    public var description: String { rawValue }
}
